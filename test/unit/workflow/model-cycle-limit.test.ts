// The model cycle's waits are bounded by one number, kept equal in the code and the definition.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CYCLE_SEGMENT_DAYS, executionName } from '../../../shared/workflow/model-cycle.ts';

const definition = readFileSync(
  resolve(import.meta.dirname, '..', '..', '..', 'statemachines', 'model-cycle.asl.json'),
  'utf8',
);

describe('the model cycle length limit', () => {
  it('bounds every callback wait by the same limit, inside the one-year cap', () => {
    // Prepare
    const limitMs = String(CYCLE_SEGMENT_DAYS * 24 * 3600 * 1000);
    const states = JSON.parse(definition).States as Record<
      string,
      { Resource?: string; TimeoutSeconds?: string }
    >;

    // Act
    const waits = Object.values(states).filter((state) => state.Resource?.endsWith('.waitForTaskToken'));

    // Assess
    expect(CYCLE_SEGMENT_DAYS).toBeLessThan(365);
    expect(waits.length).toBeGreaterThan(0);
    for (const wait of waits)
      expect(wait.TimeoutSeconds).toContain(`$states.context.Execution.StartTime) + ${limitMs}`);
  });

  it('names each continuation of a stage after the model, the stage and its round', () => {
    expect(executionName('m1', 'registration')).toBe('m1');
    expect(executionName('m1', 'review')).toBe('m1-review');
    expect(executionName('m1', 'review', 2)).toBe('m1-review-2');
    expect(executionName('m1', 'registration', 3)).toBe('m1-3');
  });
});
