// The evidence bucket and the presign grants, in the stack synthesised from the real catalog.
import { beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import {
  type BuiltStack,
  buildStack,
  statementsOfFunction,
  unacknowledgedFindings,
} from './stack-harness.ts';

type Json = Record<string, unknown>;

let built: BuiltStack;
let bucketId = '';
let bucket: Json = {};
beforeAll(() => {
  built = buildStack();
  const found = Object.entries(built.template.findResources('AWS::S3::Bucket')).find(([id]) =>
    id.startsWith('EvidenceBucket'),
  );
  bucketId = found?.[0] ?? '';
  bucket = (found?.[1]?.Properties ?? {}) as Json;
});

/** Whether an IAM resource names the evidence bucket (its ARN, or an object pattern under it). */
const onEvidence = (resource: unknown) => JSON.stringify(resource).includes(bucketId);

describe('the evidence bucket', () => {
  it('blocks public access, encrypts at rest, keeps versions and has no lifecycle rule', () => {
    // Assess
    expect(bucketId).not.toBe('');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.LifecycleConfiguration).toBeUndefined();
    expect(bucket.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'evidence/' });
    const resource = built.template.findResources('AWS::S3::Bucket')[bucketId];
    expect(resource?.DeletionPolicy).toBe('Retain');
  });

  it('refuses every request without TLS', () => {
    // Act
    const policy = Object.values(built.template.findResources('AWS::S3::BucketPolicy')).find((candidate) =>
      JSON.stringify(candidate.Properties.Bucket).includes(bucketId),
    );
    // Assess
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it("allows CORS only from the web's CloudFront origin, for the POST uploads and GETs", () => {
    // Act
    const rules = (bucket.CorsConfiguration as { CorsRules: Json[] }).CorsRules;
    // Assess
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      AllowedMethods: ['POST', 'GET', 'HEAD'],
      AllowedHeaders: ['content-type'],
    });
    const origins = JSON.stringify(rules[0]?.AllowedOrigins);
    expect(origins).toContain('DomainName');
    expect(origins).not.toContain('*');
  });
});

describe('the presign grants', () => {
  const evidenceStatements = (name: string) =>
    statementsOfFunction(built.template, name).filter((statement) => statement.resources.some(onEvidence));

  it('lets the upload function put objects and the download and confirm functions get them, under models/ only', () => {
    // Assess
    const upload = evidenceStatements('request-attachment-upload');
    expect(upload.flatMap((statement) => statement.actions)).toEqual(['s3:PutObject']);
    for (const name of ['download-attachment', 'confirm-attachment']) {
      expect(evidenceStatements(name).flatMap((statement) => statement.actions)).toEqual(['s3:GetObject']);
    }
    for (const statement of [...upload, ...evidenceStatements('download-attachment')]) {
      expect(JSON.stringify(statement.resources)).toContain('/models/*');
    }
  });

  it('lets no function delete or overwrite outside the grants, and no other function reach the bucket', () => {
    // Act
    const reaching = functions
      .filter((spec) => evidenceStatements(spec.name).length > 0)
      .map((spec) => spec.name)
      .sort();
    const actions = functions.flatMap((spec) => evidenceStatements(spec.name).flatMap((s) => s.actions));
    // Assess
    expect(reaching).toEqual(['confirm-attachment', 'download-attachment', 'request-attachment-upload']);
    expect(actions.filter((action) => !['s3:GetObject', 's3:PutObject'].includes(action))).toEqual([]);
  });

  it('leaves cdk-nag with no unacknowledged finding', () => {
    // Assess
    expect(unacknowledgedFindings(built)).toEqual([]);
  });
});
