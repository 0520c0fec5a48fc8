// The single list of the system's functions, routes, triggers, state machines
// and schedules. Plain data: infra/aws builds the CDK app from it and
// infra/local builds the embedded runtime from it, so the two cannot drift.
import type { Role } from '../shared/domain/roles.ts';
import { ENV, type EnvName } from '../shared/env.ts';
import { CLOSED_EXECUTION_STATUSES } from '../shared/workflow/execution-statuses.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a role may reach through a route: its own person's, its own cell's, the cells it supervises, or all. */
export type AccessScope = 'own-person' | 'own-cell' | 'supervised-cells' | 'all';

/**
 * Who may call a route and on what scope. A role not listed is refused (403);
 * a listed role asking outside its scope is refused as `outOfScope` says —
 * 404 where a refusal would reveal that the thing exists.
 */
export interface RouteAccess {
  readonly roles: Readonly<Partial<Record<Role, AccessScope>>>;
  readonly outOfScope: 403 | 404;
  /** A further rule a reader of the matrix should know of. */
  readonly note?: string;
}

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax, e.g. `/api/models/{id}`. */
  readonly path: string;
  /** The access matrix row (test/unit/catalog/catalog.test.ts requires one on every route). */
  readonly access?: RouteAccess;
}

const EVERYONE: RouteAccess = {
  roles: { office: 'all', committee: 'all', inspector: 'all', secretary: 'all', member: 'all' },
  outOfScope: 403,
};
const READERS = { office: 'all', committee: 'all', inspector: 'all' } as const;
const OFFICE_ONLY: RouteAccess = { roles: { office: 'all' }, outOfScope: 403 };
const READERS_ONLY: RouteAccess = { roles: READERS, outOfScope: 403 };
// A model: everything for the readers, the cell's for its secretary, one's own for a member; others are told it does not exist.
const MODEL_READ: RouteAccess = {
  roles: { ...READERS, secretary: 'own-cell', member: 'own-person' },
  outOfScope: 404,
};
const MODEL_WRITE: RouteAccess = {
  roles: { secretary: 'own-cell', member: 'own-person' },
  outOfScope: 404,
  note: 'người đăng ký hoặc Bí thư chi bộ',
};
// The register's documents: everything for the readers; a cell reads its own issued ones (drafts and others' are hidden).
const DOCUMENT_READ: RouteAccess = {
  roles: { ...READERS, secretary: 'own-cell', member: 'own-cell' },
  outOfScope: 404,
  note: 'chi bộ chỉ đọc văn bản đã ban hành của chi bộ mình',
};
// What awaits the caller: everyone reads their own tasks, and only those.
const OWN_TASKS: RouteAccess = {
  roles: {
    office: 'own-person',
    committee: 'own-person',
    inspector: 'own-person',
    secretary: 'own-person',
    member: 'own-person',
  },
  outOfScope: 403,
};
const CELL_READ: RouteAccess = {
  roles: { ...READERS, secretary: 'own-cell', member: 'own-cell' },
  outOfScope: 403,
};

/** Requests per second, and the burst above it, allowed on a route that writes; more answer 429. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * The throttle of every write route: route throttling of the API Gateway
 * stage on AWS (shared by everyone: HTTP APIs have no per-user quota), and the
 * same numbers per person in the local stand-in. Far above what a person types;
 * what it stops is a script or a stuck client.
 */
export const WRITE_THROTTLE: RouteThrottle = { rateLimit: 100, burstLimit: 200 };

/** The throttle a route is held to beyond the stage's: writes only, as reads change nothing. */
export function routeThrottle(route: RouteSpec): RouteThrottle | undefined {
  return route.method === 'GET' ? undefined : WRITE_THROTTLE;
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
  | 'archive:write'
  /** Read the evidence bucket's objects (and so presign downloads of them). */
  | 'evidence:read'
  /** Write the evidence bucket's objects (and so presign uploads to it). */
  | 'evidence:write'
  /** Create, update, enable and disable the user pool's users and their groups. */
  | 'identity:write';

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
  /** Invoked by a state machine task, a schedule or an event rather than by a route. */
  readonly invokedBy?: 'workflow' | 'schedule' | 'event';
  /** For `invokedBy: 'event'`: the EventBridge pattern that triggers it. */
  readonly eventPattern?: {
    readonly source: readonly string[];
    readonly detailType: readonly string[];
    /** For Step Functions events: the catalog state machines whose executions concern it. */
    readonly stateMachines?: readonly string[];
    /** For Step Functions status changes: the statuses that concern it (the rule's `detail.status`). */
    readonly statuses?: readonly string[];
  };
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

const writeApi = { memoryMb: 512, timeoutSeconds: 15 } as const;
const workflowTask = { memoryMb: 512, timeoutSeconds: 30, invokedBy: 'workflow' } as const;

export const functions: readonly FunctionSpec[] = [
  {
    name: 'list-campaigns',
    description: 'GET /api/campaigns: the campaigns and their calendars',
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/campaigns', access: EVERYONE }],
  },
  {
    name: 'list-cells',
    description: 'GET /api/cells: the cells the caller may see',
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [
      {
        method: 'GET',
        path: '/api/cells',
        access: {
          roles: { ...READERS, secretary: 'own-cell', member: 'own-cell' },
          outOfScope: 403,
          note: 'chỉ liệt kê chi bộ được xem',
        },
      },
    ],
  },
  {
    name: 'register-model',
    description: 'POST /api/models: registers a model and starts its yearly cycle',
    ...writeApi,
    env: [ENV.tableName, ENV.modelCycleStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
    routes: [
      {
        method: 'POST',
        path: '/api/models',
        access: {
          roles: { secretary: 'own-cell', member: 'own-person' },
          outOfScope: 403,
          note: 'tập thể: Bí thư; cá nhân: chính mình',
        },
      },
    ],
  },
  {
    name: 'list-models',
    description: 'GET /api/models: models by campaign, year and cell',
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    // A list names no one model: asking for another cell's is refused outright.
    routes: [{ method: 'GET', path: '/api/models', access: { ...MODEL_READ, outOfScope: 403 } }],
  },
  {
    name: 'get-model',
    description: 'GET /api/models/{id}: one model with its status',
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/models/{id}', access: MODEL_READ }],
  },
  {
    name: 'update-model',
    description:
      'PUT /api/models/{id}: edits a model while registration is open; a returned one is resubmitted to its workflow',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write', 'workflow:callback'],
    routes: [{ method: 'PUT', path: '/api/models/{id}', access: MODEL_WRITE }],
  },
  {
    name: 'withdraw-model',
    description: 'POST /api/models/{id}/withdraw: withdraws a model while registration is open',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write', 'workflow:callback'],
    routes: [{ method: 'POST', path: '/api/models/{id}/withdraw', access: MODEL_WRITE }],
  },
  {
    name: 'return-model',
    description: 'POST /api/models/{id}/return: sends a registration back to its cell for completion',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write', 'workflow:callback'],
    routes: [
      {
        method: 'POST',
        path: '/api/models/{id}/return',
        access: {
          roles: { office: 'all', committee: 'supervised-cells' },
          outOfScope: 403,
          note: 'trong thời hạn đăng ký (kể cả gia hạn); không ai trả lại mô hình mình có liên quan',
        },
      },
    ],
  },
  {
    name: 'grant-extension',
    description: "POST /api/extensions: the Office's late registration for one cell",
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'POST', path: '/api/extensions', access: OFFICE_ONLY }],
  },
  {
    name: 'list-extensions',
    description: "GET /api/extensions: a year's extensions, with their reasons, who granted them and when",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/extensions', access: READERS_ONLY }],
  },
  {
    name: 'cell-compliance',
    description: "GET /api/cells/{cellId}/compliance: a cell's models against the yearly minimum",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/cells/{cellId}/compliance', access: CELL_READ }],
  },
  {
    name: 'self-assess',
    description: 'POST /api/models/{id}/self-assessment: answers the workflow with the self-assessment',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write', 'workflow:callback'],
    routes: [
      {
        method: 'POST',
        path: '/api/models/{id}/self-assessment',
        access: { ...MODEL_WRITE, note: 'người thực hiện mô hình cá nhân hoặc Bí thư chi bộ' },
      },
    ],
  },
  {
    name: 'review-model',
    description: "POST /api/models/{id}/review: answers the workflow with the committee's decision",
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write', 'workflow:callback'],
    routes: [
      {
        method: 'POST',
        path: '/api/models/{id}/review',
        access: {
          roles: { committee: 'all' },
          outOfScope: 404,
          note: 'trừ mô hình mình có liên quan: của mình, mình đăng ký, tự đánh giá, hoặc thuộc chi bộ mình',
        },
      },
    ],
  },
  {
    name: 'promote-model',
    description: 'POST /api/models/{id}/tier: marks a recognized model exemplary, then commended',
    ...writeApi,
    env: [ENV.tableName, ENV.webUrl, ENV.mailDeliveryStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
    routes: [
      {
        method: 'POST',
        path: '/api/models/{id}/tier',
        access: {
          roles: { committee: 'all', office: 'all' },
          outOfScope: 404,
          note: 'trừ mô hình mình có liên quan',
        },
      },
    ],
  },
  {
    name: 'model-history',
    description:
      "GET /api/models/{id}/history: the auditors' timeline from the workflow history and its archive",
    ...readApi,
    env: [ENV.tableName, ENV.archiveLocation],
    grants: ['table:read', 'workflow:read', 'archive:read'],
    routes: [{ method: 'GET', path: '/api/models/{id}/history', access: MODEL_READ }],
  },
  {
    name: 'request-attachment-upload',
    description:
      'POST /api/models/{id}/attachments: checks an evidence file about to be added and presigns its upload',
    ...writeApi,
    env: [ENV.tableName, ENV.evidenceBucket],
    grants: ['table:read', 'table:write', 'evidence:write'],
    routes: [
      {
        method: 'POST',
        path: '/api/models/{id}/attachments',
        access: {
          ...MODEL_WRITE,
          note: 'người đăng ký, người thực hiện hoặc Bí thư chi bộ; đến hạn tự đánh giá, không sau khi đã xét',
        },
      },
    ],
  },
  {
    name: 'confirm-attachment',
    description:
      'POST /api/models/{id}/attachments/{attachmentId}/confirm: checks the uploaded file again and records it',
    ...writeApi,
    env: [ENV.tableName, ENV.evidenceBucket],
    grants: ['table:read', 'table:write', 'evidence:read'],
    routes: [
      {
        method: 'POST',
        path: '/api/models/{id}/attachments/{attachmentId}/confirm',
        access: { ...MODEL_WRITE, note: 'người đã tải tệp lên' },
      },
    ],
  },
  {
    name: 'list-attachments',
    description: "GET /api/models/{id}/attachments: a model's evidence files",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/models/{id}/attachments', access: MODEL_READ }],
  },
  {
    name: 'download-attachment',
    description:
      'GET /api/models/{id}/attachments/{attachmentId}: a short-lived download link of an evidence file',
    ...readApi,
    env: [ENV.tableName, ENV.evidenceBucket],
    grants: ['table:read', 'evidence:read'],
    routes: [{ method: 'GET', path: '/api/models/{id}/attachments/{attachmentId}', access: MODEL_READ }],
  },
  {
    name: 'audit-trail',
    description: 'GET /api/audit/{entity}/{id}: who changed a campaign, cell or person, when, and what',
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/audit/{entity}/{id}', access: READERS_ONLY }],
  },
  {
    name: 'cycle-record',
    description: 'model-cycle task: records a state of the model and mails the people concerned',
    ...workflowTask,
    env: [ENV.tableName, ENV.webUrl, ENV.mailDeliveryStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
  },
  {
    name: 'cycle-await',
    description: 'model-cycle callback task: keeps the task token on the model for the API',
    ...workflowTask,
    env: [ENV.tableName],
    // A withdrawal asked before the token was kept is answered by this task itself.
    grants: ['table:read', 'table:write', 'workflow:callback'],
  },
  {
    name: 'review-check',
    description: "model-cycle task: the rule check on the committee's decision",
    ...workflowTask,
    env: [ENV.tableName],
    grants: ['table:read'],
  },
  {
    name: 'cycle-continue',
    description: 'model-cycle task: starts the review stage as a new execution (one-year cap)',
    ...workflowTask,
    env: [ENV.tableName, ENV.modelCycleStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
  },
  {
    name: 'archive-history',
    description: "Archives a closed execution's history (Step Functions keeps it only 90 days)",
    memoryMb: 512,
    timeoutSeconds: 60,
    invokedBy: 'event',
    eventPattern: {
      source: ['aws.states'],
      detailType: ['Step Functions Execution Status Change'],
      // A delivery's own record (the outbox item) keeps its attempts; the auditors' timeline needs the cycles.
      stateMachines: ['model-cycle', 'periodic-review'],
      // Only a closed execution has a history to keep: a start would invoke the function for nothing.
      statuses: CLOSED_EXECUTION_STATUSES,
    },
    env: [ENV.archiveLocation],
    grants: ['workflow:read', 'archive:write', 'archive:read'],
  },
  {
    name: 'start-periodic-review',
    description:
      "Starts the day's periodic review, named after the local day: a repeated occurrence starts nothing",
    memoryMb: 256,
    timeoutSeconds: 30,
    invokedBy: 'schedule',
    env: [ENV.periodicReviewStateMachineArn],
    grants: ['workflow:start'],
  },
  {
    name: 'plan-periodic-review',
    description:
      'periodic-review task: the jobs due today for each active campaign; restarts deliveries and identity syncs a crash left pending',
    ...workflowTask,
    env: [ENV.tableName, ENV.mailDeliveryStateMachineArn, ENV.identitySyncStateMachineArn],
    grants: ['table:read', 'workflow:start', 'workflow:read'],
  },
  {
    name: 'run-periodic-job',
    description: 'periodic-review task: runs one due job, once per campaign and date',
    memoryMb: 1024,
    timeoutSeconds: 300,
    invokedBy: 'workflow',
    env: [ENV.tableName, ENV.webUrl, ENV.mailDeliveryStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
  },
  {
    name: 'send-mail',
    description: 'mail-delivery task: sends one outbox message through SES, once',
    ...workflowTask,
    env: [ENV.tableName, ENV.mailFrom, ENV.mailConfigurationSet],
    grants: ['table:read', 'table:write', 'mail:send'],
  },
  {
    name: 'record-mail-failure',
    description: 'mail-delivery task: marks a message failed, with the reason, when every retry failed',
    ...workflowTask,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'sync-identity',
    description: "identity-sync task: makes a person's user match their current record, or disables it",
    ...workflowTask,
    env: [ENV.tableName, ENV.userPoolId],
    grants: ['table:read', 'table:write', 'identity:write'],
  },
  {
    name: 'record-identity-sync-failure',
    description: 'identity-sync task: marks a sync failed, with the reason, when every retry failed',
    ...workflowTask,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
  },
  {
    name: 'resend-mail',
    description: 'POST /api/mail/{id}/resend: the Office sends a failed message again',
    ...writeApi,
    env: [ENV.tableName, ENV.mailDeliveryStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
    routes: [{ method: 'POST', path: '/api/mail/{id}/resend', access: OFFICE_ONLY }],
  },
  {
    name: 'list-cell-people',
    description: "GET /api/cells/{cellId}/people: a cell's people, for the registration form's person picker",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/cells/{cellId}/people', access: CELL_READ }],
  },
  // The Office's administration, reports and dashboard.
  {
    name: 'create-campaign',
    description: 'POST /api/campaigns: the Office creates a campaign from its configuration',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'POST', path: '/api/campaigns', access: OFFICE_ONLY }],
  },
  {
    name: 'update-campaign',
    description: "PUT /api/campaigns/{id}: the Office edits a campaign's configuration or status",
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'PUT', path: '/api/campaigns/{id}', access: OFFICE_ONLY }],
  },
  {
    name: 'create-cell',
    description: 'POST /api/cells: the Office adds a cell',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'POST', path: '/api/cells', access: OFFICE_ONLY }],
  },
  {
    name: 'update-cell',
    description: 'PUT /api/cells/{cellId}: the Office renames a cell or changes its secretary',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'PUT', path: '/api/cells/{cellId}', access: OFFICE_ONLY }],
  },
  {
    name: 'list-people',
    description: "GET /api/people?cellId: a cell's people with their details, for the Office",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/people', access: READERS_ONLY }],
  },
  {
    name: 'create-person',
    description: 'POST /api/people: the Office adds a person',
    ...writeApi,
    env: [ENV.tableName, ENV.identitySyncStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
    routes: [{ method: 'POST', path: '/api/people', access: OFFICE_ONLY }],
  },
  {
    name: 'update-person',
    description: "PUT /api/people/{id}: the Office edits a person's details, cell and roles",
    ...writeApi,
    env: [ENV.tableName, ENV.identitySyncStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
    routes: [{ method: 'PUT', path: '/api/people/{id}', access: OFFICE_ONLY }],
  },
  {
    name: 'remove-person',
    description: 'DELETE /api/people/{id}: the Office removes a person; their sign-in is disabled',
    ...writeApi,
    env: [ENV.tableName, ENV.identitySyncStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
    routes: [{ method: 'DELETE', path: '/api/people/{id}', access: OFFICE_ONLY }],
  },
  {
    name: 'start-import',
    description: 'POST /api/imports: checks a CSV or XLSX list row by row and records it for import',
    memoryMb: 1024,
    timeoutSeconds: 29,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'POST', path: '/api/imports', access: OFFICE_ONLY }],
  },
  {
    name: 'run-import',
    description: "POST /api/imports/{id}/run: writes an import's next chunk of rows",
    ...writeApi,
    env: [ENV.tableName, ENV.identitySyncStateMachineArn],
    grants: ['table:read', 'table:write', 'workflow:start'],
    routes: [{ method: 'POST', path: '/api/imports/{id}/run', access: OFFICE_ONLY }],
  },
  {
    name: 'get-import',
    description: "GET /api/imports/{id}: an import's progress",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/imports/{id}', access: OFFICE_ONLY }],
  },
  {
    name: 'get-report',
    description: 'GET /api/reports/{kind}: registration list, annual and phase reports as JSON, XLSX or HTML',
    memoryMb: 1024,
    timeoutSeconds: 29,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/reports/{kind}', access: READERS_ONLY }],
  },
  {
    name: 'get-dashboard',
    description: "GET /api/dashboard: where every cell stands against today's calendar",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/dashboard', access: READERS_ONLY }],
  },
  {
    name: 'get-organization-profile',
    description: "GET /api/organization-profile: what the committee's documents say about it",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/organization-profile', access: EVERYONE }],
  },
  {
    name: 'update-organization-profile',
    description: "PUT /api/organization-profile: the Office edits the organization's profile (audited)",
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'PUT', path: '/api/organization-profile', access: OFFICE_ONLY }],
  },
  {
    name: 'create-document',
    description: 'POST /api/documents: the Office drafts an official document (no number until issued)',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'POST', path: '/api/documents', access: OFFICE_ONLY }],
  },
  {
    name: 'list-documents',
    description: "GET /api/documents?campaignId&year|modelId: the register's documents the caller may read",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/documents', access: DOCUMENT_READ }],
  },
  {
    name: 'get-document',
    description: "GET /api/documents/{id}?format=json|docx|pdf: a document's metadata or its file",
    memoryMb: 1024,
    timeoutSeconds: 29,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/documents/{id}', access: DOCUMENT_READ }],
  },
  {
    name: 'update-document',
    description:
      "PUT /api/documents/{id}: the Office writes a draft's narrative, reasons, recipients, signer",
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'PUT', path: '/api/documents/{id}', access: OFFICE_ONLY }],
  },
  {
    name: 'issue-document',
    description:
      'POST /api/documents/{id}/issue: the Office issues a draft with the next number of its type and year',
    memoryMb: 1024,
    timeoutSeconds: 29,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'POST', path: '/api/documents/{id}/issue', access: OFFICE_ONLY }],
  },
  {
    name: 'cancel-document',
    description: 'POST /api/documents/{id}/cancel: the Office cancels a document, with its reason',
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [{ method: 'POST', path: '/api/documents/{id}/cancel', access: OFFICE_ONLY }],
  },
  {
    name: 'propose-commendation',
    description:
      "POST /api/models/{id}/commendation-proposal: a cell's secretary proposes an exemplary model",
    ...writeApi,
    env: [ENV.tableName],
    grants: ['table:read', 'table:write'],
    routes: [
      {
        method: 'POST',
        path: '/api/models/{id}/commendation-proposal',
        access: {
          roles: { office: 'all', secretary: 'own-cell' },
          outOfScope: 404,
          note: 'mô hình đã được công nhận và xếp loại',
        },
      },
    ],
  },
  {
    name: 'list-commendation-proposals',
    description: "GET /api/commendation-proposals?campaignId&year: the cells' proposals for the committee",
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/commendation-proposals', access: READERS_ONLY }],
  },
  {
    name: 'list-tasks',
    description: 'GET /api/tasks: what awaits the caller, by role, with deadlines and links',
    ...readApi,
    env: [ENV.tableName],
    grants: ['table:read'],
    routes: [{ method: 'GET', path: '/api/tasks', access: OWN_TASKS }],
  },
];

export const stateMachines: readonly StateMachineSpec[] = [
  {
    name: 'model-cycle',
    definition: 'statemachines/model-cycle.asl.json',
    functionArns: {
      CycleRecordFunctionArn: 'cycle-record',
      CycleAwaitFunctionArn: 'cycle-await',
      CycleContinueFunctionArn: 'cycle-continue',
      ReviewCheckFunctionArn: 'review-check',
    },
    arnEnv: ENV.modelCycleStateMachineArn,
  },
  {
    name: 'periodic-review',
    definition: 'statemachines/periodic-review.asl.json',
    functionArns: {
      PlanPeriodicReviewFunctionArn: 'plan-periodic-review',
      RunPeriodicJobFunctionArn: 'run-periodic-job',
    },
    arnEnv: ENV.periodicReviewStateMachineArn,
  },
  {
    name: 'mail-delivery',
    definition: 'statemachines/mail-delivery.asl.json',
    functionArns: {
      SendMailFunctionArn: 'send-mail',
      RecordMailFailureFunctionArn: 'record-mail-failure',
    },
    arnEnv: ENV.mailDeliveryStateMachineArn,
  },
  {
    name: 'identity-sync',
    definition: 'statemachines/identity-sync.asl.json',
    functionArns: {
      SyncIdentityFunctionArn: 'sync-identity',
      RecordIdentitySyncFailureFunctionArn: 'record-identity-sync-failure',
    },
    arnEnv: ENV.identitySyncStateMachineArn,
  },
];

export const schedules: readonly ScheduleSpec[] = [
  {
    // Every day at 00:00 in Hanoi time: a day's jobs run on the day itself.
    name: 'daily-periodic-review',
    expression: 'cron(0 0 * * ? *)',
    timeZone: 'Asia/Ho_Chi_Minh',
    // Through a function, which names the execution after the local day: the
    // Scheduler's own StartExecution target names executions at random.
    target: { function: 'start-periodic-review' },
    input: { scheduledTime: '<aws.scheduler.scheduled-time>' },
  },
];

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
