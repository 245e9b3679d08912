/**
 * The run's report as GitHub-flavoured markdown: the job summary (within its 1 MiB) and the
 * pull-request comment (within 65,536 characters). Pure functions of the report, so tests assert
 * the exact text.
 */
import type { ConnectionReport, RunReport } from '../core/report/run-report.js';
import type { SyncRecord } from '../core/runs/records.js';
import { truncate } from '../core/text.js';
import type { SlimCi } from './build-request.js';

/** A step's summary is at most 1 MiB; leave room for other steps' summaries of the same size check. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 1024;
/** GitHub refuses a comment body over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_536;
/** The hidden marker the Action finds its own pull-request comment by. */
export const COMMENT_MARKER = '<!-- fivetran-dbt-orchestrator:run-report -->';

export type ReportView = {
  report: RunReport;
  /** The run's records at the end, for the timeline (empty: no sync section in it). */
  records: readonly SyncRecord[];
  slimCi: SlimCi | null;
  /** A line that explains an unusual end (timeout, detach), shown under the title. */
  note: string | null;
  /** The workflow run, linked from the comment. */
  runUrl: string | undefined;
  /** The commit the run built. */
  sha: string | undefined;
  /** The status to show (e.g. TIMED_OUT when the Action's timeout stopped the run). */
  status: string;
};

const ICONS: Record<string, string> = { SUCCEEDED: '✅', FAILED: '❌', CANCELLED: '⏹️', TIMED_OUT: '⏱️', RUNNING: '🔄' };
const FAILED_NODE = new Set(['error', 'fail', 'runtime error']);

const cell = (value: string | null | undefined) => (value ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim() || '—';

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds * 10) / 10}s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h ${m}m` : `${m}m ${s % 60}s`;
}

/** Failed connections first, then the rest in their order. */
function orderedConnections(connections: readonly ConnectionReport[]): ConnectionReport[] {
  const bad = (c: ConnectionReport) => c.status !== 'SUCCESSFUL' && c.status !== 'SKIPPED';
  return [...connections.filter(bad), ...connections.filter((c) => !bad(c))];
}

function connectionsTable(report: RunReport, maxRows: number): string[] {
  if (report.connections.length === 0) return [];
  const { counts } = report;
  const lines = [
    `### Connections`,
    '',
    `${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.skipped} skipped of ${counts.total}.${report.stale.length ? ` dbt ran without fresh data for ${report.stale.length} (policy continue).` : ''}`,
    '',
    '| Connection | Status | Duration | Reason |',
    '| --- | --- | --- | --- |',
  ];
  const rows = orderedConnections(report.connections);
  for (const c of rows.slice(0, maxRows)) {
    const name = c.name && c.name !== c.connectionId ? `${c.name} (\`${c.connectionId}\`)` : `\`${c.connectionId}\``;
    lines.push(`| ${cell(name)} | ${cell(c.status)} | ${formatDuration(c.durationSeconds)} | ${cell(c.reason ? truncate(c.reason, 300) : null)} |`);
  }
  if (rows.length > maxRows) lines.push(`| … ${rows.length - maxRows} more (see the \`result\` output) | | | |`);
  lines.push('');
  return lines;
}

/** Failed and erroring nodes first, then warnings and skips. */
function orderedProblems(report: RunReport) {
  const problems = report.dbt?.summary?.problems ?? [];
  return [...problems.filter((p) => FAILED_NODE.has(p.status)), ...problems.filter((p) => !FAILED_NODE.has(p.status))];
}

function dbtSection(report: RunReport, options: { logTail: boolean; heading: string }): string[] {
  const dbt = report.dbt;
  if (!dbt) return [];
  const lines = [`### ${options.heading}`, ''];
  const facts = [`exit code ${dbt.exitCode ?? '—'}`, `took ${formatDuration(dbt.durationSeconds)}`];
  const summary = dbt.summary;
  if (summary) facts.push(`${summary.nodes} nodes: ${Object.entries(summary.byStatus).map(([status, n]) => `${n} ${status}`).join(', ')}`);
  else if (dbt.summaryNote) facts.push(cell(dbt.summaryNote));
  lines.push(`${facts.join(' · ')}.`, '');
  if (dbt.stoppedReason) lines.push(`**Stopped reason:** ${cell(dbt.stoppedReason)}`, '');
  const problems = orderedProblems(report);
  if (problems.length > 0) {
    lines.push('| Node | Status | Message |', '| --- | --- | --- |');
    for (const p of problems) lines.push(`| \`${cell(p.uniqueId)}\` | ${cell(p.status)} | ${cell(p.message ? truncate(p.message, 300) : null)} |`);
    lines.push('');
  }
  if (options.logTail && dbt.logTail && dbt.logTail.length > 0) {
    lines.push('<details><summary>Last lines of the dbt log</summary>', '', '```text', ...dbt.logTail.map((l) => truncate(l.replace(/```/g, "'''"), 1000)), '```', '', '</details>', '');
  }
  return lines;
}

/** Mermaid forbids `:`, `#` and `;` in task names. */
const ganttName = (text: string) => truncate(text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim() || 'connection', 60);

/** The run's timeline as a mermaid gantt chart: each sync from trigger to end, then dbt. */
export function timeline(report: RunReport, records: readonly SyncRecord[], maxSyncs = 50): string[] {
  const bars: string[] = [];
  const synced = records.filter((r) => r.triggeredAt && r.outcome && r.outcome.status !== 'SKIPPED');
  for (const r of synced.slice(0, maxSyncs)) {
    const start = Date.parse(r.triggeredAt as string);
    const end = Math.max(start + 1000, Date.parse(r.outcome?.finishedAt ?? r.completedAt ?? report.finishedAt));
    const tag = r.outcome?.status === 'SUCCESSFUL' ? 'done' : 'crit';
    bars.push(`    ${ganttName(r.name ?? r.connectionId)} :${tag}, ${start}, ${end}`);
  }
  const syncBars = bars.length;
  const dbt = report.dbt;
  if (dbt && dbt.durationSeconds !== null) {
    const end = Date.parse(report.finishedAt);
    const start = end - dbt.durationSeconds * 1000;
    bars.push('  section dbt', `    dbt :${dbt.exitCode === 0 ? 'done' : 'crit'}, ${Math.round(start)}, ${Math.max(end, Math.round(start) + 1000)}`);
  }
  if (bars.length === 0) return [];
  return [
    '### Timeline',
    '',
    '```mermaid',
    'gantt',
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    ...(syncBars > 0 ? ['  section Syncs'] : []),
    ...bars,
    '```',
    ...(synced.length > maxSyncs ? ['', `The first ${maxSyncs} of ${synced.length} syncs are shown.`] : []),
    '',
  ];
}

/** An execution's cause, unless it is a service's JSON (the ECS task of a DbtFailed, which the dbt section tells better). */
export function readableCause(cause: string | null): string | null {
  if (!cause) return null;
  return /^\s*[{[]/.test(cause) ? null : cause;
}

function header(view: ReportView, level: string): string[] {
  const { report } = view;
  const lines = [`${level} ${ICONS[view.status] ?? '•'} Fivetran → dbt run \`${report.runId}\`: ${view.status}`, ''];
  const facts = [`took ${formatDuration(report.durationSeconds)}`];
  if (view.sha) facts.push(`commit \`${view.sha.slice(0, 7)}\``);
  if (report.consoleUrl) facts.push(`[AWS console](${report.consoleUrl})`);
  if (view.runUrl) facts.push(`[workflow run](${view.runUrl})`);
  lines.push(`${facts.join(' · ')}`, '');
  if (view.note) lines.push(`> ${view.note}`, '');
  if (view.slimCi) lines.push(`> ${view.slimCi.note}`, '');
  if (report.status !== 'SUCCEEDED' && report.status !== 'RUNNING' && (report.error || report.cause)) {
    const cause = readableCause(report.cause);
    lines.push(`**${cell(report.error ?? 'Error')}**${cause ? `: ${cell(truncate(cause, 2000))}` : report.dbt ? ': see dbt below.' : ''}`, '');
  }
  return lines;
}

/** Joins `sections` and cuts the text to `max` (as `measure` counts), keeping its head. */
function fit(lines: string[], max: number, measure: (text: string) => number): string {
  const text = lines.join('\n');
  if (measure(text) <= max) return text;
  const marker = '\n\n_… cut to fit GitHub\'s size limit; the full report is the `result` output._\n';
  const budget = max - measure(marker);
  let end = Math.min(text.length, budget);
  while (end > 0 && measure(text.slice(0, end)) > budget) end -= Math.max(1, Math.ceil((measure(text.slice(0, end)) - budget) / 4));
  if (end > 0 && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end) + marker;
}

/** The job summary: connections (failed first), dbt (failed nodes first, stopped reason, log tail), the timeline, the console link. */
export function renderSummary(view: ReportView): string {
  const lines = [
    ...header(view, '##'),
    ...connectionsTable(view.report, 2000),
    ...dbtSection(view.report, { logTail: true, heading: 'dbt' }),
    ...timeline(view.report, view.records),
  ];
  return fit(lines, MAX_SUMMARY_BYTES, (t) => Buffer.byteLength(t, 'utf8'));
}

/** The pull-request comment: what was built and tested, with the hidden marker that finds it again. */
export function renderComment(view: ReportView): string {
  const lines = [
    COMMENT_MARKER,
    ...header(view, '###'),
    ...dbtSection(view.report, { logTail: false, heading: 'What dbt built and tested' }),
    ...connectionsTable(view.report, 100),
    `<sub>Updated ${view.report.finishedAt} by fivetran-dbt-orchestrator.</sub>`,
  ];
  return fit(lines, MAX_COMMENT_CHARS, (t) => t.length);
}
