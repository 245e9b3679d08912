/**
 * Reads dbt's `target/run_results.json` into a small summary: nodes by status and the ones that
 * did not pass. Status values differ across dbt versions, so unknown ones are counted as they are.
 */
import * as z from '../schema.js';

const RunResultsSchema = z.looseObject({
  elapsed_time: z.nullish(z.number()),
  results: z.array(
    z.looseObject({
      unique_id: z.string(),
      status: z.string(),
      execution_time: z.nullish(z.number()),
      message: z.nullish(z.string()),
      failures: z.nullish(z.number()),
    }),
  ),
});

export type DbtNodeProblem = { uniqueId: string; status: string; message: string | null };

export type DbtRunSummary = {
  elapsedSeconds: number | null;
  nodes: number;
  byStatus: Record<string, number>;
  /** Nodes with status error, fail, warn, skipped or runtime error (at most 20). */
  problems: DbtNodeProblem[];
};

const OK_STATUSES = new Set(['success', 'pass']);
const PROBLEM_LIMIT = 20;

/** The note a report shows when dbt left no run_results.json to summarise. */
export const NO_RUN_RESULTS = 'dbt wrote no run_results.json';

/** Summarises the JSON text of run_results.json; null when it is not a run_results file. */
export function summarizeRunResults(text: string): DbtRunSummary | null {
  const read = readRunResults(text);
  return 'summary' in read ? read.summary : null;
}

/**
 * Summarises the JSON text of run_results.json, or says why it cannot: the note a report shows
 * instead of no nodes (`run_results.json unreadable: ...`).
 */
export function readRunResults(text: string): { summary: DbtRunSummary } | { note: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { note: `run_results.json unreadable: ${text.trim() === '' ? 'the file is empty' : `not JSON (${error instanceof Error ? error.message : String(error)})`}` };
  }
  const parsed = RunResultsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { note: `run_results.json unreadable: not a dbt run_results file (${issue?.message ?? 'unexpected shape'}${where})` };
  }
  const byStatus: Record<string, number> = {};
  const problems: DbtNodeProblem[] = [];
  for (const result of parsed.data.results) {
    byStatus[result.status] = (byStatus[result.status] ?? 0) + 1;
    if (!OK_STATUSES.has(result.status) && problems.length < PROBLEM_LIMIT) {
      problems.push({ uniqueId: result.unique_id, status: result.status, message: result.message ?? null });
    }
  }
  return { summary: { elapsedSeconds: parsed.data.elapsed_time ?? null, nodes: parsed.data.results.length, byStatus, problems } };
}
