// The identity-sync definition: the sync step retries the deferred error with backoff, and every
// failure after the retries ends in the step that records it for the Office.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type State = {
  Retry?: { ErrorEquals: string[]; BackoffRate?: number; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
};

describe('the identity-sync state machine', () => {
  const definition = JSON.parse(readFileSync('statemachines/identity-sync.asl.json', 'utf8')) as {
    StartAt: string;
    States: Record<string, State>;
  };

  it('retries the deferred sync with backoff and records the failure after the last retry', () => {
    // Act
    const sync = definition.States[definition.StartAt];
    // Assess
    expect(definition.StartAt).toBe('Sync');
    expect(sync?.Retry?.[0]?.ErrorEquals).toContain('IdentitySyncDeferred');
    expect(sync?.Retry?.[0]?.BackoffRate).toBeGreaterThan(1);
    expect(sync?.Retry?.[0]?.MaxAttempts).toBeGreaterThan(3);
    expect(sync?.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'RecordFailure' }]);
  });
});
