/**
 * `runPipeline()`: one run from request to report, the way the CLI and the Action both do it:
 * validate the request (every problem at once), pick the engine, start the run (or attach to the
 * one going under the same id), forward its progress, cancel it when the caller's signal aborts,
 * and hand back the report.
 */
import { prepareRun, type RunRequest } from '../core/pipeline/run-request.js';
import type { RunReport } from '../core/report/run-report.js';
import type { SfnEngineOptions } from './aws/sfn-engine.js';
import type { LocalEngineOptions } from './local/local-engine.js';
import type { RunEngine, RunEventListener, RunHandle } from './run-api.js';

/** Which engine runs the pipeline, and what it needs. The aws engine is loaded only when asked for. */
export type EngineChoice =
  | { kind: 'local'; options: LocalEngineOptions }
  | { kind: 'aws'; options: SfnEngineOptions };

/** Builds the engine `choice` names. */
export async function createEngine(choice: EngineChoice): Promise<RunEngine> {
  if (choice.kind === 'local') {
    const { createLocalEngine } = await import('./local/local-engine.js');
    return createLocalEngine(choice.options);
  }
  const { createSfnEngine } = await import('./aws/sfn-engine.js');
  return createSfnEngine(choice.options);
}

export type PipelineRun = {
  engine: RunEngine;
  /** What to run; absent with `attachTo`. */
  request?: RunRequest;
  /** Follow this run instead of starting one. */
  attachTo?: string;
  /** The run's id; starting again with an id that is going attaches to it. */
  runId?: string;
  /** Aborting it cancels the run. */
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  /** Called once the run is started or attached, before it is awaited (save state, print links, detach...). */
  onHandle?: (handle: RunHandle) => void | Promise<void>;
};

/** Runs (or follows) one pipeline run to its report. Throws `InvalidRunRequestError` before starting anything. */
export async function runPipeline(run: PipelineRun): Promise<{ handle: RunHandle; report: RunReport }> {
  const options = { signal: run.signal, onEvent: run.onEvent };
  let handle: RunHandle;
  if (run.attachTo !== undefined) {
    handle = await run.engine.attach(run.attachTo, options);
  } else {
    if (run.request === undefined) throw new TypeError('runPipeline needs a request or attachTo.');
    prepareRun(run.request, run.runId ?? 'validation');
    handle = await run.engine.start(run.request, { ...options, ...(run.runId ? { runId: run.runId } : {}) });
  }
  await run.onHandle?.(handle);
  return { handle, report: await handle.result };
}
