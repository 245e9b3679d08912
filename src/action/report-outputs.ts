/** The step's outputs from a run's report: ids, status, links, dbt's exit code and the JSON report (at most 1 MB). */
import type { RunReport } from '../core/report/run-report.js';

/** Outputs are limited to 1 MB per job; the report keeps well under it. */
export const MAX_RESULT_BYTES = 1_000_000;

/** The report as JSON within `max` bytes: connections, then dbt's log tail and node problems are dropped until it fits. */
export function resultJson(report: RunReport, max = MAX_RESULT_BYTES): string {
  let json = JSON.stringify(report);
  if (Buffer.byteLength(json) <= max) return json;
  const trimmed: RunReport & { truncated?: boolean } = { ...report, truncated: true, dbt: report.dbt ? { ...report.dbt, logTail: [] } : null };
  json = JSON.stringify(trimmed);
  let keep = trimmed.connections.length;
  while (Buffer.byteLength(json) > max && keep > 0) {
    keep = Math.floor(keep / 2);
    trimmed.connections = report.connections.filter((c) => c.status !== 'SUCCESSFUL').slice(0, keep);
    json = JSON.stringify(trimmed);
  }
  return json;
}

/** Every output of a run, by name. */
export function reportOutputs(report: RunReport, status: string): Record<string, string> {
  const failed = report.connections.filter((c) => c.status !== 'SUCCESSFUL' && c.status !== 'SKIPPED').map((c) => c.connectionId);
  return {
    'run-id': report.runId,
    'execution-arn': report.executionArn ?? '',
    'console-url': report.consoleUrl ?? '',
    status,
    'dbt-exit-code': report.dbt?.exitCode === null || report.dbt?.exitCode === undefined ? '' : String(report.dbt.exitCode),
    'failed-connections': failed.join(','),
    result: resultJson(report),
  };
}
