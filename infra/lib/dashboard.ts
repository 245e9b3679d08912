/**
 * The pipeline's CloudWatch dashboard: how runs end and how long they take, the run figures the
 * pipeline emits (slowest sync, stale connections, failed dbt nodes), who completes the waits
 * (webhook or reconciler), the webhook's refusals and the Lambdas' errors, next to the alarms.
 * Everything here is read from metrics that exist anyway, except one metric filter that counts
 * the webhook's completing deliveries.
 */
import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AlarmStatusWidget, Dashboard, GraphWidget, MathExpression, Metric, Stats, type IAlarm, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PipelineMetrics } from '../../src/core/stack-contract.js';

export type PipelineDashboardProps = {
  readonly stateMachine: IStateMachine;
  /** The namespace the pipeline's own metrics go to. */
  readonly metricNamespace: string;
  /** Every Lambda, by name: one line each on the errors graph. */
  readonly functions: Readonly<Record<string, IFunction>>;
  /** The webhook Lambda's log group: a metric filter counts its deliveries that completed a wait. */
  readonly webhookLogGroup: ILogGroup;
  readonly webhookApi: IHttpApi;
  /** Shown by state at the top. */
  readonly alarms: readonly IAlarm[];
  /**
   * The dashboard's name.
   * @default a name CloudFormation generates
   */
  readonly dashboardName?: string;
};

/** Graph periods: one point per hour suits runs from hourly to daily. */
const PERIOD = Duration.hours(1);

/** The dashboard and the one metric filter it needs. */
export class PipelineDashboard extends Construct {
  public readonly dashboard: Dashboard;
  /** Counts webhook deliveries that completed at least one wait (`CompletedByWebhook`). */
  public readonly completedByWebhook: MetricFilter;

  constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    const { stateMachine, metricNamespace: namespace } = props;
    const custom = (metricName: string, label: string, statistic: string = Stats.MAXIMUM): Metric =>
      new Metric({ namespace, metricName, label, statistic, period: PERIOD });

    // The webhook Lambda writes one line per delivery; `outcome` is "completed" when it delivered an outcome to a waiting run.
    this.completedByWebhook = new MetricFilter(this, 'CompletedByWebhook', {
      logGroup: props.webhookLogGroup,
      filterPattern: FilterPattern.all(FilterPattern.stringValue('$.message', '=', 'delivery'), FilterPattern.stringValue('$.outcome', '=', 'completed')),
      metricNamespace: namespace,
      metricName: PipelineMetrics.completedByWebhook,
      metricValue: '1',
    });

    const graph = (title: string, left: IMetric[], leftLabel: string): GraphWidget =>
      new GraphWidget({ title, left, width: 8, height: 6, leftYAxis: { label: leftLabel, min: 0, showUnits: false } });
    const executions = (metric: (options: { label: string; statistic: string; period: Duration }) => Metric, label: string) =>
      metric({ label, statistic: Stats.SUM, period: PERIOD });

    this.dashboard = new Dashboard(this, 'Resource', {
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
      defaultInterval: Duration.days(14),
    });
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 3 }));
    this.dashboard.addWidgets(
      graph(
        'Runs',
        [
          executions((o) => stateMachine.metricStarted(o), 'started'),
          executions((o) => stateMachine.metricSucceeded(o), 'succeeded'),
          executions((o) => stateMachine.metricFailed(o), 'failed'),
          executions((o) => stateMachine.metricTimedOut(o), 'timed out'),
          executions((o) => stateMachine.metricAborted(o), 'aborted'),
        ],
        'executions',
      ),
      graph(
        'Run duration',
        [
          // Step Functions measures every execution however it ends, in milliseconds.
          new MathExpression({
            expression: 'duration / 1000',
            usingMetrics: { duration: stateMachine.metricTime({ statistic: Stats.MAXIMUM, period: PERIOD }) },
            label: 'longest run (s)',
            period: PERIOD,
          }),
          custom(PipelineMetrics.slowestSyncSeconds, 'slowest sync (s)'),
          custom(PipelineMetrics.dbtDurationSeconds, 'dbt (s)'),
        ],
        'seconds',
      ),
      graph(
        'Stale data and dbt failures',
        [custom(PipelineMetrics.staleConnections, 'stale connections'), custom(PipelineMetrics.dbtFailedNodes, 'failed dbt nodes')],
        'per run (max)',
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Waits completed by',
        [custom(PipelineMetrics.completedByWebhook, 'webhook', Stats.SUM), custom(PipelineMetrics.completedByReconciler, 'reconciler (webhook lost or late)', Stats.SUM)],
        'completions',
      ),
      graph(
        'Webhook answers',
        [
          props.webhookApi.metricClientError({ label: '4xx', statistic: Stats.SUM, period: PERIOD }),
          props.webhookApi.metricServerError({ label: '5xx', statistic: Stats.SUM, period: PERIOD }),
        ],
        'requests',
      ),
      graph(
        'Lambda errors',
        Object.entries(props.functions).map(([name, fn]) => fn.metricErrors({ label: name, statistic: Stats.SUM, period: PERIOD })),
        'errors',
      ),
    );
  }
}
