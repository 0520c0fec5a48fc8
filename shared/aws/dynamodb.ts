// SDK clients are built once per execution environment, on first use, one
// module per service: a function loads only the clients it needs, and the
// endpoint comes from the SDK's AWS_ENDPOINT_URL_DYNAMODB (no "if local").
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { captured } from './capture.ts';

let dynamo: DynamoDBDocumentClient | undefined;

/** The DynamoDB document client shared by every repository. */
export function dynamoDocumentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(captured(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}
