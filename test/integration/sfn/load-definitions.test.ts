// The definitions loader: files with `${Placeholder}` substitutions from the
// catalog, validated, then created or updated in the engine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStateMachineCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateMachineSpec } from '../../../functions/catalog.ts';
import { readCatalogDefinitions, readDefinitions } from '../../../infra/local/sfn/load-definitions.ts';
import { EngineHarness, jsonata } from './helpers.ts';

// The CloudFormation-style placeholder the catalog's substitution replaces.
const PLACEHOLDER = ['$', '{ListCellsFunctionArn}'].join('');

describe('loading statemachines/*.asl.json', () => {
  const h = new EngineHarness();
  const root = mkdtempSync(join(tmpdir(), 'sfn-defs-'));
  const spec: StateMachineSpec = {
    name: 'fixture-cycle',
    definition: 'statemachines/fixture-cycle.asl.json',
    functionArns: { ListCellsFunctionArn: 'list-cells' },
  };
  const write = (definition: object): void => {
    writeFileSync(join(root, spec.definition), JSON.stringify(definition, null, 2));
  };
  beforeAll(async () => {
    mkdirSync(join(root, 'statemachines'));
    await h.open();
  });
  afterAll(async () => {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('substitutes the catalog function ARNs and creates, then updates, the state machine', async () => {
    // Prepare
    write(jsonata('List', { List: { Type: 'Task', Resource: PLACEHOLDER, End: true } }));
    // Act
    const files = readDefinitions(root, [spec]);
    await h.engine.loadDefinitions(files);
    write(
      jsonata('List', {
        List: { Type: 'Task', Resource: PLACEHOLDER, TimeoutSeconds: 5, End: true },
      }),
    );
    await h.engine.loadDefinitions(readDefinitions(root, [spec]));
    // Assess
    expect(files[0]?.definition).toContain('arn:aws:lambda:us-east-1:000000000000:function:list-cells');
    const described = await h.client.send(
      new DescribeStateMachineCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:fixture-cycle',
      }),
    );
    expect(JSON.parse(described.definition ?? '{}').States.List.TimeoutSeconds).toBe(5);
  });

  it('an invalid definition stops loading with a message naming the file and the state', async () => {
    write(
      jsonata('List', {
        List: {
          Type: 'Task',
          Resource: PLACEHOLDER,
          Output: '{% $states.input. %}',
          End: true,
        },
      }),
    );
    const loading = h.engine.loadDefinitions(readDefinitions(root, [spec]));
    await expect(loading).rejects.toThrow(/fixture-cycle\.asl\.json.*state 'List'/);
  });

  it('a definition with a transition to a missing state names the target', async () => {
    write(jsonata('List', { List: { Type: 'Pass', Next: 'Nowhere' } }));
    await expect(h.engine.loadDefinitions(readDefinitions(root, [spec]))).rejects.toThrow(
      /fixture-cycle\.asl\.json.*Nowhere/,
    );
  });

  it('reads whatever functions/catalog.ts lists, and every listed definition loads', async () => {
    const files = readCatalogDefinitions(process.cwd());
    await h.engine.loadDefinitions(files);
    const listed = await h.client.send(new ListStateMachinesCommand({ maxResults: 1000 }));
    const names = listed.stateMachines?.map((machine) => machine.name) ?? [];
    for (const file of files) expect(names).toContain(file.name);
  });
});
