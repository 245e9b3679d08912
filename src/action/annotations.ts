/**
 * Failures as annotations. GitHub shows at most 10 errors and 10 warnings per step, so the most
 * useful come first and the tenth says how many more there are.
 */
import type { RunReport } from '../core/report/run-report.js';
import { readableCause } from './report-markdown.js';

export type Annotation = { level: 'error' | 'warning'; title: string; message: string };

export const MAX_ANNOTATIONS_PER_LEVEL = 10;

const FAILED_NODE = new Set(['error', 'fail', 'runtime error']);

function capped(items: Annotation[], level: Annotation['level']): Annotation[] {
  if (items.length <= MAX_ANNOTATIONS_PER_LEVEL) return items;
  const shown = items.slice(0, MAX_ANNOTATIONS_PER_LEVEL - 1);
  const rest = items.length - shown.length;
  return [...shown, { level, title: `${rest} more`, message: `${rest} more ${level === 'error' ? 'failures' : 'warnings'}: see the job summary.` }];
}

/** The run's failures (errors) and its lesser problems (warnings), at most 10 of each. */
export function annotationsOf(report: RunReport, warnings: readonly string[] = []): Annotation[] {
  const errors: Annotation[] = [];
  const lesser: Annotation[] = warnings.map((message) => ({ level: 'warning', title: 'Run warning', message }));
  const dbt = report.dbt;
  if (dbt && dbt.exitCode !== 0 && dbt.exitCode !== null) {
    errors.push({ level: 'error', title: `dbt exited with ${dbt.exitCode}`, message: dbt.stoppedReason ?? readableCause(report.cause) ?? 'dbt failed: see the job summary.' });
  } else if (report.status !== 'SUCCEEDED' && report.status !== 'RUNNING') {
    errors.push({ level: 'error', title: `Run ${report.status.toLowerCase().replace('_', ' ')}`, message: `${report.error ?? report.status}: ${readableCause(report.cause) ?? 'see the job summary'}` });
  }
  for (const node of dbt?.summary?.problems ?? []) {
    const target = FAILED_NODE.has(node.status) ? errors : lesser;
    target.push({ level: FAILED_NODE.has(node.status) ? 'error' : 'warning', title: `dbt ${node.status}: ${node.uniqueId}`, message: node.message ?? node.status });
  }
  for (const c of report.connections) {
    const label = c.name ? `${c.name} (${c.connectionId})` : c.connectionId;
    if (c.status === 'SUCCESSFUL') continue;
    if (c.status === 'SKIPPED') lesser.push({ level: 'warning', title: `Connection skipped: ${label}`, message: c.reason ?? 'skipped' });
    else if (report.stale.includes(c.connectionId)) lesser.push({ level: 'warning', title: `Stale data: ${label}`, message: `${c.status}: ${c.reason ?? ''} (dbt ran on, policy continue)` });
    else errors.push({ level: 'error', title: `Connection ${c.status}: ${label}`, message: c.reason ?? c.status });
  }
  return [...capped(errors, 'error'), ...capped(lesser, 'warning')];
}
