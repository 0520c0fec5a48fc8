// The emails people receive, in Vietnamese, each with a text and an HTML part.
import { formatDateTime } from '../domain/calendar.ts';
import type { Model } from '../domain/model.ts';
import { KIND_LABELS, STATUS_LABELS, TIER_LABELS } from '../domain/model-text.ts';
import type { Mail } from './mailer.ts';

const SIGNATURE = 'Văn phòng Đảng ủy Sở Tư pháp — Phong trào thi đua “Dân vận khéo”';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Builds a mail from a subject, a greeting line and paragraphs (plus a link to the model). */
export function composeMail(
  to: readonly string[],
  subject: string,
  paragraphs: readonly string[],
  link?: { url: string; label: string },
): Mail {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), '', SIGNATURE].join('\n\n');
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,sans-serif;line-height:1.5;color:#1f1f1f">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : ''}
<p style="color:#5f6368">${escapeHtml(SIGNATURE)}</p></body></html>`;
  return { to, subject, text, html };
}

function describe(model: Model): string {
  return `mô hình ${KIND_LABELS[model.kind].toLowerCase()} “${model.title}” (mã ${model.id}, năm ${model.year})`;
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
  registered: (to: readonly string[], model: Model, context: MailContext, at: Date) =>
    composeMail(
      to,
      `Xác nhận đăng ký mô hình “Dân vận khéo”: ${model.title}`,
      [
        'Kính gửi đồng chí,',
        `${context.cellName} đã đăng ký ${describe(model)}${context.personName ? ` do đồng chí ${context.personName} thực hiện` : ''} lúc ${formatDateTime(at)}.`,
        `Hạn tự đánh giá, báo cáo kết quả: trước ${formatDateTime(new Date(model.selfAssessmentDueBefore))}.`,
      ],
      modelLink(model, context),
    ),
  missed_self_assessment: (to: readonly string[], model: Model, context: MailContext) =>
    composeMail(
      to,
      `Quá hạn tự đánh giá mô hình: ${model.title}`,
      [
        'Kính gửi đồng chí,',
        `${describe(model)} của ${context.cellName} chưa tự đánh giá, báo cáo kết quả trước hạn ${formatDateTime(new Date(model.selfAssessmentDueBefore))}.`,
        `Mô hình chuyển sang trạng thái “${STATUS_LABELS.missed_self_assessment}” và không được xét công nhận năm nay.`,
      ],
      modelLink(model, context),
    ),
  self_assessed: (to: readonly string[], model: Model, context: MailContext, at: Date) =>
    composeMail(
      to,
      `Đã nhận báo cáo tự đánh giá: ${model.title}`,
      [
        'Kính gửi đồng chí,',
        `Báo cáo tự đánh giá ${describe(model)} của ${context.cellName} đã được ghi nhận lúc ${formatDateTime(at)}.`,
        'Ban Chấp hành Đảng bộ sẽ xem xét, bình xét công nhận theo năm nguyên tắc của kế hoạch.',
      ],
      modelLink(model, context),
    ),
  recognized: (to: readonly string[], model: Model, context: MailContext) =>
    composeMail(
      to,
      `Mô hình được công nhận “Dân vận khéo”: ${model.title}`,
      [
        'Kính gửi đồng chí,',
        `Ban Chấp hành Đảng bộ đã công nhận ${describe(model)} của ${context.cellName} là mô hình, điển hình “Dân vận khéo”.`,
      ],
      modelLink(model, context),
    ),
  not_recognized: (to: readonly string[], model: Model, context: MailContext, reasons: string) =>
    composeMail(
      to,
      `Kết quả xét công nhận mô hình: ${model.title}`,
      [
        'Kính gửi đồng chí,',
        `Ban Chấp hành Đảng bộ chưa công nhận ${describe(model)} của ${context.cellName}.`,
        `Lý do: ${reasons}`,
      ],
      modelLink(model, context),
    ),
  withdrawn: (to: readonly string[], model: Model, context: MailContext) =>
    composeMail(
      to,
      `Đã rút đăng ký mô hình: ${model.title}`,
      ['Kính gửi đồng chí,', `${describe(model)} của ${context.cellName} đã được rút đăng ký.`],
      modelLink(model, context),
    ),
  tier: (to: readonly string[], model: Model, context: MailContext, tier: keyof typeof TIER_LABELS) =>
    composeMail(
      to,
      `Mô hình “${model.title}”: ${TIER_LABELS[tier]}`,
      [
        'Kính gửi đồng chí,',
        tier === 'exemplary'
          ? `${describe(model)} của ${context.cellName} được lựa chọn là mô hình, điển hình tiêu biểu.`
          : `${describe(model)} của ${context.cellName} được đề nghị biểu dương, khen thưởng.`,
      ],
      modelLink(model, context),
    ),
};
