// The single list of the system's functions, routes, triggers, state machines
// and schedules. Plain data: infra/aws builds the CDK app from it and
// infra/local builds the embedded runtime from it, so the two cannot drift.
import { ENV, type EnvName } from '../shared/env.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax, e.g. `/api/models/{id}`. */
  readonly path: string;
}

/** What a function may touch; infra turns each into IAM grants (AWS) or nothing (local). */
export type Grant =
  | 'table:read'
  | 'table:write'
  | 'workflow:start'
  | 'workflow:callback'
  | 'workflow:read'
  | 'mail:send'
  | 'archive:read'
  | 'archive:write';

export interface FunctionSpec {
  /** kebab-case; the handler lives in `functions/<name>/handler.ts`. */
  readonly name: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly env: readonly EnvName[];
  readonly grants: readonly Grant[];
  /** HTTP routes behind the JWT authorizer. */
  readonly routes?: readonly RouteSpec[];
  /** Invoked by a state machine task rather than by a route. */
  readonly invokedBy?: 'workflow' | 'schedule' | 'event';
}

export interface StateMachineSpec {
  readonly name: string;
  /** Path of the definition, `statemachines/<name>.asl.json`. */
  readonly definition: string;
  /** `${Placeholder}` → the name of the catalog function whose ARN replaces it. */
  readonly functionArns: Readonly<Record<string, string>>;
  /** The env variable that carries this state machine's ARN to functions. */
  readonly arnEnv?: EnvName;
}

export interface ScheduleSpec {
  readonly name: string;
  /** EventBridge Scheduler expression: `cron(minutes hours day-of-month month day-of-week year)`. */
  readonly expression: string;
  readonly timeZone: string;
  readonly target: { readonly stateMachine: string } | { readonly function: string };
  /**
   * The target's input. EventBridge Scheduler replaces the context attributes
   * `<aws.scheduler.scheduled-time>` and `<aws.scheduler.execution-id>`.
   */
  readonly input: Readonly<Record<string, string>>;
}

/** CORS of the HTTP API, applied by API Gateway on AWS and by the local stand-in. */
export const apiCors = {
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as
    | readonly HttpMethod[]
    | readonly string[],
  exposeHeaders: [] as readonly string[],
  maxAgeSeconds: 600,
} as const;

const readApi = { memoryMb: 512, timeoutSeconds: 10 } as const;

export const functions: readonly FunctionSpec[] = [
  {
    name: 'list-campaigns',
    description: 'GET /api/campaigns: the campaigns and their calendars',
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/campaigns' }],
  },
  {
    name: 'list-cells',
    description: 'GET /api/cells: the cells the caller may see',
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/cells' }],
  },
];

export const stateMachines: readonly StateMachineSpec[] = [];

export const schedules: readonly ScheduleSpec[] = [];

/** The handler source of a catalog function. */
export function handlerEntry(spec: Pick<FunctionSpec, 'name'>): string {
  return `functions/${spec.name}/handler.ts`;
}

/** Looks a function up by name, failing loudly on a typo. */
export function functionByName(name: string): FunctionSpec {
  const spec = functions.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`No function named ${name} in functions/catalog.ts`);
  return spec;
}

/**
 * The `${Placeholder}` → value map for a state machine definition, the same
 * map the CDK app passes as definitionSubstitutions and the local engine
 * applies when it loads the file.
 */
export function definitionSubstitutions(
  spec: StateMachineSpec,
  functionArn: (functionName: string) => string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(spec.functionArns).map(([placeholder, name]) => [
      placeholder,
      functionArn(functionByName(name).name),
    ]),
  );
}

/** Replaces `${Name}` placeholders the way CloudFormation's definitionSubstitutions does. */
export function substitute(definition: string, substitutions: Readonly<Record<string, string>>): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (match, name: string) => substitutions[name] ?? match);
}
