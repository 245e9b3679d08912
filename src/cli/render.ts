/**
 * What the CLI prints: the final table of a run report, and live progress (redrawn in place on a
 * terminal, one line per change otherwise).
 */
import type { RunReport } from '../core/report/run-report.js';
import { connectionReport } from '../core/report/run-report.js';
import type { SyncRecord } from '../core/runs/records.js';
import { truncate } from '../core/text.js';

function duration(s: number | null): string {
  if (s === null) return '-';
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

/** Rows as aligned columns; cells past `maxWidths` are cut with an ellipsis. */
export function table(rows: string[][], maxWidths: number[]): string {
  const widths = maxWidths.map((max, i) => Math.min(max, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  return rows
    .map((r) => r.map((cell, i) => truncate(cell, widths[i] ?? 20).padEnd(widths[i] ?? 0)).join('  ').trimEnd())
    .join('\n');
}

/** The run's summary as a plain-text table. */
export function formatReport(report: RunReport): string {
  const lines: string[] = [];
  if (report.connections.length > 0) {
    const rows = [['CONNECTION', 'NAME', 'STATUS', 'TIME', 'DETAIL']];
    for (const c of report.connections) {
      rows.push([c.connectionId, c.name ?? '', c.status, duration(c.durationSeconds), c.reason ?? (c.retriggers ? `re-triggered ${c.retriggers}x after a reschedule` : '')]);
    }
    lines.push(table(rows, [28, 24, 20, 8, 90]), '');
    const { counts } = report;
    lines.push(`Syncs: ${counts.succeeded} succeeded, ${counts.failed} did not succeed, ${counts.skipped} skipped (of ${counts.total}).`);
    if (report.stale.length > 0) lines.push(`dbt ran on stale data for: ${report.stale.join(', ')} (policy continue).`);
  }
  if (report.dbt) {
    const s = report.dbt.summary;
    const nodes = s ? ` - ${s.nodes} nodes: ${Object.entries(s.byStatus).map(([k, v]) => `${v} ${k}`).join(', ')}` : report.dbt.summaryNote ? ` - ${report.dbt.summaryNote}` : '';
    lines.push(`dbt: exit ${report.dbt.exitCode ?? '?'} in ${duration(report.dbt.durationSeconds)}${nodes}.`);
    for (const p of s?.problems ?? []) lines.push(`  ${p.status.padEnd(8)} ${p.uniqueId}${p.message ? `: ${truncate(p.message, 120)}` : ''}`);
  } else if (report.status !== 'SUCCEEDED' || report.connections.length > 0) {
    lines.push('dbt: not run.');
  }
  const why = report.status === 'SUCCEEDED' ? '' : ` - ${report.error ?? 'failed'}: ${report.cause ?? ''}`;
  lines.push(`Run ${report.runId}: ${report.status} in ${duration(report.durationSeconds)}${why}`);
  return lines.join('\n');
}

export type ProgressSink = { write(text: string): void };

export type ProgressOptions = {
  /** Connections shown one per row; more are summarised in the header only. @default 20 */
  rows?: number;
  /** The terminal's width: every row is cut to it, so no row wraps and the redraw stays exact. @default 80 */
  columns?: () => number;
  clock?: () => number;
};

/**
 * Renders run progress from successive snapshots of the run's records. On a TTY the block is
 * redrawn in place (connections summarised when they do not fit; each row cut to the terminal's
 * width, so the block is exactly as many rows as lines); otherwise each change is one line.
 */
export class ProgressRenderer {
  private readonly seen = new Map<string, string>();
  private drawn = 0;
  private phase = '';
  private last: readonly SyncRecord[] = [];
  private readonly rows: number;
  private readonly columns: () => number;
  private readonly clock: () => number;

  constructor(
    private readonly out: ProgressSink,
    private readonly tty: boolean,
    options: ProgressOptions = {},
  ) {
    this.rows = options.rows ?? 20;
    this.columns = options.columns ?? (() => 80);
    this.clock = options.clock ?? Date.now;
  }

  setPhase(phase: string): void {
    if (phase === this.phase) return;
    this.phase = phase;
    if (!this.tty) this.out.write(`${this.stamp()} ${phase}\n`);
    else this.draw();
  }

  /** Prints a line above the live block (e.g. dbt output). */
  line(text: string): void {
    this.clear();
    this.out.write(`${text}\n`);
    if (this.tty) this.draw();
  }

  update(records: readonly SyncRecord[]): void {
    this.last = records;
    if (this.tty) return this.draw();
    for (const r of records.map((record) => connectionReport(record))) {
      if (this.seen.get(r.connectionId) === r.status) continue;
      this.seen.set(r.connectionId, r.status);
      const detail = r.reason ? ` - ${truncate(r.reason, 160)}` : r.durationSeconds !== null && r.source ? ` (${duration(r.durationSeconds)}, ${r.source})` : '';
      this.out.write(`${this.stamp()} ${r.connectionId}${r.name ? ` (${r.name})` : ''}: ${r.status}${detail}\n`);
    }
  }

  /** Removes the live block (before the final report). */
  clear(): void {
    if (this.tty && this.drawn > 0) this.out.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  private draw(): void {
    const reports = this.last.map((r) => connectionReport(r));
    const counts = new Map<string, number>();
    for (const r of reports) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    const block = [`${this.phase || 'Starting'} - ${[...counts].map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ') || 'listing connections'}`];
    if (reports.length <= this.rows) {
      for (const r of reports) block.push(`  ${r.connectionId.padEnd(24)} ${(r.name ?? '').padEnd(20)} ${r.status.padEnd(18)} ${r.durationSeconds === null ? '' : duration(r.durationSeconds)}`.trimEnd());
    }
    const width = Math.max(10, this.columns() - 1);
    this.clear();
    this.out.write(`${block.map((row) => truncate(row, width)).join('\n')}\n`);
    this.drawn = block.length;
  }

  private stamp(): string {
    return new Date(this.clock()).toISOString().slice(11, 19);
  }
}
