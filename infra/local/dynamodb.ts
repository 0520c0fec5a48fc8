import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { TABLE_DEFINITION } from '../../shared/data/table-definition.ts';
import { guardAwsEndpoint } from './aws-endpoint-guard.ts';
import { localCredentials } from './credentials.ts';
import { listen } from './listen.ts';

export { localCredentials } from './credentials.ts';

export interface LocalDynamo {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts dynalite with its data on disk under `directory`, answering only SigV4-signed requests of tools. */
export async function startDynamo(directory: string, port: number): Promise<LocalDynamo> {
  mkdirSync(directory, { recursive: true });
  const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
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
