// The outbox of the system's email: every message is recorded, under an id
// derived from what it is about, before anything is sent. The id is the
// idempotency key: a step that runs again finds its message instead of
// writing a second one. Pure: states and the words the Office reads.

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** What a message concerns, so the Office can tell which one failed. */
export interface MailAbout {
  readonly modelId?: string;
  readonly campaignId?: string;
  readonly job?: string;
}

/** One message of the outbox. */
export interface OutboxMessage {
  readonly id: string;
  /** The text the id was derived from, e.g. `cycle#<execution>#registered#<person>`. */
  readonly key: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly about?: MailAbout;
  readonly status: MailStatus;
  readonly createdAt: string;
  /** Failed attempts so far; the last one's reason. */
  readonly attempts: number;
  readonly lastError?: string;
  readonly sentAt?: string;
  readonly sesMessageId?: string;
  readonly failedAt?: string;
  /** Why the message could not be delivered, in words for the Office. */
  readonly failure?: string;
  /** The delivery that carries it when it was recorded with others (its own id otherwise). */
  readonly delivery?: string;
  /** The Office's resends of a failed message: who and when. */
  readonly resends?: readonly { readonly by: string; readonly at: string }[];
  readonly version: number;
}

// SES errors that no retry can cure: the message or the sender is refused as such.
const PERMANENT_SES_ERRORS = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'MailFromDomainNotVerified',
  'ConfigurationSetDoesNotExist',
  'ConfigurationSetDoesNotExistException',
  'ConfigurationSetSendingPausedException',
  'AccountSendingPausedException',
  'InvalidParameterValue',
]);

/** Whether an SES error will fail again however often the send is retried. */
export function isPermanentSendError(errorName: string): boolean {
  return PERMANENT_SES_ERRORS.has(errorName);
}

/** Why a send failed, in Vietnamese for the Office (the technical detail stays in the record). */
export function sendFailureReason(errorName: string, attempts: number): string {
  if (errorName === 'MessageRejected')
    return 'Máy chủ thư từ chối thư này (địa chỉ nhận bị chặn hoặc nội dung không được chấp nhận).';
  if (errorName.startsWith('MailFromDomainNotVerified'))
    return 'Địa chỉ gửi thư của hệ thống chưa được xác minh trên máy chủ thư.';
  if (errorName.startsWith('ConfigurationSet') || errorName === 'AccountSendingPausedException')
    return 'Việc gửi thư của hệ thống đang bị tạm dừng hoặc cấu hình gửi thư chưa đúng.';
  if (errorName === 'InvalidParameterValue')
    return 'Thư có địa chỉ hoặc nội dung không hợp lệ nên không gửi được.';
  return `Máy chủ thư tạm thời không nhận thư; đã thử lại ${attempts} lần mà chưa được.`;
}

/** A failed message as the Office's dashboard lists it. */
export interface FailedMail {
  readonly id: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly createdAt: string;
  readonly failedAt?: string;
  readonly failure: string;
  readonly attempts: number;
}
