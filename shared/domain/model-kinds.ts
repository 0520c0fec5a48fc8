// The two kinds of model: a cell's collective one and a person's individual one.

export const MODEL_KINDS = ['collective', 'individual'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The kinds as people read them. */
export const KIND_LABELS: Readonly<Record<ModelKind, string>> = {
  collective: 'Tập thể',
  individual: 'Cá nhân',
};
