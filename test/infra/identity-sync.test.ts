// The identity sync on AWS: only sync-identity may change the user pool, with exactly the Admin
// calls it makes and on this stack's pool alone; its workflow retries with backoff and records the
// failure; cdk-nag stays clean.
import { beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../functions/catalog.ts';
import { IDENTITY_WRITE_ACTIONS } from '../../infra/aws/constructs/catalog-functions.ts';
import { ENV } from '../../shared/env.ts';
import {
  type BuiltStack,
  buildStack,
  functionLogicalId,
  STACK_NAME,
  statementsOfFunction,
  unacknowledgedFindings,
} from './stack-harness.ts';

type Json = Record<string, unknown>;

describe('the identity sync', () => {
  let built: BuiltStack;
  const userPoolId = () => {
    const ids = Object.keys(built.template.findResources('AWS::Cognito::UserPool'));
    if (ids.length !== 1 || !ids[0]) throw new Error(`Expected one user pool, found ${ids.join(', ')}`);
    return ids[0];
  };

  beforeAll(() => {
    built = buildStack();
  }, 120_000);

  it("lets sync-identity make the sync's Admin calls on the stack's own user pool, and nothing more", () => {
    // Act
    const statements = statementsOfFunction(built.template, 'sync-identity').filter((statement) =>
      statement.actions.some((action) => action.startsWith('cognito-idp:')),
    );
    // Assess
    expect(statements).toHaveLength(1);
    expect([...(statements[0]?.actions ?? [])].sort()).toEqual(
      IDENTITY_WRITE_ACTIONS.map((action) => `cognito-idp:${action}`).sort(),
    );
    expect(statements[0]?.resources).toEqual([{ 'Fn::GetAtt': [userPoolId(), 'Arn'] }]);
  });

  it('gives no other function any user-pool action', () => {
    // Act
    const others = functions
      .filter((spec) => spec.name !== 'sync-identity')
      .filter((spec) =>
        statementsOfFunction(built.template, spec.name).some((statement) =>
          statement.actions.some((action) => action.startsWith('cognito-idp:')),
        ),
      )
      .map((spec) => spec.name);
    // Assess
    expect(others).toEqual([]);
  });

  it("gives sync-identity the pool's id, and the person writers the workflow's ARN", () => {
    // Prepare
    const lambdas = built.template.findResources('AWS::Lambda::Function');
    const variablesOf = (name: string) =>
      (
        (lambdas[functionLogicalId(built.template, name)] as { Properties: Json }).Properties
          .Environment as Json
      ).Variables as Json;
    // Act
    const sync = variablesOf('sync-identity');
    const writers = ['create-person', 'update-person', 'remove-person', 'run-import', 'plan-periodic-review'];
    // Assess
    expect(sync[ENV.userPoolId]).toEqual({ Ref: userPoolId() });
    for (const writer of writers) expect(variablesOf(writer)[ENV.identitySyncStateMachineArn]).toBeDefined();
  });

  it('runs the identity-sync workflow with retries with backoff on the deferred error, then records the failure', () => {
    // Prepare
    const machines = built.template.findResources('AWS::StepFunctions::StateMachine');
    // Act
    const found = Object.values(machines).filter(
      (machine) => (machine.Properties as Json).StateMachineName === `${STACK_NAME}-identity-sync`,
    );
    const substitutions = (found[0] as { Properties: Json }).Properties.DefinitionSubstitutions as Json;
    // Assess
    expect(found).toHaveLength(1);
    expect(substitutions.SyncIdentityFunctionArn).toEqual({
      'Fn::GetAtt': [functionLogicalId(built.template, 'sync-identity'), 'Arn'],
    });
    expect(substitutions.RecordIdentitySyncFailureFunctionArn).toEqual({
      'Fn::GetAtt': [functionLogicalId(built.template, 'record-identity-sync-failure'), 'Arn'],
    });
  });

  it('leaves cdk-nag with nothing unacknowledged', () => {
    // Assess
    expect(unacknowledgedFindings(built)).toEqual([]);
  });
});
