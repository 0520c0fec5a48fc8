// Every page of the site: its file, title and layout. The build writes one HTML file per entry from
// one template, so the header, the skip link and the head are the same everywhere.

export interface PageSpec {
  /** The HTML file and the script under pages/ of the same name. */
  readonly name: string;
  /** The document title before the page sets a more precise one. */
  readonly title: string;
  /** A heading over the content, for pages whose subject does not change. */
  readonly heading?: string;
  /** The wider layout of the Office's tables. */
  readonly wide?: boolean;
}

export const PAGES: readonly PageSpec[] = [
  { name: 'index', title: 'Trang chủ' },
  { name: 'register', title: 'Đăng ký mô hình' },
  { name: 'cell', title: 'Chi bộ' },
  { name: 'model', title: 'Mô hình' },
  { name: 'timeline', title: 'Dòng thời gian của mô hình' },
  { name: 'dashboard', title: 'Bảng theo dõi các chi bộ', heading: 'Bảng theo dõi các chi bộ', wide: true },
  { name: 'reports', title: 'Báo cáo', heading: 'Báo cáo', wide: true },
  { name: 'documents', title: 'Văn bản', heading: 'Sổ văn bản', wide: true },
  { name: 'campaigns', title: 'Phong trào thi đua', heading: 'Phong trào thi đua', wide: true },
  { name: 'organization', title: 'Chi bộ và đảng viên', heading: 'Chi bộ và đảng viên', wide: true },
  { name: 'audit', title: 'Nhật ký thay đổi hồ sơ', heading: 'Nhật ký thay đổi hồ sơ', wide: true },
  { name: 'extensions', title: 'Gia hạn đăng ký', heading: 'Gia hạn đăng ký', wide: true },
  { name: 'outbox', title: 'Hộp thư đã gửi (máy cục bộ)', heading: 'Hộp thư đã gửi (máy cục bộ)' },
  { name: 'signed-in', title: 'Đang đăng nhập' },
  { name: '404', title: 'Không tìm thấy trang' },
];
