import { existsSync } from 'node:fs';
import { DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contentSecurityPolicy } from '../../content-security-policy.ts';
import { buildWeb, WEB_SOURCE_DIR } from '../../web-build.ts';
import { acknowledge, type NagAcknowledgement } from '../nag.ts';

export interface WebHostingProps {
  readonly accessLogs: IBucket;
  /** A custom domain for the web, with its ACM certificate (us-east-1); both or neither. */
  readonly domainName?: string;
  readonly certificateArn?: string;
  /** A folder of ready pages to deploy as they are; by default the web is built from `web/` during synth. */
  readonly sourceDir?: string;
}

/** The private bucket and the CloudFront distribution that serve the web's build. */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://…` without a trailing slash: the web's origin. */
  readonly url: string;
  private readonly sourceDir: string | undefined;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    if (Boolean(props.domainName) !== Boolean(props.certificateArn)) {
      throw new Error('webDomain and webCertificateArn go together: give both or neither');
    }
    this.sourceDir = props.sourceDir;
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web/',
      // The pages are rebuilt from the repository at every deploy.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const customDomain =
      props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};
    // The pages' own policy, the one the local server sends. The API, Cognito and S3 are named by
    // their regional host patterns: their exact URLs depend on the web's, which depends on this.
    const region = Stack.of(this).region;
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Dân vận khéo pages: strict CSP, no sniffing, no referrer, HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy([
            `https://*.execute-api.${region}.amazonaws.com`,
            `https://cognito-idp.${region}.amazonaws.com`,
            `https://*.auth.${region}.amazoncognito.com`,
            // The evidence files are posted by the pages straight to their bucket (a presigned POST).
            `https://*.s3.${region}.amazonaws.com`,
            'https://*.s3.amazonaws.com',
          ]),
          override: true,
        },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Dân vận khéo web',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      // An unknown address gets the site's Vietnamese page; a private bucket answers 403 for it.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 404,
        responsePagePath: '/404.html',
        ttl: Duration.minutes(5),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Users are in Viet Nam: class 200 includes the Asian edge locations.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      ...customDomain,
    });
    this.url = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    const acknowledgements: NagAcknowledgement[] = [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The users are members of one provincial organization who travel; sign-in, not geography, gates access.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves only static pages; the API is separate and behind a JWT authorizer and throttling. A WAF can be added later if abuse appears.',
      },
    ];
    if (!props.domainName) {
      acknowledgements.push({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes; give webDomain and webCertificateArn to enforce TLSv1.2_2021.',
      });
    }
    acknowledge(this.distribution, ...acknowledgements);
  }

  /** Deploys the built pages and a `config.json` that tells them where the API and sign-in live. */
  publish(runtimeConfig: Readonly<Record<string, string>>): BucketDeployment {
    const sources: ISource[] = [this.pages(), Source.jsonData('config.json', runtimeConfig)];
    return new BucketDeployment(this, 'Deployment', {
      sources,
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
  }

  /** The pages: a given folder, or the web built by infra/web-build.ts in synth (offline, no Docker). */
  private pages(): ISource {
    if (this.sourceDir) {
      if (!existsSync(this.sourceDir)) throw new Error(`web folder ${this.sourceDir} does not exist`);
      return Source.asset(this.sourceDir);
    }
    return Source.asset(WEB_SOURCE_DIR, {
      bundling: {
        // Never used: the local build below always succeeds or throws.
        image: DockerImage.fromRegistry('scratch'),
        local: {
          tryBundle(outputDir) {
            buildWeb(outputDir);
            return true;
          },
        },
      },
    });
  }
}
