import { mkdirSync } from 'node:fs';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { TABLE_DEFINITION } from '../../shared/data/table-definition.ts';
import { guardAwsEndpoint, replay } from './aws-endpoint-guard.ts';
import { localCredentials } from './credentials.ts';
import { readBody } from './http-util.ts';
import { listen } from './listen.ts';

export { localCredentials } from './credentials.ts';

export interface LocalDynamo {
  readonly url: string;
  close(): Promise<void>;
}

/** One request the local DynamoDB answered, as a benchmark counting DynamoDB's bill sees it. */
export interface DynamoRequestRecord {
  /** The API action, e.g. `PutItem`. */
  readonly operation: string;
  /** Capacity units DynamoDB reports consuming, indexes included. */
  readonly capacityUnits: number;
}

const observers = new Set<(record: DynamoRequestRecord) => void>();

/**
 * Lets a benchmark count every request to every local DynamoDB of this
 * process, whichever sandbox sent it; returns the unsubscribe. While someone
 * watches, requests ask for ReturnConsumedCapacity=INDEXES so that the units
 * are DynamoDB's own count.
 */
export function observeDynamoRequests(observer: (record: DynamoRequestRecord) => void): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

function capacityOf(answer: string): number {
  try {
    const consumed = (JSON.parse(answer) as { ConsumedCapacity?: unknown }).ConsumedCapacity;
    return [consumed]
      .flat()
      .reduce(
        (sum: number, entry) => sum + ((entry as { CapacityUnits?: number } | undefined)?.CapacityUnits ?? 0),
        0,
      );
  } catch {
    return 0;
  }
}

// Between the guard and dynalite: only admitted requests are counted, and the one change made to a
// request (asking for the consumed capacity) comes after its signature was checked.
function countRequests(server: Server): void {
  const inner = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request, response) => {
    if (observers.size === 0) {
      for (const listener of inner) listener(request, response);
      return;
    }
    void readBody(request).then((body) => {
      const operation =
        String(request.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      let forwarded = body;
      try {
        const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        input.ReturnConsumedCapacity ??= 'INDEXES';
        forwarded = Buffer.from(JSON.stringify(input));
      } catch {
        // not JSON: dynalite answers it as it would
      }
      // dynalite answers with one end(body).
      const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
      response.end = ((chunk?: unknown, ...rest: unknown[]) => {
        const text = typeof chunk === 'string' || Buffer.isBuffer(chunk) ? chunk.toString() : '';
        for (const observer of observers) observer({ operation, capacityUnits: capacityOf(text) });
        return end(chunk, ...rest);
      }) as typeof response.end;
      const headers = { ...request.headers, 'content-length': String(forwarded.length) };
      for (const listener of inner) listener(replay(request, forwarded, headers), response);
    });
  });
}

/** Starts dynalite with its data on disk under `directory`, answering only SigV4-signed requests of tools. */
export async function startDynamo(directory: string, port: number): Promise<LocalDynamo> {
  mkdirSync(directory, { recursive: true });
  const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  countRequests(server);
  // dynalite itself accepts any signature and answers any page with Access-Control-Allow-Origin: *.
  guardAwsEndpoint(server, { service: 'dynamodb' });
  await listen(server, port, 'DynamoDB');
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Creates the single table from the shared definition unless it exists, and waits until it is ACTIVE. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });
  try {
    if ((await tableStatus(client, tableName)) === undefined) {
      const { partitionKey, sortKey, globalSecondaryIndexes } = TABLE_DEFINITION;
      const attributes = new Set<string>([partitionKey, sortKey]);
      for (const index of globalSecondaryIndexes) {
        attributes.add(index.partitionKey);
        attributes.add(index.sortKey);
      }
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          KeySchema: [
            { AttributeName: partitionKey, KeyType: 'HASH' },
            { AttributeName: sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
        }),
      );
    }
    // dynalite answers CreateTable with CREATING, and a table that is not ACTIVE refuses queries.
    for (let attempt = 0; (await tableStatus(client, tableName)) !== 'ACTIVE'; attempt++) {
      if (attempt > 500) throw new Error(`Table ${tableName} did not become ACTIVE`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    client.destroy();
  }
}
