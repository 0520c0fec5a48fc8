// Powertools for AWS Lambda, built once per function: the logger and the
// business metrics (CloudWatch embedded metric format, published at each
// invocation's end). The tracer belongs to the handler shell (handler-shell.ts).
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The service name every log line, metric and trace carries. */
export const SERVICE = 'dan-van-kheo';

/** The one logger every function shares. */
export const logger = new Logger({ serviceName: SERVICE });

/** The one metrics buffer; the handler shell publishes it when an invocation ends. */
export const metrics = new Metrics({ namespace: 'DanVanKheo', serviceName: SERVICE });

/** The business events the system counts. */
export type BusinessEvent =
  | 'ModelRegistered'
  | 'SelfAssessmentSubmitted'
  | 'ReviewDecided'
  | 'ModelPromoted'
  | 'MailSent'
  | 'MailFailed'
  | 'IdentitySynced'
  | 'IdentitySyncFailed';

/** Counts one business event (a CloudWatch metric of the DanVanKheo namespace). */
export function countEvent(event: BusinessEvent, count = 1): void {
  metrics.addMetric(event, MetricUnit.Count, count);
}
