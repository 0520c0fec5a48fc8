// The emails of the daily periodic review, in Vietnamese; each is addressed to one person
// (shared/mail/templates.ts adds the greeting by name).
import { formatLocalDate } from '../domain/calendar.ts';
import type { CellCompliance } from '../domain/compliance.ts';
import { KIND_LABELS } from '../domain/model-kinds.ts';
import { countsAsRegistered } from '../domain/model-status.ts';
import type { ReportData } from '../domain/reports.ts';
import type { Campaign, Phase } from '../domain/types.ts';
import { type MailContent, mailContent } from './templates.ts';

export interface JobMailContext {
  readonly webUrl: string;
  readonly campaign: Campaign;
  readonly year: number;
}

function minimumText(campaign: Campaign): string {
  return `ít nhất ${campaign.minimumPerCell.collective} mô hình tập thể và ${campaign.minimumPerCell.individual} mô hình cá nhân`;
}

function reportLink(context: JobMailContext, kind: string, query: string) {
  return {
    url: `${context.webUrl}/reports.html?kind=${kind}&campaignId=${encodeURIComponent(context.campaign.id)}&${query}`,
    label: 'Xem báo cáo (tải XLSX, in)',
  };
}

/**
 * How many lines of a list one email shows at most. A large committee's lists
 * (every cell, every model) would make an email nobody reads, heavier than
 * the outbox record (DynamoDB's 400 KB) may hold; the rest is in the report
 * the email links to.
 */
export const MAIL_LIST_MAX = 200;

/**
 * The lines an email shows: all of them up to MAIL_LIST_MAX; beyond, those
 * needing attention first, then a last line saying how many are left out.
 */
function shownLines(
  lines: readonly { readonly text: string; readonly attention: boolean }[],
  leftOut: (count: number) => string,
): string[] {
  if (lines.length <= MAIL_LIST_MAX) return lines.map((line) => line.text);
  const ordered = [...lines.filter((line) => line.attention), ...lines.filter((line) => !line.attention)];
  return [...ordered.slice(0, MAIL_LIST_MAX).map((line) => line.text), leftOut(lines.length - MAIL_LIST_MAX)];
}

/** Short text of a report's numbers, for the body of a mail. */
function totalsText(report: ReportData): string {
  const t = report.totals;
  return `Tổng số ${t.total} mô hình (${t.collective} tập thể, ${t.individual} cá nhân); được công nhận ${t.recognized}; tiêu biểu ${t.exemplary}; đề nghị khen thưởng ${t.commended}.`;
}

export const jobMail = {
  windowOpening: (
    context: JobMailContext,
    cellName: string,
    window: { opens: string; closes: string },
  ): MailContent =>
    mailContent(
      `Mở đăng ký mô hình “Dân vận khéo” năm ${context.year}`,
      [
        `Thực hiện ${context.campaign.name}, việc đăng ký mô hình, điển hình năm ${context.year} bắt đầu từ ngày ${formatLocalDate(window.opens)} đến hết ngày ${formatLocalDate(window.closes)}.`,
        `Đề nghị ${cellName} khảo sát tâm tư, nguyện vọng của đảng viên, chọn vấn đề bức xúc của đơn vị để đăng ký ${minimumText(context.campaign)}, tổng hợp danh sách gửi Đảng ủy.`,
      ],
      {
        url: `${context.webUrl}/register.html?campaignId=${encodeURIComponent(context.campaign.id)}&year=${context.year}`,
        label: 'Đăng ký mô hình',
      },
    ),

  registrationReminder: (
    context: JobMailContext,
    cellName: string,
    compliance: CellCompliance,
    closes: string,
  ): MailContent => {
    const missing = [
      compliance.collectiveRegistered < context.campaign.minimumPerCell.collective ? 'mô hình tập thể' : '',
      compliance.individualRegistered < context.campaign.minimumPerCell.individual ? 'mô hình cá nhân' : '',
    ].filter((part) => part !== '');
    return mailContent(
      `Nhắc đăng ký: ${cellName} còn thiếu ${missing.join(' và ')} năm ${context.year}`,
      [
        `Đến nay chi bộ đã đăng ký ${compliance.collectiveRegistered} mô hình tập thể và ${compliance.individualRegistered} mô hình cá nhân năm ${context.year}; còn thiếu ${missing.join(' và ')} (mỗi chi bộ ${minimumText(context.campaign)}).`,
        `Thời hạn đăng ký kết thúc vào hết ngày ${formatLocalDate(closes)}. Đề nghị chi bộ hoàn thành đăng ký đúng hạn.`,
      ],
      {
        url: `${context.webUrl}/register.html?campaignId=${encodeURIComponent(context.campaign.id)}&year=${context.year}`,
        label: 'Đăng ký mô hình',
      },
    );
  },

  registrationList: (context: JobMailContext, report: ReportData): MailContent => {
    const flagged = new Set(report.flagged.map((flag) => flag.cellId));
    const perCell = report.cells.map((cell) => {
      const models = report.models.filter(
        (model) => model.cellId === cell.cellId && countsAsRegistered(model.status),
      );
      const list =
        models.length === 0
          ? '(chưa đăng ký mô hình nào)'
          : models
              .map((model) => `${KIND_LABELS[model.kind]}: “${model.title}” — ${model.personName}`)
              .join('; ');
      const attention = flagged.has(cell.cellId);
      return { text: `${attention ? '[CHƯA ĐỦ] ' : ''}${cell.cellName}: ${list}.`, attention };
    });
    return mailContent(
      `Danh sách đăng ký mô hình “Dân vận khéo” năm ${context.year}${report.flagged.length > 0 ? ` — ${report.flagged.length} chi bộ chưa đủ` : ''}`,
      [
        `Thời hạn đăng ký năm ${context.year} đã kết thúc. Danh sách mô hình các chi bộ đã đăng ký như sau (chi bộ chưa đủ ${minimumText(context.campaign)} được đánh dấu [CHƯA ĐỦ]):`,
        ...shownLines(
          perCell,
          (count) => `… và ${count} chi bộ khác: xem đầy đủ trong danh sách (đường dẫn dưới đây).`,
        ),
        totalsText(report),
      ],
      reportLink(context, 'registration-list', `year=${context.year}`),
    );
  },

  selfAssessmentReminder: (
    context: JobMailContext,
    model: { title: string; kind: 'collective' | 'individual'; id: string },
    cellName: string,
    lastDay: string,
    daysLeft: number,
  ): MailContent =>
    mailContent(
      `Nhắc tự đánh giá mô hình: còn ${daysLeft} ngày (hạn ${formatLocalDate(lastDay)})`,
      [
        `Mô hình ${KIND_LABELS[model.kind].toLowerCase()} “${model.title}” của ${cellName} (năm ${context.year}) chưa có báo cáo tự đánh giá, báo cáo kết quả.`,
        `Hạn cuối là hết ngày ${formatLocalDate(lastDay)}. Quá hạn, mô hình sẽ không được xét công nhận năm nay.`,
      ],
      {
        url: `${context.webUrl}/model.html?id=${encodeURIComponent(model.id)}`,
        label: 'Tự đánh giá mô hình',
      },
    ),

  reviewDigest: (
    context: JobMailContext,
    models: readonly { title: string; kind: 'collective' | 'individual'; id: string; cellName: string }[],
    lastDay: string,
  ): MailContent =>
    mailContent(
      `Mô hình chờ xét, công nhận năm ${context.year}: ${models.length} mô hình của các chi bộ đồng chí theo dõi`,
      [
        `Các mô hình sau của các chi bộ đồng chí theo dõi đã tự đánh giá và đang chờ Ban Chấp hành xét, công nhận (hạn cuối hết ngày ${formatLocalDate(lastDay)}):`,
        ...shownLines(
          models.map((model) => ({
            text: `- ${model.cellName}: mô hình ${KIND_LABELS[model.kind].toLowerCase()} “${model.title}” (${context.webUrl}/model.html?id=${encodeURIComponent(model.id)})`,
            attention: false,
          })),
          (count) => `… và ${count} mô hình khác: xem trong danh sách việc cần làm (đường dẫn dưới đây).`,
        ),
      ],
      { url: `${context.webUrl}/`, label: 'Xem việc cần làm' },
    ),

  recognitionCompliance: (
    context: JobMailContext,
    lines: readonly { cellName: string; compliance: CellCompliance }[],
  ): MailContent => {
    const failing = lines.filter((line) => !line.compliance.compliant);
    return mailContent(
      `Kết quả công nhận mô hình năm ${context.year}: ${failing.length === 0 ? 'tất cả chi bộ đạt yêu cầu' : `${failing.length} chi bộ chưa đạt`}`,
      [
        `Đã hết hạn xét, công nhận mô hình đăng ký năm ${context.year}. Yêu cầu: mỗi chi bộ có ${minimumText(context.campaign)} được công nhận.`,
        ...shownLines(
          lines.map((line) => ({
            text: `${line.compliance.compliant ? '' : '[CHƯA ĐẠT] '}${line.cellName}: ${line.compliance.collectiveRecognized} tập thể, ${line.compliance.individualRecognized} cá nhân được công nhận.`,
            attention: !line.compliance.compliant,
          })),
          (count) => `… và ${count} chi bộ khác: xem đầy đủ trong báo cáo (đường dẫn dưới đây).`,
        ),
      ],
      reportLink(context, 'annual', `year=${context.year}`),
    );
  },

  annualReport: (context: JobMailContext, report: ReportData): MailContent =>
    mailContent(
      `Báo cáo kết quả phong trào “Dân vận khéo” năm ${context.year}`,
      [
        `Báo cáo kết quả thực hiện mô hình, điển hình “Dân vận khéo” đăng ký năm ${context.year}. ${report.countsUpToText}`,
        totalsText(report),
        report.flagged.length === 0
          ? 'Tất cả chi bộ đạt yêu cầu.'
          : `Chi bộ chưa đạt yêu cầu: ${[...new Set(report.flagged.map((flag) => flag.cellName))].join('; ')}.`,
      ],
      reportLink(context, 'annual', `year=${context.year}`),
    ),

  phaseReviewReminder: (context: JobMailContext, phase: Phase): MailContent =>
    mailContent(
      `Chuẩn bị ${phase.review === 'final' ? 'tổng kết' : 'sơ kết'} phong trào “Dân vận khéo” — ${phase.name}`,
      [
        `${phase.review === 'final' ? 'Tổng kết' : 'Sơ kết'} ${context.campaign.name} (${phase.name}) phải hoàn thành trước hết ngày ${formatLocalDate(phase.reviewDeadline)}.`,
        'Đề nghị các chi bộ rà soát kết quả, lựa chọn mô hình tiêu biểu để đề nghị biểu dương, khen thưởng; Văn phòng Đảng ủy chuẩn bị báo cáo.',
      ],
      reportLink(context, 'phase', `phaseId=${encodeURIComponent(phase.id)}`),
    ),

  phaseReport: (context: JobMailContext, phase: Phase, report: ReportData): MailContent =>
    mailContent(
      `${phase.review === 'final' ? 'Báo cáo tổng kết' : 'Báo cáo sơ kết'} phong trào “Dân vận khéo” — ${phase.name}`,
      [
        `${report.title} (các năm đăng ký ${report.years.join(', ')}). ${report.countsUpToText}`,
        totalsText(report),
        `Còn đang thực hiện hoặc chờ xét: ${report.pending.length} mô hình; không được công nhận, bỏ lỡ tự đánh giá hoặc quá hạn xét: ${report.unsuccessful.length} mô hình.`,
        report.flagged.length === 0
          ? 'Tất cả chi bộ đạt yêu cầu.'
          : `Chi bộ chưa đạt yêu cầu (lượt): ${report.flagged.length}.`,
      ],
      reportLink(context, 'phase', `phaseId=${encodeURIComponent(phase.id)}`),
    ),
};
