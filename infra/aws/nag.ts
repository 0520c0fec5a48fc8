// cdk-nag v3 reads CDK's own acknowledgements (Validations.of().acknowledge),
// one per finding. This keeps every acknowledgement in one shape and refuses
// one without a real reason.
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface NagAcknowledgement {
  /** The rule, e.g. `AwsSolutions-IAM5`. */
  readonly id: string;
  /** Why the finding is acceptable here, in a full sentence. */
  readonly reason: string;
  /** The rule's findings this covers (e.g. `Resource::*`); omitted means the rule as a whole. */
  readonly findings?: readonly string[];
}

const MINIMUM_REASON_LENGTH = 40;

/** Acknowledges cdk-nag findings on a construct and everything under it. */
export function acknowledge(scope: IConstruct, ...acknowledgements: NagAcknowledgement[]): void {
  for (const { id, reason, findings } of acknowledgements) {
    if (reason.trim().length < MINIMUM_REASON_LENGTH) {
      throw new Error(
        `The acknowledgement of ${id} on ${scope.node.path} needs a real reason, not "${reason}"`,
      );
    }
    const ids = findings === undefined ? [id] : findings.map((finding) => `${id}[${finding}]`);
    for (const ruleId of ids) Validations.of(scope).acknowledge({ id: ruleId, reason });
  }
}

/** How cdk-nag spells a reference to a resource's attribute in a finding: `<LogicalId.Attr>`. */
export function nagRef(resource: IConstruct, attribute = 'Arn'): string {
  const element = (resource.node.defaultChild ?? resource) as CfnElement;
  return `<${Stack.of(resource).getLogicalId(element)}.${attribute}>`;
}
