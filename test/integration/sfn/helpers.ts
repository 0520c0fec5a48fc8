// Test harness for the Step Functions engine: a manual virtual clock with the
// runtime's driver loop, an engine in a temporary folder, a real SFN client
// pointed at it, and in-process "Lambda functions" registered per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Clock, TimeDriven } from '../../../infra/local/clock.ts';
import { localCredentials } from '../../../infra/local/credentials.ts';
import { createSfnEngine, type SfnEngine } from '../../../infra/local/sfn/engine.ts';

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    if (ms < this.current) throw new Error('the clock never goes backwards');
    this.current = ms;
  }
}

/** The runtime's driver loop: earliest due instant, fire, settle, until the target. */
export async function advanceTo(
  clock: ManualClock,
  participants: readonly TimeDriven[],
  target: number,
): Promise<void> {
  await Promise.all(participants.map((participant) => participant.idle()));
  for (;;) {
    const dues = participants
      .map((participant) => participant.nextDue())
      .filter((due): due is number => due !== undefined);
    const next = dues.length > 0 ? Math.min(...dues) : undefined;
    if (next === undefined || next > target) break;
    clock.set(Math.max(clock.now(), next));
    for (const participant of participants) await participant.fireDue(clock.now());
    await Promise.all(participants.map((participant) => participant.idle()));
  }
  if (target > clock.now()) clock.set(target);
}

export type TestFunction = (payload: unknown) => unknown | Promise<unknown>;

/** An error as a Lambda function reports it: name = errorType. */
export function functionError(errorType: string, message: string): Error {
  const error = new Error(message);
  error.name = errorType;
  return error;
}

export const START = Date.parse('2024-10-01T00:00:00.000Z');
export const ROLE = 'arn:aws:iam::000000000000:role/test-role';

/** One engine, clock and client for a test file. */
export class EngineHarness {
  readonly clock = new ManualClock(START);
  readonly functions = new Map<string, TestFunction>();
  readonly invocations: { name: string; payload: unknown }[] = [];
  readonly dataDir: string;
  engine!: SfnEngine;
  client!: SFNClient;
  url!: string;
  private counter = 0;

  constructor(dataDir?: string) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'sfn-test-'));
  }

  /** Starts the engine and a client pointed at it. */
  async open(dynamodbEndpoint?: string): Promise<this> {
    this.engine = createSfnEngine({
      dataDir: this.dataDir,
      clock: this.clock,
      invokeLambda: async (name, payload) => {
        this.invocations.push({ name, payload });
        const fn = this.functions.get(name);
        if (!fn) throw functionError('ResourceNotFoundException', `Function not found: ${name}`);
        return fn(payload);
      },
      ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
      log: () => undefined,
    });
    await this.engine.start();
    this.url = await this.engine.listen(0);
    this.client = new SFNClient({
      endpoint: this.url,
      region: 'us-east-1',
      credentials: localCredentials,
      maxAttempts: 1,
    });
    return this;
  }

  /** Closes the engine; `keepData` leaves the folder for a restart. */
  async close(keepData = false): Promise<void> {
    this.client?.destroy();
    await this.engine?.close();
    if (!keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Creates a state machine from a definition object; resolves with its ARN. */
  async machine(definition: object, name = `sm-${++this.counter}`): Promise<string> {
    const created = await this.client.send(
      new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }),
    );
    return created.stateMachineArn ?? '';
  }

  /** Starts an execution and lets the engine settle at the current instant. */
  async start(stateMachineArn: string, input: unknown = {}, name?: string): Promise<string> {
    const started = await this.client.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), ...(name ? { name } : {}) }),
    );
    await this.settle();
    return started.executionArn ?? '';
  }

  /** Waits until nothing is in flight. */
  settle(): Promise<void> {
    return this.engine.idle();
  }

  /** Moves virtual time forward by `ms`, firing everything due on the way. */
  advance(ms: number): Promise<void> {
    return advanceTo(this.clock, [this.engine], this.clock.now() + ms);
  }

  /** DescribeExecution. */
  describe(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    return this.client.send(new DescribeExecutionCommand({ executionArn }));
  }

  /** The whole history, oldest first. */
  async history(executionArn: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  /** Runs a definition to its end (or its first wait) and describes the execution. */
  async run(
    definition: object,
    input: unknown = {},
  ): Promise<DescribeExecutionCommandOutput & { arn: string }> {
    const arn = await this.start(await this.machine(definition), input);
    return { ...(await this.describe(arn)), arn };
  }
}

/** The output of a described execution, parsed. */
export function outputOf(described: DescribeExecutionCommandOutput): unknown {
  return described.output === undefined ? undefined : JSON.parse(described.output);
}

/** Event types in order. */
export function typesOf(events: readonly HistoryEvent[]): string[] {
  return events.map((event) => event.type ?? '');
}

/** A JSONata state machine with the given states. */
export function jsonata(startAt: string, states: Record<string, object>, extra: object = {}): object {
  return { QueryLanguage: 'JSONata', StartAt: startAt, States: states, ...extra };
}

/** The local ARN of a test function. */
export function fnArn(name: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
}
