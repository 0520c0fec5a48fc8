import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectLockRetention,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ArchiveBucketProps {
  readonly accessLogs: IBucket;
  /** The key prefix histories are written under; empty by default. */
  readonly prefix?: string;
}

/**
 * Ten years: two whole five-year campaigns (e.g. 2016–2020 and 2021–2025), so
 * the histories behind a campaign's recognitions and commendations can still
 * be shown unaltered while the next campaign reviews and cites them.
 */
export const ARCHIVE_RETENTION_DAYS = 3653;

/**
 * Where execution histories are kept once Step Functions would forget them
 * (90 days after an execution closes), so the auditor's timeline stays whole.
 */
export class ArchiveBucket extends Construct {
  readonly bucket: Bucket;
  /** The `ARCHIVE_LOCATION` value shared/data/history-archive.ts parses: `s3://<bucket>/<prefix>`. */
  readonly location: string;

  constructor(scope: Construct, id: string, props: ArchiveBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // Object Lock requires versioning; it also keeps any second write of a key as a new version.
      versioned: true,
      objectLockEnabled: true,
      // COMPLIANCE, not GOVERNANCE: a history is audit evidence, so no one — not an
      // administrator with s3:BypassGovernanceRetention, not the account root — may
      // overwrite or delete it before the retention ends.
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(ARCHIVE_RETENTION_DAYS)),
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.location = `s3://${this.bucket.bucketName}/${props.prefix ?? ''}`;
  }
}
