/**
 * What the main step leaves for the post step (`core.saveState`; the runner hands it back as
 * `STATE_<name>`): the execution it started, and whether it ended or was left running on purpose.
 * A main step killed before either leaves only the execution, which the post step then stops.
 */
export const StepState = {
  /** Set by the main step as it starts, so the same entry point knows it runs as the post step. */
  isPost: 'isPost',
  executionArn: 'executionArn',
  runId: 'runId',
  /** `ended` or `detached`: the post step leaves the run alone. */
  outcome: 'outcome',
} as const;
