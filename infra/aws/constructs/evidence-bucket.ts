import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface EvidenceBucketProps {
  readonly accessLogs: IBucket;
  /** The web's origin: the only one whose pages may upload to the bucket and read its answers. */
  readonly webOrigin: string;
}

/**
 * The models' evidence files: private, encrypted, TLS only, reached only
 * through the presigned POSTs and GETs the functions hand out. No lifecycle
 * rule expires anything, and versioning keeps any overwrite or deletion of a
 * reviewed model's proof recoverable.
 */
export class EvidenceBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      // Browser uploads POST a form to the bucket; downloads are navigations, which need no CORS,
      // but a page may also fetch a file it shows.
      cors: [
        {
          allowedOrigins: [props.webOrigin.replace(/\/$/, '')],
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedHeaders: ['content-type'],
          exposedHeaders: ['ETag'],
          maxAge: 600,
        },
      ],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
