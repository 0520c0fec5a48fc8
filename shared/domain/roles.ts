// Who a person is in the system: the roles, and how people read them.

export const ROLES = ['office', 'committee', 'inspector', 'secretary', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** The roles' full titles. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  office: 'Văn phòng Đảng ủy',
  committee: 'Ban Chấp hành Đảng bộ',
  inspector: 'Ủy ban Kiểm tra Đảng ủy',
  secretary: 'Bí thư, Chi ủy',
  member: 'Đảng viên, công chức, viên chức, người lao động',
};

/** Short role names for badges (the header, the sign-in list). */
export const ROLE_BADGES: Readonly<Record<Role, string>> = {
  office: 'Văn phòng Đảng ủy',
  committee: 'Ủy viên BCH Đảng bộ',
  inspector: 'Ủy ban Kiểm tra',
  secretary: 'Bí thư chi bộ',
  member: 'Đảng viên',
};
