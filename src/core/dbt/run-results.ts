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

/** Summarises the JSON text of run_results.json; null when it is not a run_results file. */
export function summarizeRunResults(text: string): DbtRunSummary | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = RunResultsSchema.safeParse(json);
  if (!parsed.success) return null;
  const byStatus: Record<string, number> = {};
  const problems: DbtNodeProblem[] = [];
  for (const result of parsed.data.results) {
    byStatus[result.status] = (byStatus[result.status] ?? 0) + 1;
    if (!OK_STATUSES.has(result.status) && problems.length < PROBLEM_LIMIT) {
      problems.push({ uniqueId: result.unique_id, status: result.status, message: result.message ?? null });
    }
  }
  return { elapsedSeconds: parsed.data.elapsed_time ?? null, nodes: parsed.data.results.length, byStatus, problems };
}
