// The one place zod's issues become sentences for people. Each schema carries the label its field
// has on the form (`labelled`); the error map below turns an issue's code into plain Vietnamese that
// names that label, and never shows a code value, a path or a format. Programs read `fields[].path`.
import * as z from 'zod/mini';

/** What a schema carries for its messages. */
export interface FieldMeta {
  /** The field's label on the form. */
  readonly label: string;
  /** The whole message when the field is missing, where "Cần điền/chọn …" would not read well. */
  readonly missing?: string;
  /** The whole message when the value has the wrong shape (a code, a date, an email). */
  readonly format?: string;
  /** The whole message when the value is too long or too large. */
  readonly tooBig?: string;
}

export { CHECK_FIELDS_HEADLINE } from '../domain/form-fields.ts';

const fields = z.registry<FieldMeta>();

/** The text checks a field builder adds with `.refine`, by the reason its issue carries. */
export const TEXT_CHECKS = {
  /** A lone surrogate: not Unicode text, and SES, XLSX and PDF writers fail on it later. */
  wellFormed: 'ill_formed',
  /** A control character in a single-line field (CR and LF included). */
  singleLine: 'multi_line',
  /** A control character other than tab and line breaks, in multi-line text. */
  printable: 'control',
} as const;

// A lone high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0, DEL and C1 controls, and the Unicode line and paragraph separators. */
function isControl(unit: number): boolean {
  return unit <= 0x1f || (unit >= 0x7f && unit <= 0x9f) || unit === 0x2028 || unit === 0x2029;
}

/** Whether any UTF-16 unit of the text is a control the caller does not allow. */
function hasControl(text: string, allowed: ReadonlySet<number>): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (isControl(unit) && !allowed.has(unit)) return true;
  }
  return false;
}

const NONE = new Set<number>();
// Tab, LF and CR are what multi-line text is made of.
const LINE_BREAKS = new Set([0x09, 0x0a, 0x0d]);

/** Whether a string is well-formed Unicode (String.prototype.isWellFormed, which ES2023 lacks). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Whether a string holds no control character at all (a title, a name). */
export function isSingleLine(text: string): boolean {
  return !hasControl(text, NONE);
}

/** Whether multi-line text holds no control character but tab and line breaks. */
export function isPrintable(text: string): boolean {
  return !hasControl(text, LINE_BREAKS);
}

/** Gives a schema its form label (and optional wording); returns the same schema. */
export function labelled<T extends z.ZodMiniType>(
  schema: T,
  label: string,
  wording: Omit<FieldMeta, 'label'> = {},
): T {
  fields.add(schema, { label, ...wording });
  return schema;
}

const CHOICE_TYPES = new Set(['boolean', 'enum', 'literal', 'union']);
// Built by the first message that counts: constructing a number format takes tens of milliseconds,
// which every API function's cold start would otherwise pay for a message it seldom writes.
let numberFormat: Intl.NumberFormat | undefined;
const count = {
  format(value: number): string {
    numberFormat ??= new Intl.NumberFormat('vi-VN');
    return numberFormat.format(value);
  },
};

function typeOf(schema: z.core.$ZodType | undefined): string | undefined {
  return schema?._zod.def.type;
}

function missingText(meta: FieldMeta, schema: z.core.$ZodType | undefined): string {
  if (meta.missing) return meta.missing;
  return `${CHOICE_TYPES.has(typeOf(schema) ?? '') ? 'Cần chọn' : 'Cần điền'} “${meta.label}”.`;
}

function sizeText(
  issue: z.core.$ZodRawIssue,
  named: string,
  meta: FieldMeta,
  schema: z.core.$ZodType | undefined,
): string {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return `${named} không hợp lệ.`;
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string') {
    if (small)
      return bound <= 1 ? missingText(meta, schema) : `${named} cần ít nhất ${count.format(bound)} ký tự.`;
    return `${named} tối đa ${count.format(bound)} ký tự.`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (small)
      return bound <= 1
        ? `Cần có ít nhất một mục ở ${named}.`
        : `${named} cần ít nhất ${count.format(bound)} mục.`;
    return `${named} tối đa ${count.format(bound)} mục.`;
  }
  if (small) {
    if (bound === 0 && inclusive) return `${named} không được là số âm.`;
    return inclusive
      ? `${named} phải từ ${count.format(bound)} trở lên.`
      : `${named} phải lớn hơn ${count.format(bound)}.`;
  }
  return inclusive
    ? `${named} không được quá ${count.format(bound)}.`
    : `${named} phải nhỏ hơn ${count.format(bound)}.`;
}

function wrongTypeText(
  issue: z.core.$ZodRawIssue,
  named: string,
  meta: FieldMeta,
  schema: z.core.$ZodType | undefined,
): string {
  if (issue.code !== 'invalid_type') return `${named} không hợp lệ.`;
  switch (issue.expected) {
    case 'int':
      return `${named} phải là một số nguyên.`;
    case 'number':
    case 'bigint':
      return `${named} phải là một số.`;
    case 'string':
      return `${named} phải là chữ.`;
    case 'array':
      return `${named} phải là một danh sách.`;
    case 'boolean':
      return missingText(meta, schema);
    default:
      return `${named} chưa đầy đủ.`;
  }
}

function customText(issue: z.core.$ZodRawIssue, named: string): string {
  const reason = issue.code === 'custom' ? issue.params?.reason : undefined;
  switch (reason) {
    case TEXT_CHECKS.wellFormed:
      return `${named} có ký tự bị lỗi (không phải chữ đọc được); hãy gõ lại hoặc dán lại nội dung.`;
    case TEXT_CHECKS.singleLine:
      return `${named} phải viết trên một dòng, không có dấu xuống dòng hay ký tự điều khiển.`;
    case TEXT_CHECKS.printable:
      return `${named} có ký tự điều khiển không in được; hãy xóa ký tự đó.`;
    default:
      return `${named} không hợp lệ.`;
  }
}

/** The message of one zod issue, for people. */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  // zod stamps the schema that owns the issue, also when one of its checks raised it.
  const schema = issue.schema;
  const meta = (schema && fields.get(schema)) ?? { label: 'Mục này' };
  const named = `“${meta.label}”`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? missingText(meta, schema)
        : wrongTypeText(issue, named, meta, schema);
    case 'invalid_value':
    case 'invalid_union':
      return issue.input === undefined || issue.input === null
        ? missingText(meta, schema)
        : `Cần chọn ${named} trong các mục có sẵn.`;
    case 'too_big':
      return meta.tooBig ?? sizeText(issue, named, meta, schema);
    case 'too_small':
      return sizeText(issue, named, meta, schema);
    case 'invalid_format':
      return meta.format ?? `${named} không đúng.`;
    case 'custom':
      return customText(issue, named);
    case 'unrecognized_keys':
      return 'Có mục không thuộc biểu mẫu này.';
    default:
      return `${named} không hợp lệ.`;
  }
}

// Only this map, never a zod locale: the locales name types and codes, and `z.locales` would bundle
// every language into each function.
z.config({ localeError: issueMessage });
