// The Step Functions service behind the API: state machines, executions and
// callbacks, each operation checking its request the way AWS does and
// answering with AWS's named errors. Also the clock's view of the engine
// (nextDue / fireDue / idle).
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Clock, TimeDriven } from '../clock.ts';
import { localCredentials } from '../credentials.ts';
import { apiError } from './api-errors.ts';
import {
  assertValidName,
  executionArn,
  type Partitioning,
  parseExecutionArn,
  parseStateMachineArn,
  stateMachineArn,
} from './arns.ts';
import { type StateMachineDef, validateDefinition } from './definition.ts';
import { Execution, type ExecutionServices } from './execution.ts';
import type {
  ExecutionClose,
  ExecutionHeader,
  ExecutionStatusChange,
  HistoryEvent,
} from './execution-record.ts';
import { toWireEvent } from './history.ts';
import { isJsonObject, type Json, type JsonObject, PAYLOAD_LIMIT_BYTES, tryParseJson } from './json.ts';
import type { LambdaInvoker } from './resources.ts';
import { type IndexEntry, SfnStore, type StateMachineRecord } from './store.ts';
import { TimerQueue } from './timers.ts';
import { readToken } from './tokens.ts';

export interface SfnServiceOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly invokeLambda: LambdaInvoker;
  readonly dynamodbEndpoint?: string;
  readonly region: string;
  readonly accountId: string;
  readonly log?: (message: string, error?: unknown) => void;
  /** Told of every execution's start and close, as EventBridge is on AWS. */
  readonly onStatusChange?: (change: ExecutionStatusChange) => void;
}

/** A closed execution read back from its journal for Describe and GetExecutionHistory. */
interface ClosedExecution {
  readonly header: ExecutionHeader;
  readonly events: readonly HistoryEvent[];
  readonly close?: ExecutionClose;
}

const CLOSED_CACHE_SIZE = 200;

/** State machines, executions and timers, persisted through SfnStore. */
export class SfnService implements TimeDriven {
  private readonly store: SfnStore;
  private readonly partitioning: Partitioning;
  private readonly machines = new Map<string, StateMachineRecord>();
  private index = new Map<string, IndexEntry>();
  private readonly running = new Map<string, Execution>();
  private readonly closedCache = new Map<string, ClosedExecution>();
  private readonly timers = new TimerQueue();
  private inflight = 0;
  private idleWaiters: (() => void)[] = [];
  private open = true;
  private resumed = false;
  private dynamo?: DynamoDBClient;
  private readonly services: ExecutionServices;

  constructor(private readonly options: SfnServiceOptions) {
    this.store = new SfnStore(options.dataDir);
    this.partitioning = { region: options.region, accountId: options.accountId };
    const log =
      options.log ??
      ((message: string, error?: unknown) => console.error(`[stepfunctions] ${message}`, error ?? ''));
    this.services = {
      clock: options.clock,
      region: options.region,
      resources: { invokeLambda: options.invokeLambda, dynamodb: () => this.dynamoClient() },
      persist: (arn, commit) => this.store.appendCommit(arn, commit),
      accepting: () => this.open,
      track: (work) => this.track(work),
      addTimer: (entry) => this.timers.add(entry),
      closed: (execution, close) => this.executionClosed(execution, close),
      log,
    };
  }

  // ---- lifecycle ---------------------------------------------------------------

  /** Opens the store and resumes every execution that was running. */
  start(): void {
    this.store.init();
    for (const record of this.store.loadStateMachines()) this.machines.set(record.name, record);
    this.index = this.store.loadIndex();
    for (const entry of this.index.values()) {
      if (entry.status === 'RUNNING') this.resumeExecution(entry);
    }
  }

  private resumeExecution(entry: IndexEntry): void {
    const journal = this.store.readJournal(entry.executionArn);
    if (!journal) {
      this.options.log?.(`no journal for running execution ${entry.executionArn}`);
      return;
    }
    const validation = validateDefinition(journal.header.definition);
    if (!validation.ok) throw new Error(`Stored definition of ${entry.executionArn} no longer validates`);
    const execution = new Execution(journal.header, validation.definition, this.services);
    for (const commit of journal.commits) execution.apply(commit);
    if (execution.close) {
      // Closed in the journal, but the process died before the index said so.
      this.executionClosed(execution, execution.close);
      return;
    }
    this.running.set(entry.executionArn, execution);
    execution.rearm();
  }

  /**
   * Lets the executions found at start run again. Deferred from start() so the
   * runtime can finish wiring (the functions learn the engine's URL only after
   * listen) before a resumed task calls a function.
   */
  resumeWork(): void {
    if (this.resumed) return;
    this.resumed = true;
    for (const execution of this.running.values()) execution.resumeWork();
  }

  /** Stops taking work; whatever is in flight is dropped and redone after the next start. */
  close(): void {
    this.open = false;
    this.dynamo?.destroy();
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters = [];
  }

  private dynamoClient(): DynamoDBClient {
    const endpoint = this.options.dynamodbEndpoint;
    if (!endpoint)
      throw apiError('InternalFailure', 'No DynamoDB endpoint was given to the Step Functions engine');
    this.dynamo ??= new DynamoDBClient({
      endpoint,
      region: this.options.region,
      credentials: localCredentials,
    });
    return this.dynamo;
  }

  // ---- time ----------------------------------------------------------------------

  /** The earliest pending timer. */
  nextDue(): number | undefined {
    return this.timers.peek((entry) => this.isLive(entry))?.due;
  }

  /** Fires every timer due at or before `now`, in order, and waits for what they start. */
  async fireDue(now: number): Promise<void> {
    this.resumeWork();
    for (;;) {
      const entry = this.timers.peek((candidate) => this.isLive(candidate));
      if (!entry || entry.due > now) return;
      this.timers.pop();
      const execution = this.running.get(entry.executionArn);
      if (execution) void execution.fire(entry);
      // Settle before the next timer: a later timer may no longer apply once this one has fired.
      await this.idle();
    }
  }

  /** Resolves when no step and no task invocation is in flight. */
  idle(): Promise<void> {
    if (this.inflight === 0 || !this.open) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isLive(entry: { readonly executionArn: string } & Parameters<Execution['isLive']>[0]): boolean {
    return this.running.get(entry.executionArn)?.isLive(entry) ?? false;
  }

  private track(work: Promise<unknown>): void {
    this.inflight += 1;
    const settle = (): void => {
      this.inflight -= 1;
      if (this.inflight > 0) return;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    };
    work.then(settle, settle);
  }

  private executionClosed(execution: Execution, close: ExecutionClose): void {
    this.running.delete(execution.arn);
    this.store.indexClose(execution.arn, close);
    const entry = this.index.get(execution.arn);
    if (entry) this.index.set(execution.arn, { ...entry, status: close.status, stopDate: close.stopDate });
    this.remember({ header: execution.header, events: execution.events, close });
    this.statusChanged(execution.header, close);
  }

  private statusChanged(header: ExecutionHeader, close?: ExecutionClose): void {
    if (!this.options.onStatusChange) return;
    try {
      this.options.onStatusChange({
        executionArn: header.executionArn,
        stateMachineArn: header.stateMachineArn,
        name: header.name,
        status: close?.status ?? 'RUNNING',
        startDate: header.startDate,
        stopDate: close?.stopDate ?? null,
        input: header.input,
        output: close?.output ?? null,
        error: close?.error ?? null,
        cause: close?.cause ?? null,
      });
    } catch (error) {
      this.options.log?.('status change listener failed', error);
    }
  }

  private remember(closed: ClosedExecution): void {
    this.closedCache.delete(closed.header.executionArn);
    this.closedCache.set(closed.header.executionArn, closed);
    if (this.closedCache.size > CLOSED_CACHE_SIZE) {
      const oldest = this.closedCache.keys().next().value;
      if (oldest !== undefined) this.closedCache.delete(oldest);
    }
  }

  // ---- definitions from files ----------------------------------------------------

  /** Creates or updates state machines from definition files; an invalid one throws naming file and states. */
  loadDefinitions(
    files: readonly { name: string; file: string; definition: string; roleArn?: string }[],
  ): void {
    const checked = files.map((file) => {
      const validation = validateDefinition(file.definition);
      if (!validation.ok) {
        throw new Error(
          `Invalid state machine definition in ${file.file}: ${validation.problems.join('; ')}`,
        );
      }
      return file;
    });
    for (const file of checked) {
      const roleArn = file.roleArn ?? `arn:aws:iam::${this.options.accountId}:role/${file.name}-role`;
      const existing = this.machines.get(file.name);
      if (existing?.definition === file.definition && existing.roleArn === roleArn) continue;
      this.saveMachine(file.name, file.definition, roleArn, existing);
    }
  }

  private saveMachine(
    name: string,
    definition: string,
    roleArn: string,
    existing?: StateMachineRecord,
  ): StateMachineRecord {
    const now = this.options.clock.now();
    const record: StateMachineRecord = {
      name,
      stateMachineArn: stateMachineArn(this.partitioning, name),
      definition,
      roleArn,
      type: 'STANDARD',
      creationDate: existing?.creationDate ?? now,
      ...(existing ? { updateDate: now } : {}),
      revisionId: randomUUID(),
    };
    this.store.saveStateMachine(record);
    this.machines.set(name, record);
    return record;
  }

  // ---- state machine operations ----------------------------------------------------

  /** CreateStateMachine. */
  createStateMachine(request: JsonObject): JsonObject {
    const name = assertValidName(request.name, 'state machine');
    const definition = requireString(request, 'definition');
    const roleArn = requireString(request, 'roleArn');
    if (request.type !== undefined && request.type !== 'STANDARD') {
      throw apiError(
        'ValidationException',
        'The local Step Functions engine runs STANDARD state machines only',
      );
    }
    assertDefinition(definition);
    const existing = this.machines.get(name);
    if (existing) {
      if (existing.definition === definition && existing.roleArn === roleArn) {
        return { stateMachineArn: existing.stateMachineArn, creationDate: seconds(existing.creationDate) };
      }
      throw apiError(
        'StateMachineAlreadyExists',
        `State Machine Already Exists: '${existing.stateMachineArn}'`,
      );
    }
    const record = this.saveMachine(name, definition, roleArn);
    return { stateMachineArn: record.stateMachineArn, creationDate: seconds(record.creationDate) };
  }

  /** UpdateStateMachine. */
  updateStateMachine(request: JsonObject): JsonObject {
    const existing = this.machine(request.stateMachineArn);
    const definition = optionalString(request, 'definition');
    const roleArn = optionalString(request, 'roleArn');
    if (definition === undefined && roleArn === undefined) {
      throw apiError('MissingRequiredParameter', 'Either the definition or the roleArn must be specified');
    }
    if (definition !== undefined) assertDefinition(definition);
    const record = this.saveMachine(
      existing.name,
      definition ?? existing.definition,
      roleArn ?? existing.roleArn,
      existing,
    );
    return { updateDate: seconds(record.updateDate ?? record.creationDate), revisionId: record.revisionId };
  }

  /** DeleteStateMachine (running executions carry on with the definition they started with). */
  deleteStateMachine(request: JsonObject): JsonObject {
    const name = parseStateMachineArn(request.stateMachineArn);
    if (this.machines.delete(name)) this.store.deleteStateMachine(name);
    return {};
  }

  /** DescribeStateMachine. */
  describeStateMachine(request: JsonObject): JsonObject {
    const record = this.machine(request.stateMachineArn);
    return {
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: 'ACTIVE',
      definition: record.definition,
      roleArn: record.roleArn,
      type: record.type,
      creationDate: seconds(record.creationDate),
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
      revisionId: record.revisionId,
    };
  }

  /** ListStateMachines, by name, paginated. */
  listStateMachines(request: JsonObject): JsonObject {
    const all = [...this.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(all, request, 100);
    return {
      stateMachines: page.items.map((record) => ({
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        type: record.type,
        creationDate: seconds(record.creationDate),
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  private machine(arn: Json | undefined): StateMachineRecord {
    const name = parseStateMachineArn(arn);
    const record = this.machines.get(name);
    if (!record) throw apiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    return record;
  }

  // ---- execution operations ---------------------------------------------------------

  /** StartExecution: a running execution with the same name and input is returned, as on AWS. */
  startExecution(request: JsonObject): JsonObject {
    const machine = this.machine(request.stateMachineArn);
    const name = request.name === undefined ? randomUUID() : assertValidName(request.name, 'execution');
    const input = optionalString(request, 'input') ?? '{}';
    if (Buffer.byteLength(input, 'utf8') > PAYLOAD_LIMIT_BYTES) {
      throw apiError(
        'ValidationException',
        `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${PAYLOAD_LIMIT_BYTES}`,
      );
    }
    const parsed = tryParseJson(input);
    if (!parsed.ok)
      throw apiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${input.slice(0, 200)}'`,
      );
    const arn = executionArn(this.partitioning, machine.name, name);
    const existing = this.index.get(arn);
    if (existing) {
      const same = existing.status === 'RUNNING' && this.running.get(arn)?.header.input === input;
      if (!same) throw apiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
      return { executionArn: arn, startDate: seconds(existing.startDate) };
    }
    const validation = validateDefinition(machine.definition);
    if (!validation.ok)
      throw apiError(
        'InvalidDefinition',
        `Invalid State Machine Definition: '${validation.problems.join('; ')}'`,
      );
    return this.launch(machine, name, arn, input, parsed.value, validation.definition);
  }

  private launch(
    machine: StateMachineRecord,
    name: string,
    arn: string,
    input: string,
    parsedInput: Json,
    definition: StateMachineDef,
  ): JsonObject {
    const header: ExecutionHeader = {
      executionArn: arn,
      stateMachineArn: machine.stateMachineArn,
      stateMachineName: machine.name,
      name,
      definition: machine.definition,
      roleArn: machine.roleArn,
      input,
      startDate: this.options.clock.now(),
    };
    const first = Execution.firstCommit(header, definition, parsedInput);
    // Journal first, index second: an index line always has a journal behind it.
    this.store.createJournal(header, first);
    const entry: IndexEntry = {
      executionArn: arn,
      stateMachineArn: machine.stateMachineArn,
      name,
      startDate: header.startDate,
      status: 'RUNNING',
    };
    this.store.indexStart(entry);
    this.index.set(arn, entry);
    const execution = new Execution(header, definition, this.services);
    execution.apply(first);
    this.running.set(arn, execution);
    execution.rearm();
    execution.resumeWork();
    this.statusChanged(header);
    return { executionArn: arn, startDate: seconds(header.startDate) };
  }

  /** DescribeExecution. */
  describeExecution(request: JsonObject): JsonObject {
    const found = this.execution(request.executionArn);
    const { header, close } = found;
    return {
      executionArn: header.executionArn,
      stateMachineArn: header.stateMachineArn,
      name: header.name,
      status: close?.status ?? 'RUNNING',
      startDate: seconds(header.startDate),
      ...(close ? { stopDate: seconds(close.stopDate) } : {}),
      input: header.input,
      inputDetails: { included: true },
      ...(close?.output !== undefined ? { output: close.output, outputDetails: { included: true } } : {}),
      ...(close?.error !== undefined ? { error: close.error } : {}),
      ...(close?.cause !== undefined ? { cause: close.cause } : {}),
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
  }

  /** ListExecutions, newest first, with an optional status filter. */
  listExecutions(request: JsonObject): JsonObject {
    const machine = this.machine(request.stateMachineArn);
    const filter = optionalString(request, 'statusFilter');
    if (
      filter !== undefined &&
      !['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'].includes(filter)
    ) {
      throw apiError(
        'ValidationException',
        `1 validation error detected: Value '${filter}' at 'statusFilter' failed to satisfy constraint`,
      );
    }
    const all = [...this.index.values()]
      .filter(
        (entry) =>
          entry.stateMachineArn === machine.stateMachineArn &&
          (filter === undefined || entry.status === filter),
      )
      .sort((a, b) => b.startDate - a.startDate || b.executionArn.localeCompare(a.executionArn));
    const page = paginate(all, request, 100);
    return {
      executions: page.items.map((entry) => ({
        executionArn: entry.executionArn,
        stateMachineArn: entry.stateMachineArn,
        name: entry.name,
        status: entry.status,
        startDate: seconds(entry.startDate),
        ...(entry.stopDate === undefined ? {} : { stopDate: seconds(entry.stopDate) }),
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  /** GetExecutionHistory, paginated, in either order, with or without the data. */
  getExecutionHistory(request: JsonObject): JsonObject {
    const { events } = this.execution(request.executionArn);
    const ordered = request.reverseOrder === true ? [...events].reverse() : events;
    const page = paginate(ordered, request, 100);
    const includeData = request.includeExecutionData !== false;
    return {
      events: page.items.map((event) => toWireEvent(event, includeData)),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  /** StopExecution. */
  async stopExecution(request: JsonObject): Promise<JsonObject> {
    const found = this.execution(request.executionArn);
    const running = this.running.get(found.header.executionArn);
    const close = running
      ? await running.stop(optionalString(request, 'error'), optionalString(request, 'cause'))
      : found.close;
    return { stopDate: seconds(close?.stopDate ?? this.options.clock.now()) };
  }

  private execution(arn: Json | undefined): ClosedExecution {
    parseExecutionArn(arn);
    const key = String(arn);
    const running = this.running.get(key);
    if (running) return { header: running.header, events: running.events };
    const cached = this.closedCache.get(key);
    if (cached) return cached;
    const journal = this.index.has(key) ? this.store.readJournal(key) : undefined;
    if (!journal) throw apiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${key}'`);
    const validation = validateDefinition(journal.header.definition);
    if (!validation.ok) throw apiError('InternalFailure', `Stored definition of ${key} no longer validates`);
    const replay = new Execution(journal.header, validation.definition, this.services);
    for (const commit of journal.commits) replay.apply(commit);
    const closed: ClosedExecution = {
      header: replay.header,
      events: replay.events,
      ...(replay.close ? { close: replay.close } : {}),
    };
    this.remember(closed);
    return closed;
  }

  // ---- callbacks -------------------------------------------------------------------------

  /** SendTaskSuccess. */
  async sendTaskSuccess(request: JsonObject): Promise<JsonObject> {
    const { execution, threadId, token } = this.taskOf(request);
    const output = requireString(request, 'output');
    if (Buffer.byteLength(output, 'utf8') > PAYLOAD_LIMIT_BYTES) {
      throw apiError(
        'ValidationException',
        `1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to ${PAYLOAD_LIMIT_BYTES}`,
      );
    }
    const parsed = tryParseJson(output);
    if (!parsed.ok) throw apiError('InvalidOutput', `Invalid Output: '${output.slice(0, 200)}'`);
    await execution.taskSucceeded(threadId, token, parsed.value);
    return {};
  }

  /** SendTaskFailure. */
  async sendTaskFailure(request: JsonObject): Promise<JsonObject> {
    const { execution, threadId, token } = this.taskOf(request);
    const error = optionalString(request, 'error') ?? '';
    const cause = optionalString(request, 'cause') ?? '';
    if (error.length > 256)
      throw apiError('ValidationException', "Value at 'error' must have length less than or equal to 256");
    if (cause.length > 32768)
      throw apiError('ValidationException', "Value at 'cause' must have length less than or equal to 32768");
    await execution.taskFailed(threadId, token, error, cause);
    return {};
  }

  /** SendTaskHeartbeat. */
  async sendTaskHeartbeat(request: JsonObject): Promise<JsonObject> {
    const { execution, threadId, token } = this.taskOf(request);
    await execution.heartbeat(threadId, token);
    return {};
  }

  private taskOf(request: JsonObject): { execution: Execution; threadId: string; token: string } {
    const token = requireString(request, 'taskToken');
    if (token.length > 2048)
      throw apiError('InvalidToken', 'Invalid Token: the token is longer than 2048 characters');
    const target = readToken(token);
    if (!target) throw apiError('InvalidToken', `Invalid Token: '${token.slice(0, 100)}'`);
    const execution = this.running.get(target.executionArn);
    if (!execution) {
      if (this.index.has(target.executionArn)) {
        throw apiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
      }
      throw apiError('InvalidToken', `Invalid Token: '${token.slice(0, 100)}'`);
    }
    return { execution, threadId: target.threadId, token };
  }
}

function assertDefinition(definition: string): void {
  const validation = validateDefinition(definition);
  if (!validation.ok)
    throw apiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: '${validation.problems.join('; ')}'`,
    );
}

function requireString(request: JsonObject, field: string): string {
  const value = request[field];
  if (typeof value !== 'string') {
    throw apiError(
      'ValidationException',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function optionalString(request: JsonObject, field: string): string | undefined {
  const value = request[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw apiError('SerializationException', `${field} must be a string`);
  return value;
}

/** Epoch seconds, the JSON 1.0 protocol's timestamp format. */
function seconds(ms: number): number {
  return ms / 1000;
}

function paginate<T>(
  items: readonly T[],
  request: JsonObject,
  defaultSize: number,
): { items: T[]; nextToken?: string } {
  const max = request.maxResults;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 1000)) {
    throw apiError(
      'ValidationException',
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  }
  const size = typeof max === 'number' && max > 0 ? max : defaultSize;
  let offset = 0;
  if (request.nextToken !== undefined && request.nextToken !== null) {
    const decoded =
      typeof request.nextToken === 'string'
        ? tryParseJson(Buffer.from(request.nextToken, 'base64url').toString('utf8'))
        : undefined;
    const value = decoded?.ok && isJsonObject(decoded.value) ? decoded.value.offset : undefined;
    if (typeof value !== 'number' || value < 0 || value > items.length)
      throw apiError('InvalidToken', 'Invalid Token: the nextToken is not valid');
    offset = value;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length
    ? { items: page, nextToken: Buffer.from(JSON.stringify({ offset: next }), 'utf8').toString('base64url') }
    : { items: page };
}
