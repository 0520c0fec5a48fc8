// Task tokens: opaque to callers, but they carry the execution and thread they
// belong to so a callback finds its task after a restart without an index.
import { randomBytes } from 'node:crypto';

export interface TokenTarget {
  readonly executionArn: string;
  readonly threadId: string;
  readonly seq: number;
}

/** A new token for a task attempt. */
export function issueToken(target: TokenTarget): string {
  const body = Buffer.from(
    JSON.stringify([target.executionArn, target.threadId, target.seq]),
    'utf8',
  ).toString('base64url');
  return `${body}.${randomBytes(12).toString('base64url')}`;
}

/** The target a token names, or undefined when it is not one of ours. */
export function readToken(token: string): TokenTarget | undefined {
  const [body, nonce, extra] = token.split('.');
  if (!body || !nonce || extra !== undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [executionArn, threadId, seq] = parsed as unknown[];
    if (typeof executionArn !== 'string' || typeof threadId !== 'string' || typeof seq !== 'number')
      return undefined;
    return { executionArn, threadId, seq };
  } catch {
    return undefined;
  }
}
