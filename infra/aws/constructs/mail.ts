import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailProps {
  /** The address notifications are sent from, e.g. `no-reply@example.org`. */
  readonly mailFrom: string;
}

/** The SES identity notifications are sent from. */
export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly mailFrom: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(props.mailFrom)) {
      throw new Error(`mailFrom must be an email address, got "${props.mailFrom}"`);
    }
    this.mailFrom = props.mailFrom;
    this.identity = new EmailIdentity(this, 'Identity', { identity: Identity.email(props.mailFrom) });
  }
}
