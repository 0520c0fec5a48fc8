// ARNs and names: how the engine builds them and the rules AWS applies to names.
import { apiError } from './api-errors.ts';

export interface Partitioning {
  readonly region: string;
  readonly accountId: string;
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>`. */
export function stateMachineArn(p: Partitioning, name: string): string {
  return `arn:aws:states:${p.region}:${p.accountId}:stateMachine:${name}`;
}

/** `arn:aws:states:<region>:<account>:execution:<stateMachineName>:<executionName>`. */
export function executionArn(p: Partitioning, stateMachineName: string, name: string): string {
  return `arn:aws:states:${p.region}:${p.accountId}:execution:${stateMachineName}:${name}`;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>`. */
export function lambdaFunctionArn(p: Partitioning, name: string): string {
  return `arn:aws:lambda:${p.region}:${p.accountId}:function:${name}`;
}

/** The state machine name in a state machine ARN, or an InvalidArn error. */
export function parseStateMachineArn(arn: unknown): string {
  const match =
    typeof arn === 'string' ? /^arn:aws:states:[^:]+:\d{12}:stateMachine:([^:]+)$/.exec(arn) : null;
  if (!match?.[1])
    throw apiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`);
  return match[1];
}

/** The state machine and execution names in an execution ARN, or an InvalidArn error. */
export function parseExecutionArn(arn: unknown): { stateMachineName: string; name: string } {
  const match =
    typeof arn === 'string' ? /^arn:aws:states:[^:]+:\d{12}:execution:([^:]+):([^:]+)$/.exec(arn) : null;
  if (!match?.[1] || !match[2]) {
    throw apiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${String(arn)}'`);
  }
  return { stateMachineName: match[1], name: match[2] };
}

// Whitespace, wildcards, brackets, the listed specials and control characters (AWS quotas page).
const forbiddenInName = /[\s?*<>{}[\]"#%\\^|~`$&,;:/]/u;

function hasControlCharacter(name: string): boolean {
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** Checks a state machine or execution name against AWS's naming rules (InvalidName otherwise). */
export function assertValidName(name: unknown, what: 'state machine' | 'execution'): string {
  if (
    typeof name !== 'string' ||
    name.length < 1 ||
    name.length > 80 ||
    forbiddenInName.test(name) ||
    hasControlCharacter(name)
  ) {
    throw apiError('InvalidName', `Invalid Name: '${String(name)}' is not a valid ${what} name`);
  }
  return name;
}

/** The embedded runtime's region and account. */
export const LOCAL_PARTITION: Partitioning = { region: 'us-east-1', accountId: '000000000000' };

/** The ARN a catalog state machine has in the embedded runtime. */
export function localStateMachineArn(name: string): string {
  return stateMachineArn(LOCAL_PARTITION, name);
}
