// The registration form's eight text sections, in the order the form shows
// them: each name and its label are written once, in this list.

const SECTIONS = [
  ['situation', 'Thực trạng và vấn đề cần giải quyết'],
  ['goals', 'Mục tiêu và tiêu chí'],
  ['methods', 'Nội dung và phương pháp thực hiện'],
  ['scope', 'Phạm vi và đối tượng thụ hưởng'],
  ['forces', 'Lực lượng thực hiện và vai trò'],
  ['resources', 'Nguồn lực và tiến độ'],
  ['expectedResults', 'Kết quả dự kiến đo lường được'],
  ['sustainability', 'Tính bền vững và khả năng nhân rộng'],
] as const;

export type ModelSection = (typeof SECTIONS)[number][0];

/** The sections' names, in the form's order. */
export const MODEL_SECTIONS: readonly ModelSection[] = SECTIONS.map(([name]) => name);

/** The sections' labels on the form. */
export const SECTION_LABELS = Object.fromEntries(SECTIONS) as Readonly<Record<ModelSection, string>>;
