// Task resources the engine can run: Lambda (optimized `lambda:invoke`, with
// or without `.waitForTaskToken`, and plain function ARNs) and DynamoDB (the
// optimized getItem/putItem/updateItem/deleteItem and every `aws-sdk:dynamodb`
// action) against the local DynamoDB endpoint.
import { randomUUID } from 'node:crypto';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import { isJsonObject, type Json, toJson } from './json.ts';
import { StatesError, StatesErrors } from './states-error.ts';

export type ResourceKind =
  | { readonly kind: 'lambda-invoke'; readonly callback: boolean }
  | { readonly kind: 'lambda-function'; readonly functionName: string }
  | {
      readonly kind: 'dynamodb';
      readonly action: string;
      readonly optimized: boolean;
      readonly callback: boolean;
    };

/** Invokes a catalog function in-process; rejects with an Error named after the errorType. */
export type LambdaInvoker = (
  functionName: string,
  payload: unknown,
  options: { timeoutMs?: number },
) => Promise<unknown>;

export interface ResourceContext {
  readonly invokeLambda: LambdaInvoker;
  readonly dynamodb: () => dynamodb.DynamoDBClient;
}

const optimizedDynamoActions = new Set(['getItem', 'putItem', 'updateItem', 'deleteItem']);
const callbackSuffix = '.waitForTaskToken';

/** Classifies a Task's Resource, or undefined when the engine cannot run it. */
export function parseResource(resource: string): ResourceKind | undefined {
  if (resource === 'arn:aws:states:::lambda:invoke') return { kind: 'lambda-invoke', callback: false };
  if (resource === `arn:aws:states:::lambda:invoke${callbackSuffix}`)
    return { kind: 'lambda-invoke', callback: true };
  const fn = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/.exec(
    resource,
  );
  if (fn?.[1]) return { kind: 'lambda-function', functionName: fn[1] };
  const optimized = /^arn:aws:states:::dynamodb:([A-Za-z]+)$/.exec(resource);
  if (optimized?.[1] && optimizedDynamoActions.has(optimized[1])) {
    return { kind: 'dynamodb', action: optimized[1], optimized: true, callback: false };
  }
  const sdk = /^arn:aws:states:::aws-sdk:dynamodb:([A-Za-z]+)(\.waitForTaskToken)?$/.exec(resource);
  if (sdk?.[1] && dynamoCommand(sdk[1])) {
    return { kind: 'dynamodb', action: sdk[1], optimized: false, callback: sdk[2] !== undefined };
  }
  return undefined;
}

/** A sentence naming the resource when the engine cannot run it; undefined when it can. */
export function describeResourceProblem(resource: unknown): string | undefined {
  if (typeof resource !== 'string') return 'a Task needs a Resource';
  if (parseResource(resource)) return undefined;
  return `the resource ${resource} is not supported by the local Step Functions engine (supported: arn:aws:states:::lambda:invoke[.waitForTaskToken], Lambda function ARNs, arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem, arn:aws:states:::aws-sdk:dynamodb:<action>[.waitForTaskToken])`;
}

/** Whether the resource waits for SendTaskSuccess/SendTaskFailure after it is invoked. */
export function isCallback(kind: ResourceKind): boolean {
  return kind.kind !== 'lambda-function' && kind.callback;
}

/** `resourceType` and `resource` as history events name them. */
export function historyResourceNames(
  resource: string,
  kind: ResourceKind,
): { resourceType: string; resource: string } {
  if (kind.kind === 'lambda-invoke')
    return { resourceType: 'lambda', resource: kind.callback ? 'invoke.waitForTaskToken' : 'invoke' };
  if (kind.kind === 'dynamodb') {
    return {
      resourceType: kind.optimized ? 'dynamodb' : 'aws-sdk:dynamodb',
      resource: kind.callback ? `${kind.action}${callbackSuffix}` : kind.action,
    };
  }
  return { resourceType: 'lambda', resource };
}

/** Runs the resource with its evaluated arguments and resolves with the task's result. */
export async function invokeResource(
  kind: ResourceKind,
  args: Json,
  context: ResourceContext,
  timeoutMs: number | undefined,
): Promise<Json> {
  if (kind.kind === 'lambda-function') return callFunction(context, kind.functionName, args, timeoutMs);
  if (kind.kind === 'lambda-invoke') return invokeOptimizedLambda(context, args, timeoutMs);
  return callDynamo(context, kind, args);
}

async function invokeOptimizedLambda(
  context: ResourceContext,
  args: Json,
  timeoutMs: number | undefined,
): Promise<Json> {
  if (!isJsonObject(args) || typeof args.FunctionName !== 'string') {
    throw new StatesError(StatesErrors.runtime, 'lambda:invoke needs Arguments with a FunctionName string');
  }
  const payload = await callFunction(
    context,
    functionNameOf(args.FunctionName),
    args.Payload ?? {},
    timeoutMs,
  );
  const requestId = randomUUID();
  const headers = {
    Connection: 'keep-alive',
    'Content-Type': 'application/json',
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/** A function name from a name, a partial ARN or a full ARN, without version or alias. */
export function functionNameOf(reference: string): string {
  const match = /(?:^|:)function:([^:]+)/.exec(reference);
  if (match?.[1]) return match[1];
  return reference.split(':')[0] ?? reference;
}

async function callFunction(
  context: ResourceContext,
  name: string,
  payload: Json,
  timeoutMs: number | undefined,
): Promise<Json> {
  let result: unknown;
  try {
    result = await context.invokeLambda(name, payload, timeoutMs === undefined ? {} : { timeoutMs });
  } catch (error) {
    throw lambdaError(error);
  }
  return toJson(result);
}

// Lambda reports a function error as {errorType, errorMessage, trace}; Step
// Functions names the task failure after errorType and keeps that object as the cause.
function lambdaError(error: unknown): StatesError {
  if (error instanceof StatesError) return error;
  const errorType = error instanceof Error ? error.name || 'Error' : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error && error.stack ? error.stack.split('\n') : [];
  return new StatesError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
}

type CommandClass = new (input: unknown) => Parameters<dynamodb.DynamoDBClient['send']>[0];

function dynamoCommand(action: string): CommandClass | undefined {
  const exported = (dynamodb as unknown as Record<string, unknown>)[
    `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`
  ];
  return typeof exported === 'function' ? (exported as CommandClass) : undefined;
}

async function callDynamo(
  context: ResourceContext,
  kind: Extract<ResourceKind, { kind: 'dynamodb' }>,
  args: Json,
): Promise<Json> {
  const Command = dynamoCommand(kind.action);
  if (!Command) throw new StatesError(StatesErrors.runtime, `Unknown DynamoDB action ${kind.action}`);
  let response: Record<string, unknown>;
  try {
    response = (await context.dynamodb().send(new Command(args))) as unknown as Record<string, unknown>;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'UnknownError';
    const message = error instanceof Error ? error.message : String(error);
    // Optimized integrations prefix errors with "DynamoDB.", SDK integrations with "DynamoDb." (AWS docs).
    throw new StatesError(`${kind.optimized ? 'DynamoDB' : 'DynamoDb'}.${name}`, message);
  }
  const { $metadata, ...rest } = response;
  const body = toJson(rest);
  if (!kind.optimized || !isJsonObject(body)) return body;
  const requestId = (($metadata as { requestId?: string } | undefined)?.requestId ?? randomUUID()) as string;
  return {
    ...body,
    SdkHttpMetadata: { HttpHeaders: { 'Content-Type': 'application/x-amz-json-1.0' }, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
