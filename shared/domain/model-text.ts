// Vietnamese labels shown to people; one place so pages, emails and error messages agree.
import type { Principle } from './recognition.ts';
import type { ModelKind, ModelSection, ModelStatus, ModelTier, Role, Vote } from './types.ts';

/** The model's states as people read them. */
export const STATUS_LABELS: Readonly<Record<ModelStatus, string>> = {
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
export const KIND_LABELS: Readonly<Record<ModelKind, string>> = {
  collective: 'Tập thể',
  individual: 'Cá nhân',
};

/** The tiers above recognition. */
export const TIER_LABELS: Readonly<Record<ModelTier, string>> = {
  exemplary: 'Tiêu biểu',
  commended: 'Được đề nghị khen thưởng',
};

/** The five recognition principles of the plan (section III.5), shortened for forms. */
export const PRINCIPLE_LABELS: Readonly<Record<Principle, string>> = {
  registered: 'Có đăng ký thực hiện mô hình, điển hình',
  democraticVote: 'Thực sự công khai, dân chủ trong bình chọn',
  meetsStandard: 'Đúng tiêu chuẩn, được tập thể nơi điển hình thừa nhận',
  spread: 'Có sức lan tỏa cao trong cơ quan, đơn vị',
  cellRecognized: 'Được Chi ủy, Chi bộ công nhận “khéo” trong tuyên truyền, vận động',
};

/** Short role names for badges (the header, the sign-in list); ROLE_LABELS has the full titles. */
export const ROLE_BADGES: Readonly<Record<Role, string>> = {
  office: 'Văn phòng Đảng ủy',
  committee: 'Ủy viên BCH Đảng bộ',
  inspector: 'Ủy ban Kiểm tra',
  secretary: 'Bí thư chi bộ',
  member: 'Đảng viên',
};

/** The roles of DESIGN §2. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  office: 'Văn phòng Đảng ủy',
  committee: 'Ban Chấp hành Đảng bộ',
  inspector: 'Ủy ban Kiểm tra Đảng ủy',
  secretary: 'Bí thư, Chi ủy',
  member: 'Đảng viên, công chức, viên chức, người lao động',
};

/** The registration form's text sections. */
export const SECTION_LABELS: Readonly<Record<ModelSection, string>> = {
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
export const VOTE_LABELS: Readonly<Record<keyof Vote, string>> = {
  eligible: 'Số người có quyền biểu quyết',
  present: 'Số người có mặt',
  for: 'Tán thành',
  against: 'Không tán thành',
  abstain: 'Không biểu quyết',
};

/** The review's two decisions, as the form offers them. */
export const DECISION_LABELS: Readonly<Record<'recognized' | 'not_recognized', string>> = {
  recognized: 'Công nhận',
  not_recognized: 'Không công nhận',
};

/** A campaign's states. */
export const CAMPAIGN_STATUS_LABELS: Readonly<Record<'draft' | 'active' | 'closed', string>> = {
  draft: 'Nháp',
  active: 'Đang thực hiện',
  closed: 'Đã kết thúc',
};

/** The two kinds of phase review. */
export const PHASE_REVIEW_LABELS: Readonly<Record<'preliminary' | 'final', string>> = {
  preliminary: 'Sơ kết',
  final: 'Tổng kết',
};

/** Where a commendation is proposed to. */
export const COMMENDATION_LEVEL_LABELS: Readonly<Record<'party_committee' | 'higher', string>> = {
  party_committee: 'Đảng ủy Sở',
  higher: 'Cấp trên',
};
