// The tiers above recognition (exemplary, then commended) and the levels a commendation goes to.

export const MODEL_TIERS = ['exemplary', 'commended'] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

/** The tiers as people read them. */
export const TIER_LABELS: Readonly<Record<ModelTier, string>> = {
  exemplary: 'Tiêu biểu',
  commended: 'Được đề nghị khen thưởng',
};

export const COMMENDATION_LEVELS = ['party_committee', 'higher'] as const;
export type CommendationLevel = (typeof COMMENDATION_LEVELS)[number];

/** Where a commendation is proposed to. */
export const COMMENDATION_LEVEL_LABELS: Readonly<Record<CommendationLevel, string>> = {
  party_committee: 'Đảng ủy Sở',
  higher: 'Cấp trên',
};
