// Where closed executions' histories are kept after Step Functions forgets
// them (90 days): an S3 bucket with Object Lock on AWS (`s3://bucket/prefix`),
// a folder on one computer (`file:///path`). The location is configuration.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { ENV, requireEnv } from '../env.ts';

export interface ArchivedHistory {
  readonly executionArn: string;
  readonly status: string;
  readonly archivedAt: string;
  readonly events: HistoryEvent[];
}

export interface HistoryArchive {
  get(executionArn: string): Promise<ArchivedHistory | undefined>;
  put(history: ArchivedHistory): Promise<void>;
}

/** The object key of an execution's history: the state machine and execution names. */
export function archiveKey(executionArn: string): string {
  const [, , , , , , stateMachine = 'unknown', execution = 'unknown'] = executionArn.split(':');
  return `executions/${stateMachine}/${execution}.json`;
}

function fileArchive(root: string): HistoryArchive {
  return {
    async get(executionArn) {
      try {
        return JSON.parse(await readFile(join(root, archiveKey(executionArn)), 'utf8')) as ArchivedHistory;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(history) {
      const file = join(root, archiveKey(history.executionArn));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, JSON.stringify(history));
      await rename(`${file}.tmp`, file);
    },
  };
}

function s3Archive(bucket: string, prefix: string): HistoryArchive {
  // Loaded on first use: only the functions that archive or read archives pay for the S3 client.
  const s3 = import('../aws/s3.ts');
  const key = (arn: string) => `${prefix}${archiveKey(arn)}`;
  return {
    async get(executionArn) {
      const { getObjectText } = await s3;
      const text = await getObjectText(bucket, key(executionArn));
      return text === undefined ? undefined : (JSON.parse(text) as ArchivedHistory);
    },
    async put(history) {
      const { putObjectText } = await s3;
      await putObjectText(bucket, key(history.executionArn), JSON.stringify(history));
    },
  };
}

/** The archive named by ARCHIVE_LOCATION. */
export function historyArchive(): HistoryArchive {
  const location = new URL(requireEnv(ENV.archiveLocation));
  if (location.protocol === 'file:') return fileArchive(fileURLToPath(location));
  if (location.protocol === 's3:') return s3Archive(location.hostname, location.pathname.replace(/^\//, ''));
  throw new Error(`${ENV.archiveLocation} must be an s3:// or file:// URL, not ${location.protocol}`);
}
