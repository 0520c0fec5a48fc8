// The emails people receive, in Vietnamese, each with a text and an HTML part.
// A template writes what a message says; `addressTo` makes one message per
// person out of it, greeting them by name ("Kính gửi đồng chí Cao Văn Tiến").
import { formatDateTime, formatLocalDate, lastDayBefore } from '../domain/calendar.ts';
import type { Model, ReturnRequest } from '../domain/model.ts';
import { KIND_LABELS } from '../domain/model-kinds.ts';
import { STATUS_LABELS } from '../domain/model-status.ts';
import { TIER_LABELS } from '../domain/tiers.ts';

const SIGNATURE = 'Văn phòng Đảng ủy Sở Tư pháp — Phong trào thi đua “Dân vận khéo”';

/** What a message says, before it is addressed to anyone. */
export interface MailContent {
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly link?: { readonly url: string; readonly label: string };
}

/** One person a message goes to; `title` follows the name in the greeting (e.g. "Bí thư Chi bộ …"). */
export interface Recipient {
  readonly email: string;
  readonly name: string;
  readonly title?: string;
}

/** A message addressed to one person, ready for the outbox. */
export interface Mail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A message's content from its subject, paragraphs and an optional link. */
export function mailContent(
  subject: string,
  paragraphs: readonly string[],
  link?: { url: string; label: string },
): MailContent {
  return { subject, paragraphs, ...(link ? { link } : {}) };
}

/** The greeting line of a message to one person. */
export function greeting(recipient: Recipient): string {
  return `Kính gửi đồng chí ${recipient.name}${recipient.title ? `, ${recipient.title}` : ''},`;
}

/** The message for one person: the greeting by name, the content, the link and the signature. */
export function addressTo(recipient: Recipient, content: MailContent): Mail {
  const paragraphs = [greeting(recipient), ...content.paragraphs];
  const { link, subject } = content;
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), '', SIGNATURE].join('\n\n');
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,sans-serif;line-height:1.5;color:#1f1f1f">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : ''}
<p style="color:#5f6368">${escapeHtml(SIGNATURE)}</p></body></html>`;
  return { to: [recipient.email], subject, text, html };
}

function describe(model: Model): string {
  return `mô hình ${KIND_LABELS[model.kind].toLowerCase()} “${model.title}” (mã ${model.id}, năm ${model.year})`;
}

/** A deadline as the pages state it: "hết ngày 31/08/2017" for a deadline of 01/09/2017 00:00:00. */
export function lastDayText(dueBefore: string): string {
  return `hết ngày ${formatLocalDate(lastDayBefore(new Date(dueBefore)))}`;
}

export interface MailContext {
  readonly webUrl: string;
  readonly cellName: string;
  readonly personName?: string;
}

function modelLink(model: Model, context: MailContext) {
  return { url: `${context.webUrl}/model.html?id=${encodeURIComponent(model.id)}`, label: 'Xem mô hình' };
}

/** What each step of the cycle tells the people concerned. */
export const cycleMail = {
  registered: (model: Model, context: MailContext, at: Date) =>
    mailContent(
      `Xác nhận đăng ký mô hình “Dân vận khéo”: ${model.title}`,
      [
        `${context.cellName} đã đăng ký ${describe(model)}${context.personName ? ` do đồng chí ${context.personName} thực hiện` : ''} lúc ${formatDateTime(at)}.`,
        `Hạn tự đánh giá, báo cáo kết quả: ${lastDayText(model.selfAssessmentDueBefore)}.`,
      ],
      modelLink(model, context),
    ),
  missed_self_assessment: (model: Model, context: MailContext) =>
    mailContent(
      `Quá hạn tự đánh giá mô hình: ${model.title}`,
      [
        `${describe(model)} của ${context.cellName} chưa tự đánh giá, báo cáo kết quả trong hạn (${lastDayText(model.selfAssessmentDueBefore)}).`,
        `Mô hình chuyển sang trạng thái “${STATUS_LABELS.missed_self_assessment}” và không được xét công nhận năm nay.`,
      ],
      modelLink(model, context),
    ),
  self_assessed: (model: Model, context: MailContext, at: Date) =>
    mailContent(
      `Đã nhận báo cáo tự đánh giá: ${model.title}`,
      [
        `Báo cáo tự đánh giá ${describe(model)} của ${context.cellName} đã được ghi nhận lúc ${formatDateTime(at)}.`,
        `Ban Chấp hành Đảng bộ sẽ xem xét, bình xét công nhận theo năm nguyên tắc của kế hoạch (hạn xét: ${lastDayText(model.reviewDueBefore)}).`,
      ],
      modelLink(model, context),
    ),
  recognized: (model: Model, context: MailContext) =>
    mailContent(
      `Mô hình được công nhận “Dân vận khéo”: ${model.title}`,
      [
        `Ban Chấp hành Đảng bộ đã công nhận ${describe(model)} của ${context.cellName} là mô hình, điển hình “Dân vận khéo”.`,
      ],
      modelLink(model, context),
    ),
  not_recognized: (model: Model, context: MailContext, reasons: string) =>
    mailContent(
      `Kết quả xét công nhận mô hình: ${model.title}`,
      [
        `Ban Chấp hành Đảng bộ chưa công nhận ${describe(model)} của ${context.cellName}.`,
        `Lý do: ${reasons}`,
      ],
      modelLink(model, context),
    ),
  returned: (model: Model, context: MailContext, request: ReturnRequest) =>
    mailContent(
      `Đăng ký mô hình được trả lại để bổ sung: ${model.title}`,
      [
        `Đăng ký ${describe(model)} của ${context.cellName} được trả lại lúc ${formatDateTime(new Date(request.at))} để chi bộ bổ sung.`,
        `Nội dung cần bổ sung: ${request.reason}`,
        `Mô hình chỉ được tính là đã đăng ký khi chi bộ gửi lại đăng ký đã bổ sung, trước ${formatDateTime(new Date(request.completeBefore))}.`,
      ],
      {
        url: `${context.webUrl}/register.html?edit=${encodeURIComponent(model.id)}`,
        label: 'Bổ sung nội dung đăng ký',
      },
    ),
  completed: (model: Model, context: MailContext, at: Date) =>
    mailContent(
      `Đã nhận đăng ký bổ sung: ${model.title}`,
      [
        `Đăng ký đã bổ sung của ${describe(model)} của ${context.cellName} được ghi nhận lúc ${formatDateTime(at)}; mô hình được tính là đã đăng ký.`,
        `Hạn tự đánh giá, báo cáo kết quả: ${lastDayText(model.selfAssessmentDueBefore)}.`,
      ],
      modelLink(model, context),
    ),
  not_completed: (model: Model, context: MailContext) =>
    mailContent(
      `Không bổ sung đăng ký trong hạn: ${model.title}`,
      [
        `Đăng ký ${describe(model)} của ${context.cellName} đã được trả lại để bổ sung nhưng không được gửi lại trong hạn.`,
        `Mô hình chuyển sang trạng thái “${STATUS_LABELS.not_completed}”, không được tính là đã đăng ký và không được xét công nhận năm nay.`,
      ],
      modelLink(model, context),
    ),
  withdrawn: (model: Model, context: MailContext) =>
    mailContent(
      `Đã rút đăng ký mô hình: ${model.title}`,
      [`${describe(model)} của ${context.cellName} đã được rút đăng ký.`],
      modelLink(model, context),
    ),
  tier: (model: Model, context: MailContext, tier: keyof typeof TIER_LABELS) =>
    mailContent(
      `Mô hình “${model.title}”: ${TIER_LABELS[tier]}`,
      [
        tier === 'exemplary'
          ? `${describe(model)} của ${context.cellName} được lựa chọn là mô hình, điển hình tiêu biểu.`
          : `${describe(model)} của ${context.cellName} được đề nghị biểu dương, khen thưởng.`,
      ],
      modelLink(model, context),
    ),
};
