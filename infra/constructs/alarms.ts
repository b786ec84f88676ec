/** The stack's alarms are all of one kind: a metric that reaches a count in one period, no data being no breach. */
import { type Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

export function alarmAtLeast(
  scope: Construct,
  id: string,
  metric: Metric,
  threshold: number,
  description: string,
): Alarm {
  return metric.createAlarm(scope, id, {
    alarmDescription: description,
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
