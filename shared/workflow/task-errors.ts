// Errors workflow tasks throw for their state machine's Retry to match. Each
// name is a literal: bundles are minified, and Lambda reports `error.name`.

/** SES did not take the message this time; the delivery retries with backoff. */
export class MailDeferredError extends Error {
  override readonly name = 'MailDeferred';
}

/** The user pool did not take a person's change this time; the identity sync retries with backoff. */
export class IdentitySyncDeferredError extends Error {
  override readonly name = 'IdentitySyncDeferred';
}
