// Vietnamese labels, copied from shared/domain/model-text.ts (the pages cannot import TypeScript);
// keep the two in step.

/** The model's states as people read them. */
export const STATUS_LABELS = {
  registered: 'Đã đăng ký',
  implementing: 'Đang thực hiện',
  self_assessed: 'Đã tự đánh giá',
  reviewed: 'Đã xét',
  recognized: 'Được công nhận',
  not_recognized: 'Không được công nhận',
  missed_self_assessment: 'Quá hạn tự đánh giá',
  withdrawn: 'Đã rút',
};

/** The two kinds of model. */
export const KIND_LABELS = { collective: 'Tập thể', individual: 'Cá nhân' };

/** The tiers above recognition. */
export const TIER_LABELS = { exemplary: 'Tiêu biểu', commended: 'Được đề nghị khen thưởng' };

/** The five recognition principles, in the order of the plan. */
export const PRINCIPLE_LABELS = {
  registered: 'Có đăng ký thực hiện mô hình, điển hình',
  democraticVote: 'Thực sự công khai, dân chủ trong bình chọn',
  meetsStandard: 'Đúng tiêu chuẩn, được tập thể nơi điển hình thừa nhận',
  spread: 'Có sức lan tỏa cao trong cơ quan, đơn vị',
  cellRecognized: 'Được Chi ủy, Chi bộ công nhận “khéo” trong tuyên truyền, vận động',
};

/** The roles, short enough for badges. */
/** Short role names for the header's badges (model-text.ts has the full titles). */
export const ROLE_BADGES = {
  office: 'Văn phòng Đảng ủy',
  committee: 'Ủy viên BCH Đảng bộ',
  inspector: 'Ủy ban Kiểm tra',
  secretary: 'Bí thư chi bộ',
  member: 'Đảng viên',
};

/** The registration form's eight sections, in the form's order. */
export const SECTION_LABELS = {
  situation: 'Thực trạng và vấn đề cần giải quyết',
  goals: 'Mục tiêu và tiêu chí',
  methods: 'Nội dung và phương pháp thực hiện',
  scope: 'Phạm vi và đối tượng thụ hưởng',
  forces: 'Lực lượng thực hiện và vai trò',
  resources: 'Nguồn lực và tiến độ',
  expectedResults: 'Kết quả dự kiến đo lường được',
  sustainability: 'Tính bền vững và khả năng nhân rộng',
};

/** The vote's five counts, as the minutes of a meeting name them. */
export const VOTE_LABELS = {
  eligible: 'Số người có quyền biểu quyết',
  present: 'Số người có mặt',
  for: 'Tán thành',
  against: 'Không tán thành',
  abstain: 'Không biểu quyết',
};

/** Length limits of shared/http/schemas.ts. */
export const LIMITS = { titleMin: 5, titleMax: 200, sectionMax: 4000 };
