import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { Construct } from 'constructs';

export interface CostBudgetProps {
  /** The monthly amount in US dollars the account is expected to stay under. */
  readonly monthlyUsd: number;
  /** Who is told when the month's cost reaches 80%, or is forecast to pass 100%. */
  readonly email: string;
}

/**
 * An AWS Budgets cost budget on the account, by month: the system costs a few
 * dollars a month, so a bill far above that means something runs away (a
 * loop, an abuse) and someone hears of it early.
 */
export class CostBudget extends Construct {
  readonly budget: CfnBudget;

  constructor(scope: Construct, id: string, props: CostBudgetProps) {
    super(scope, id);
    if (!Number.isFinite(props.monthlyUsd) || props.monthlyUsd <= 0) {
      throw new Error(`monthlyBudgetUsd must be a positive number of US dollars, got ${props.monthlyUsd}`);
    }
    const subscribers = [{ subscriptionType: 'EMAIL', address: props.email }];
    this.budget = new CfnBudget(this, 'Budget', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: 80,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
        {
          notification: {
            notificationType: 'FORECASTED',
            comparisonOperator: 'GREATER_THAN',
            threshold: 100,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
      ],
    });
  }
}
