// Durability: the engine's process is killed with SIGKILL mid-execution —
// once while a task is in flight, once while a callback is pending — and the
// execution completes after each restart with one continuous history.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../../infra/local/credentials.ts';
import { fnArn, jsonata, ROLE, START } from './helpers.ts';

type Message = { ready?: string; invoked?: string; token?: string; advanced?: number };

/** The engine in a child process (node --import tsx), with its IPC messages. */
class EngineProcess {
  readonly messages: Message[] = [];
  private waiters: { test: (message: Message) => boolean; resolve: (message: Message) => void }[] = [];
  readonly child: ChildProcess;

  constructor(dataDir: string, now: number, hang: boolean) {
    this.child = fork(join(import.meta.dirname, 'engine-process.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, SFN_DATA_DIR: dataDir, SFN_NOW: String(now), SFN_HANG: hang ? '1' : '0' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: Message) => {
      this.messages.push(message);
      for (const waiter of [...this.waiters]) {
        if (!waiter.test(message)) continue;
        this.waiters = this.waiters.filter((other) => other !== waiter);
        waiter.resolve(message);
      }
    });
  }

  /** The first message (already received or future) that passes the test. */
  next(test: (message: Message) => boolean): Promise<Message> {
    const seen = this.messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  async client(): Promise<SFNClient> {
    const { ready } = await this.next((message) => message.ready !== undefined);
    return new SFNClient({
      endpoint: ready,
      region: 'us-east-1',
      credentials: localCredentials,
      maxAttempts: 1,
    });
  }

  async advance(ms: number): Promise<void> {
    const before = this.messages.length;
    this.child.send({ advance: ms });
    await this.next((message) => message.advanced !== undefined && this.messages.indexOf(message) >= before);
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}

describe('restart after kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfn-restart-'));
  const children: EngineProcess[] = [];
  afterAll(async () => {
    for (const child of children)
      if (child.child.exitCode === null && child.child.signalCode === null) await child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes a task cut off mid-flight and a pending callback, with one continuous history', async () => {
    // Prepare: a cycle with work, a wait, a callback and a final step.
    const definition = jsonata('Register', {
      Register: { Type: 'Pass', Assign: { model: '{% $states.input.model %}' }, Next: 'Work' },
      Work: {
        Type: 'Task',
        Resource: fnArn('slow-work'),
        Arguments: { model: '{% $model %}' },
        Next: 'Pause',
      },
      Pause: { Type: 'Wait', Seconds: 10, Next: 'AwaitReview' },
      AwaitReview: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } },
        Next: 'Done',
      },
      Done: {
        Type: 'Pass',
        Output: { model: '{% $model %}', decision: '{% $states.input.decision %}' },
        End: true,
      },
    });
    const first = new EngineProcess(dataDir, START, true);
    children.push(first);
    const client1 = await first.client();
    const { stateMachineArn } = await client1.send(
      new CreateStateMachineCommand({ name: 'cycle', definition: JSON.stringify(definition), roleArn: ROLE }),
    );
    const { executionArn } = await client1.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: 'model-1',
        input: JSON.stringify({ model: 'm-1' }),
      }),
    );

    // Act 1: kill while slow-work is running.
    await first.next((message) => message.invoked === 'slow-work');
    client1.destroy();
    await first.kill();

    // Act 2: restart; the task runs again, the wait passes, the callback goes out; kill while it is pending.
    const second = new EngineProcess(dataDir, START + 1_000, false);
    children.push(second);
    const client2 = await second.client();
    await second.next((message) => message.invoked === 'slow-work');
    await second.advance(10_000);
    const { token } = await second.next((message) => message.token !== undefined);
    const pending = await client2.send(new DescribeExecutionCommand({ executionArn }));
    client2.destroy();
    await second.kill();

    // Act 3: restart again and answer the callback with the token issued before the kill.
    const third = new EngineProcess(dataDir, START + 20_000, false);
    children.push(third);
    const client3 = await third.client();
    await client3.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'recognized' }) }),
    );
    await third.advance(0);
    const done = await client3.send(new DescribeExecutionCommand({ executionArn }));
    const history = await client3.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    client3.destroy();
    await third.kill();

    // Assess
    expect(pending.status).toBe('RUNNING');
    expect([done.status, JSON.parse(done.output ?? 'null')]).toEqual([
      'SUCCEEDED',
      { model: 'm-1', decision: 'recognized' },
    ]);
    const events = history.events ?? [];
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    for (const event of events) expect(event.previousEventId).toBeLessThan(event.id ?? 0);
    const types = events.map((event) => event.type);
    expect(types.filter((type) => type === 'ExecutionStarted')).toHaveLength(1);
    expect(types.filter((type) => type === 'LambdaFunctionSucceeded')).toHaveLength(1);
    expect(types.filter((type) => type === 'TaskSubmitted')).toHaveLength(1);
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    // The cut-off task ran again (at-least-once); the completed callback task did not.
    const invocations = readFileSync(join(dataDir, 'invocations.log'), 'utf8').trim().split('\n');
    expect(invocations).toEqual(['slow-work', 'slow-work', 'notify']);
  });
});
