/** What runs on a clock: the reconciler, every few minutes, and scheduled pipeline runs, if asked for. */
import { Duration, TimeZone } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule as SchedulerSchedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { PipelineSchedule } from './pipeline-props.js';

export type PipelineSchedulesProps = {
  readonly reconcile: IFunction;
  readonly reconcileInterval: Duration;
  readonly stateMachine: IStateMachine;
  readonly schedule?: PipelineSchedule;
};

/** Adds its resources to the pipeline's own scope, so logical ids stay those of a deployed stack. */
export class PipelineSchedules {
  public readonly reconcileRule: Rule;
  /** Starts scheduled runs; undefined without `schedule`. */
  public readonly runSchedule: SchedulerSchedule | undefined;

  constructor(scope: Construct, props: PipelineSchedulesProps) {
    this.reconcileRule = new Rule(scope, 'ReconcileSchedule', {
      description: 'Runs the reconciler: completes waits whose webhook is late or lost, heartbeats the rest',
      schedule: Schedule.rate(Duration.minutes(props.reconcileInterval.toMinutes())),
      // The next tick retries; overlapping runs would only duplicate reads.
      targets: [new LambdaFunction(props.reconcile, { retryAttempts: 0 })],
    });
    // No execution name is given: Step Functions names each one with a UUID, unique per start,
    // and that name is the run id.
    const schedule = props.schedule;
    this.runSchedule = schedule
      ? new SchedulerSchedule(scope, 'RunSchedule', {
          description: 'Starts a fivetran-dbt run with the configured input',
          schedule: ScheduleExpression.expression(schedule.expression, schedule.timezone ? TimeZone.of(schedule.timezone) : undefined),
          target: new StepFunctionsStartExecution(props.stateMachine, {
            input: ScheduleTargetInput.fromObject({ trigger: { source: 'schedule' }, ...schedule.input }),
            // A start that fails is retried a few times within the hour; a run hours late is worse than the next one.
            retryAttempts: 3,
            maxEventAge: Duration.hours(1),
          }),
        })
      : undefined;
  }
}
