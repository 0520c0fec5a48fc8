// Vietnamese labels shown to people; one place so pages, emails and error messages agree.
import type { Principle } from './recognition.ts';
import type { ModelKind, ModelSection, ModelStatus, ModelTier, Role } from './types.ts';

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
