// The Amazon States Language as this engine accepts it (Standard workflows,
// JSONata), and the checks a definition passes before it is stored:
// asl-validator's schema and transition checks, then the engine's own —
// JSONata only, supported state types and resources, compilable expressions,
// well-formed retriers and catchers.
import aslValidator from 'asl-validator';
import { isJsonObject, type Json, type JsonObject, tryParseJson } from './json.ts';
import { compileExpression, isExpression } from './jsonata-eval.ts';
import { describeResourceProblem } from './resources.ts';
import { StatesErrors } from './states-error.ts';

export interface RetrierDef {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

export interface CatcherDef {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly Output?: Json;
  readonly Assign?: JsonObject;
}

export interface ChoiceRuleDef {
  readonly Condition: string | boolean;
  readonly Next: string;
  readonly Output?: Json;
  readonly Assign?: JsonObject;
}

export type StateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export interface StateDef {
  readonly Type: StateType;
  readonly Comment?: string;
  readonly QueryLanguage?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Output?: Json;
  readonly Assign?: JsonObject;
  readonly Arguments?: Json;
  readonly Resource?: string;
  readonly TimeoutSeconds?: number | string;
  readonly HeartbeatSeconds?: number | string;
  readonly Retry?: readonly RetrierDef[];
  readonly Catch?: readonly CatcherDef[];
  readonly Choices?: readonly ChoiceRuleDef[];
  readonly Default?: string;
  readonly Seconds?: number | string;
  readonly Timestamp?: string;
  readonly Error?: string;
  readonly Cause?: string;
  readonly Branches?: readonly BranchDef[];
  readonly Items?: Json;
  readonly ItemSelector?: Json;
  readonly ItemProcessor?: BranchDef;
  readonly MaxConcurrency?: number | string;
}

export interface BranchDef {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, StateDef>>;
  readonly ProcessorConfig?: { readonly Mode?: string };
}

export interface StateMachineDef extends BranchDef {
  readonly Comment?: string;
  readonly QueryLanguage?: string;
  readonly TimeoutSeconds?: number;
  readonly Version?: string;
}

/** One step from a branch to a nested one: a Parallel branch by index, or a Map's ItemProcessor. */
export interface BranchStep {
  readonly state: string;
  readonly branch: number | 'map';
}

/** Finds the branch (root, Parallel branch, Map processor) a path of steps leads to. */
export function resolveBranch(definition: StateMachineDef, path: readonly BranchStep[]): BranchDef {
  let branch: BranchDef = definition;
  for (const step of path) {
    const state = branch.States[step.state];
    const next = step.branch === 'map' ? state?.ItemProcessor : state?.Branches?.[step.branch];
    if (!next) throw new Error(`Definition has no branch ${step.state}/${String(step.branch)}`);
    branch = next;
  }
  return branch;
}

export type ValidationResult = { ok: true; definition: StateMachineDef } | { ok: false; problems: string[] };

// Fields that only exist in JSONPath states; a JSONata state that has them is refused.
const jsonPathFields = [
  'InputPath',
  'OutputPath',
  'ResultPath',
  'Parameters',
  'ResultSelector',
  'Result',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'ItemsPath',
  'Iterator',
  'MaxConcurrencyPath',
] as const;

const unsupportedMapFields = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailureCount',
  'ToleratedFailurePercentage',
  'Label',
] as const;

const stateTypes = new Set<string>(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);

// Validation is pure and asl-validator is slow; executions of the same
// definition share one result.
const validated = new Map<string, ValidationResult>();

/** Parses and validates a definition; problems name the state they are about. */
export function validateDefinition(text: string): ValidationResult {
  const known = validated.get(text);
  if (known) return known;
  const result = validateUncached(text);
  if (validated.size > 500) validated.clear();
  validated.set(text, result);
  return result;
}

function validateUncached(text: string): ValidationResult {
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) {
    return { ok: false, problems: ['the definition is not a JSON object'] };
  }
  const raw = parsed.value;
  const problems: string[] = [];
  if (raw.QueryLanguage !== 'JSONata') {
    problems.push(
      `the top-level QueryLanguage must be "JSONata" (found ${JSON.stringify(raw.QueryLanguage ?? 'JSONPath (the default)')}); this engine does not run JSONPath states`,
    );
  }
  if (raw.TimeoutSeconds !== undefined && !isPositiveInteger(raw.TimeoutSeconds)) {
    problems.push('the top-level TimeoutSeconds must be a positive integer');
  }
  const schema = aslValidator(forSchemaCheck(raw), { checkPaths: false, checkArn: true });
  for (const error of schema.errors)
    problems.push(describeAslError(error.Message, error.schemaError?.instancePath));
  if (problems.length === 0) checkBranch(raw as unknown as BranchDef, problems);
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, definition: raw as unknown as StateMachineDef };
}

// asl-validator's JSONata schema is stricter than Step Functions about payload
// templates (AWS takes any JSON in Output, for instance). Those fields are
// checked by the engine itself, so the copy given to the schema check holds
// neutral templates instead.
const templateFields = ['Output', 'Arguments', 'Assign', 'ItemSelector'] as const;

function forSchemaCheck(raw: JsonObject): JsonObject {
  const copy = structuredClone(raw);
  const neutralize = (holder: Json | undefined): void => {
    if (!isJsonObject(holder)) return;
    for (const field of templateFields) if (field in holder) holder[field] = {};
  };
  const visitBranch = (branch: Json | undefined): void => {
    if (!isJsonObject(branch) || !isJsonObject(branch.States)) return;
    for (const state of Object.values(branch.States)) {
      if (!isJsonObject(state)) continue;
      neutralize(state);
      for (const list of [state.Choices, state.Catch]) if (Array.isArray(list)) list.forEach(neutralize);
      if (Array.isArray(state.Branches)) state.Branches.forEach(visitBranch);
      visitBranch(state.ItemProcessor);
    }
  };
  visitBranch(copy);
  return copy;
}

function describeAslError(message: string, instancePath: string | undefined): string {
  const states = [...(instancePath ?? '').matchAll(/\/States\/([^/]+)/g)].map((match) => match[1]);
  const state = states.at(-1);
  return state
    ? `state '${decodeURIComponent(state.replace(/~1/g, '/').replace(/~0/g, '~'))}': ${message}`
    : message;
}

function checkBranch(branch: BranchDef, problems: string[]): void {
  for (const [name, state] of Object.entries(branch.States)) checkState(name, state, problems);
}

function checkState(name: string, state: StateDef, problems: string[]): void {
  const problem = (text: string): void => {
    problems.push(`state '${name}': ${text}`);
  };
  const fields = state as unknown as JsonObject;
  if (!stateTypes.has(state.Type)) problem(`unsupported state type ${JSON.stringify(state.Type)}`);
  if (state.QueryLanguage !== undefined && state.QueryLanguage !== 'JSONata') {
    problem(`QueryLanguage ${JSON.stringify(state.QueryLanguage)} is not supported; only JSONata is`);
  }
  for (const field of jsonPathFields) {
    if (field in fields) problem(`${field} is a JSONPath field and is not allowed in a JSONata state`);
  }
  checkExpressions(fields, name, problems);
  checkNumberOrExpression(state.TimeoutSeconds, 'TimeoutSeconds', problem);
  checkNumberOrExpression(state.HeartbeatSeconds, 'HeartbeatSeconds', problem);
  if (state.Type === 'Task') checkTask(state, problem);
  if (state.Type === 'Wait') checkNumberOrExpression(state.Seconds, 'Seconds', problem, true);
  if (state.Retry) checkRetriers(state.Retry, problem);
  if (state.Catch) checkErrorLists(state.Catch, 'Catch', problem);
  if (state.Type === 'Map') checkMap(state, fields, problem, problems);
  if (state.Type === 'Parallel') for (const branch of state.Branches ?? []) checkBranch(branch, problems);
}

function checkTask(state: StateDef, problem: (text: string) => void): void {
  const resourceProblem = describeResourceProblem(state.Resource);
  if (resourceProblem) problem(resourceProblem);
  if (
    typeof state.TimeoutSeconds === 'number' &&
    typeof state.HeartbeatSeconds === 'number' &&
    state.HeartbeatSeconds >= state.TimeoutSeconds
  ) {
    problem('HeartbeatSeconds must be smaller than TimeoutSeconds');
  }
}

function checkMap(
  state: StateDef,
  fields: JsonObject,
  problem: (text: string) => void,
  problems: string[],
): void {
  const mode = state.ItemProcessor?.ProcessorConfig?.Mode;
  if (mode !== undefined && mode !== 'INLINE') problem(`Map mode ${mode} is not supported; only INLINE is`);
  for (const field of unsupportedMapFields) {
    if (field in fields) problem(`${field} is not supported (Distributed Map only)`);
  }
  checkNumberOrExpression(state.MaxConcurrency, 'MaxConcurrency', problem, true);
  if (state.ItemProcessor) checkBranch(state.ItemProcessor, problems);
}

function checkRetriers(retriers: readonly RetrierDef[], problem: (text: string) => void): void {
  checkErrorLists(retriers, 'Retry', problem);
  for (const [index, retrier] of retriers.entries()) {
    if (
      retrier.MaxAttempts !== undefined &&
      (!Number.isInteger(retrier.MaxAttempts) || retrier.MaxAttempts < 0)
    ) {
      problem(`Retry[${index}].MaxAttempts must be a non-negative integer`);
    }
    if (retrier.BackoffRate !== undefined && retrier.BackoffRate < 1) {
      problem(`Retry[${index}].BackoffRate must be at least 1.0`);
    }
    if (retrier.IntervalSeconds !== undefined && !isPositiveInteger(retrier.IntervalSeconds)) {
      problem(`Retry[${index}].IntervalSeconds must be a positive integer`);
    }
  }
}

function checkErrorLists(
  handlers: readonly { readonly ErrorEquals: readonly string[] }[],
  field: string,
  problem: (text: string) => void,
): void {
  for (const [index, handler] of handlers.entries()) {
    const hasAll = handler.ErrorEquals.includes(StatesErrors.all);
    if (hasAll && handler.ErrorEquals.length > 1)
      problem(`${field}[${index}]: States.ALL must appear alone in ErrorEquals`);
    if (hasAll && index !== handlers.length - 1)
      problem(`${field}[${index}]: a States.ALL handler must be the last one`);
  }
}

function checkNumberOrExpression(
  value: unknown,
  field: string,
  problem: (text: string) => void,
  allowZero = false,
): void {
  if (value === undefined || isExpression(value)) return;
  const ok = typeof value === 'number' && Number.isInteger(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok)
    problem(
      `${field} must be ${allowZero ? 'a non-negative' : 'a positive'} integer or a JSONata expression`,
    );
}

// Every `{% %}` string in the state's own fields (not in nested branches) must compile.
function checkExpressions(fields: JsonObject, stateName: string, problems: string[]): void {
  const visit = (value: Json, location: string): void => {
    if (isExpression(value)) {
      try {
        compileExpression(value);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problems.push(
          `state '${stateName}': the JSONata expression in ${location} does not compile: ${reason}`,
        );
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, `${location}[${index}]`);
      });
    } else if (isJsonObject(value)) {
      for (const [key, item] of Object.entries(value)) visit(item, `${location}/${key}`);
    }
  };
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'Branches' || key === 'ItemProcessor') continue;
    visit(value, key);
  }
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
