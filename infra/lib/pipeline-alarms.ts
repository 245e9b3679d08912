/**
 * Telling people: alarms on failed runs, refused webhook signatures and waits the reconciler had
 * to complete, and one readable message per run that ends without success.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { PipelineMetrics } from '../../src/core/stack-contract.js';

/** The execution statuses `notificationTopic` hears about: every way a run ends without success. */
export const NOTIFIED_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * The notification for an execution status change, filled in by EventBridge's input transformer:
 * plain text, readable in an e-mail or a chat message. The execution name is the run id.
 */
function executionStatusMessage(): RuleTargetInput {
  const detail = (field: string) => EventField.fromPath(`$.detail.${field}`);
  const region = EventField.region;
  return RuleTargetInput.fromText(
    [
      `Fivetran-dbt run ${detail('name')} ended ${detail('status')}.`,
      `Error: ${detail('error')}`,
      `Cause: ${detail('cause')}`,
      `Execution: https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${detail('executionArn')}`,
    ].join('\n'),
  );
}

export type PipelineAlarmsProps = {
  readonly stateMachine: StateMachine;
  readonly webhookLogGroup: ILogGroup;
  readonly metricNamespace: string;
  readonly alarmTopic?: ITopic;
  readonly notificationTopic?: ITopic;
};

/** Adds its resources to the pipeline's own scope, so logical ids stay those of a deployed stack. */
export class PipelineAlarms {
  public readonly executionsFailedAlarm: Alarm;
  public readonly signatureFailuresAlarm: Alarm;
  /** Waits completed by the reconciler instead of the webhook: the webhook is failing or disabled. */
  public readonly completedByReconcilerAlarm: Alarm;
  /** Sends failed, timed-out and aborted executions to `notificationTopic`; undefined without one. */
  public readonly executionStatusRule: Rule | undefined;

  constructor(scope: Construct, props: PipelineAlarmsProps) {
    const namespace = props.metricNamespace;
    this.executionsFailedAlarm = new Alarm(scope, 'ExecutionsFailedAlarm', {
      alarmDescription: 'A pipeline run failed (sync failure, dbt failure, invalid request or timeout); see the execution in Step Functions.',
      metric: props.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const signatureFailures = new MetricFilter(scope, 'WebhookSignatureFailures', {
      logGroup: props.webhookLogGroup,
      // The webhook Lambda logs `"signature": "invalid"` on every refused signature.
      filterPattern: FilterPattern.stringValue('$.signature', '=', 'invalid'),
      metricNamespace: namespace,
      metricName: 'WebhookSignatureFailures',
      metricValue: '1',
    });
    this.signatureFailuresAlarm = new Alarm(scope, 'WebhookSignatureFailuresAlarm', {
      alarmDescription: 'Webhook deliveries were refused for a bad signature: the secret in Fivetran and in Secrets Manager differ, or someone else is calling the URL.',
      metric: new Metric({
        namespace: signatureFailures.metric().namespace,
        metricName: signatureFailures.metric().metricName,
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // A working webhook completes a wait seconds after the sync ends, long before the reconciler
    // looks (reconcileAfter). A sync end the reconciler finds means a lost or late webhook; if
    // Fivetran disabled the webhook, every run still finishes, reconcileAfter or more late, and
    // nothing else would say so. One in an hour is enough to look: deliveries are retried, so
    // one loss is already unusual, and the count returns to 0 once the webhook works again.
    this.completedByReconcilerAlarm = new Alarm(scope, 'CompletedByReconcilerAlarm', {
      alarmDescription:
        'The reconciler completed waits by reading the connections: sync_end webhooks were lost or late. Check the webhook in Fivetran (disabled? wrong URL?) and the webhook Lambda logs.',
      metric: new Metric({ namespace, metricName: PipelineMetrics.completedByReconciler, statistic: 'Sum', period: Duration.hours(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      for (const alarm of [this.executionsFailedAlarm, this.signatureFailuresAlarm, this.completedByReconcilerAlarm]) alarm.addAlarmAction(new SnsAction(props.alarmTopic));
    }

    // --- Execution status changes: one message per run that ended without success.
    this.executionStatusRule = props.notificationTopic
      ? new Rule(scope, 'ExecutionStatusRule', {
          description: 'Sends failed, timed-out and aborted pipeline executions to the notification topic',
          eventPattern: {
            source: ['aws.states'],
            detailType: ['Step Functions Execution Status Change'],
            detail: { stateMachineArn: [props.stateMachine.stateMachineArn], status: [...NOTIFIED_EXECUTION_STATUSES] },
          },
          targets: [new SnsTopic(props.notificationTopic, { message: executionStatusMessage() })],
        })
      : undefined;
  }
}
