import { Duration } from 'aws-cdk-lib';
import { type EventPattern, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../../../functions/catalog.ts';
import { acknowledge } from '../nag.ts';
import type { Alarms } from './alarms.ts';
import { pascal } from './catalog-functions.ts';
import { stateMachineArn } from './state-machine-names.ts';

export interface EventTriggersProps {
  readonly specs: readonly FunctionSpec[];
  readonly functionNamed: (name: string) => IFunction;
  /** Catalog names of this stack's state machines: Step Functions events are taken from these only. */
  readonly stateMachines: readonly string[];
  readonly alarms: Alarms;
}

/** Retries of EventBridge's delivery and of the function's own asynchronous invocation. */
export const EVENT_DELIVERY = {
  ruleRetryAttempts: 8,
  ruleMaximumEventAge: Duration.hours(24),
  functionRetryAttempts: 2,
  functionMaximumEventAge: Duration.hours(6),
  deadLetterRetention: Duration.days(14),
} as const;

/**
 * One EventBridge rule per catalog function with `invokedBy: 'event'`, on the
 * default bus, built from the catalog's `eventPattern`. An event that cannot
 * be delivered, or that the function keeps failing on, lands in a dead-letter
 * queue that raises an alarm: for `archive-history` the history is still in
 * Step Functions for 90 days, so the message can be replayed in time.
 */
export class EventTriggers extends Construct {
  readonly rules: ReadonlyMap<string, Rule>;
  readonly deadLetterQueues: ReadonlyMap<string, Queue>;

  constructor(scope: Construct, id: string, props: EventTriggersProps) {
    super(scope, id);
    const rules = new Map<string, Rule>();
    const queues = new Map<string, Queue>();
    for (const spec of props.specs) {
      if (spec.invokedBy !== 'event') continue;
      if (!spec.eventPattern) {
        throw new Error(
          `Function ${spec.name} is invoked by an event but its catalog entry has no eventPattern`,
        );
      }
      const fnId = pascal(spec.name);
      const fn = props.functionNamed(spec.name);
      const deadLetters = new Queue(this, `${fnId}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: EVENT_DELIVERY.deadLetterRetention,
      });
      acknowledge(deadLetters, {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter queue of the event rule and of the function it triggers; a queue behind it would only move the same messages again.',
      });
      const rule = new Rule(this, `${fnId}Rule`, {
        description: `Catalog trigger of ${spec.name}`,
        eventPattern: this.patternOf(spec, props.stateMachines),
      });
      rule.addTarget(
        new LambdaFunction(fn, {
          deadLetterQueue: deadLetters,
          retryAttempts: EVENT_DELIVERY.ruleRetryAttempts,
          maxEventAge: EVENT_DELIVERY.ruleMaximumEventAge,
        }),
      );
      // EventBridge invokes asynchronously: its own retries cover delivery only, so the
      // function's failures need Lambda's asynchronous retries and failure destination too.
      fn.configureAsyncInvoke({
        retryAttempts: EVENT_DELIVERY.functionRetryAttempts,
        maxEventAge: EVENT_DELIVERY.functionMaximumEventAge,
        onFailure: new SqsDestination(deadLetters),
      });
      props.alarms.watchDeadLetters(fnId, deadLetters);
      rules.set(spec.name, rule);
      queues.set(spec.name, deadLetters);
    }
    this.rules = rules;
    this.deadLetterQueues = queues;
  }

  // Step Functions publishes every state machine's status changes of the account
  // to the default bus; only this stack's own executions concern its functions.
  private patternOf(spec: FunctionSpec, stateMachines: readonly string[]): EventPattern {
    const pattern = spec.eventPattern;
    if (!pattern) throw new Error(`Function ${spec.name} has no eventPattern`);
    const base: EventPattern = { source: [...pattern.source], detailType: [...pattern.detailType] };
    if (!pattern.source.includes('aws.states')) return base;
    if (stateMachines.length === 0) {
      throw new Error(
        `Function ${spec.name} listens to Step Functions events, but the catalog has no state machine`,
      );
    }
    const named = pattern.stateMachines ?? stateMachines;
    for (const name of named) {
      if (!stateMachines.includes(name))
        throw new Error(
          `Function ${spec.name} listens to state machine ${name}, which the catalog does not have`,
        );
    }
    return {
      ...base,
      detail: {
        stateMachineArn: named.map((name) => stateMachineArn(this, name)),
        ...(pattern.statuses ? { status: [...pattern.statuses] } : {}),
      },
    };
  }
}
