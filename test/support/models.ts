// A valid registration body, for tests to vary.
export function registrationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    campaignId: 'dvk-2016-2020',
    year: 2016,
    kind: 'collective',
    cellId: 'thanh-tra',
    title: 'Tiếp công dân khéo, giải quyết khiếu nại tận gốc',
    area: 3,
    subField: 'Cải cách hành chính',
    situation: 'Nhiều đơn thư khiếu nại kéo dài, công dân đi lại nhiều lần.',
    goals: 'Giảm 30% số lượt công dân phải đến lần thứ hai.',
    methods: 'Lắng nghe, đối thoại, hướng dẫn tận tình; phân công theo dõi từng vụ việc.',
    scope: 'Công dân đến Thanh tra Sở; toàn thể công chức Thanh tra.',
    forces: 'Chi bộ lãnh đạo; Chánh Thanh tra chỉ đạo; công chức thực hiện.',
    resources: 'Kinh phí thường xuyên; từ 10/2016 đến 8/2017.',
    expectedResults: 'Tỷ lệ vụ việc giải quyết dứt điểm đạt 95%.',
    sustainability: 'Quy chế tiếp dân được sửa đổi, áp dụng lâu dài và nhân rộng cho các phòng.',
    ...overrides,
  };
}

/** A review's five principles, every one met with its note. */
export const allMet = {
  registered: { met: true, note: 'Có đăng ký đúng hạn' },
  democraticVote: { met: true, note: 'Bỏ phiếu công khai' },
  meetsStandard: { met: true, note: 'Đúng tiêu chuẩn Hướng dẫn 01-HD/BDVTU' },
  spread: { met: true, note: 'Lan tỏa trong toàn cơ quan' },
  cellRecognized: { met: true, note: 'Chi bộ công nhận khéo' },
};
