// Reads the catalog's state machine definitions from disk with their
// `${Placeholder}` substitutions applied, as the CDK app's definitionSubstitutions do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  definitionSubstitutions,
  type StateMachineSpec,
  stateMachines,
  substitute,
} from '../../../functions/catalog.ts';
import { lambdaFunctionArn } from './arns.ts';

export interface DefinitionFile {
  readonly name: string;
  readonly file: string;
  readonly definition: string;
}

const LOCAL = { region: 'us-east-1', accountId: '000000000000' } as const;

/** Every state machine of functions/catalog.ts, read from `rootDir` and substituted. */
export function readCatalogDefinitions(rootDir: string): DefinitionFile[] {
  return readDefinitions(rootDir, stateMachines);
}

/** The same for any list of specs (tests use their own). */
export function readDefinitions(rootDir: string, specs: readonly StateMachineSpec[]): DefinitionFile[] {
  return specs.map((spec) => {
    const file = join(rootDir, spec.definition);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(
        `Cannot read the definition of state machine ${spec.name} at ${file}: ${(error as Error).message}`,
      );
    }
    const substitutions = definitionSubstitutions(spec, (name) => lambdaFunctionArn(LOCAL, name));
    return { name: spec.name, file, definition: substitute(text, substitutions) };
  });
}
