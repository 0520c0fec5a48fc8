// The one place SDK clients are built. Endpoints come from the SDK's own
// AWS_ENDPOINT_URL_<SERVICE> variables, so the same bundle runs on AWS and
// against the embedded runtime without any "if local" branch.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let dynamo: DynamoDBDocumentClient | undefined;
let sfn: SFNClient | undefined;
let ses: SESClient | undefined;

// Built on first use and then kept for the life of the execution environment:
// a function that never sends mail does not pay for the SES client at cold start.

/** The DynamoDB document client shared by every repository. */
export function dynamoDocumentClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

/** The Step Functions client used to start workflows and answer callbacks. */
export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}

/** The SES client used by the mailer. */
export function sesClient(): SESClient {
  ses ??= new SESClient({});
  return ses;
}
