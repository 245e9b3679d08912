/**
 * Prints what one run costs on AWS for 10 and 500 connections, as a markdown table (the one in
 * docs/cost.md). Computed, not measured: see src/core/pipeline/cost.ts for the assumptions.
 * Run: npx tsx bench/run-cost.ts
 */
import { pathToFileURL } from 'node:url';
import { HISTORY_EVENT_LIMIT, estimateHistoryEvents, estimateRunCost, maxConnectionsWithinHistory, type RunCostEstimate, type RunCostOptions } from './cost-model.js';

/** Connection counts the table shows. */
export const CONNECTION_COUNTS = [10, 500] as const;

function usd(value: number): string {
  if (value === 0) return '$0';
  return value < 0.001 ? `$${value.toFixed(6)}` : `$${value.toFixed(4)}`;
}

const count = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The table for these estimates, one column each. */
export function renderRunCostTable(estimates: readonly RunCostEstimate[]): string {
  const rows: [string, (e: RunCostEstimate) => string][] = [
    ['Step Functions transitions', (e) => count(e.stepFunctions.transitions)],
    ['Step Functions', (e) => usd(e.stepFunctions.cost)],
    ['Lambda invocations', (e) => count(e.lambda.invocations)],
    ['Lambda GB-seconds', (e) => count(e.lambda.gbSeconds)],
    ['Lambda', (e) => usd(e.lambda.cost)],
    ['DynamoDB write / read units', (e) => `${count(e.dynamodb.writeUnits)} / ${count(e.dynamodb.readUnits)}`],
    ['DynamoDB', (e) => usd(e.dynamodb.cost)],
    ['Fargate vCPU-hours / GB-hours', (e) => `${count(e.fargate.vcpuHours)} / ${count(e.fargate.gbHours)}`],
    ['Fargate (dbt)', (e) => usd(e.fargate.cost)],
    ['HttpApi requests', (e) => count(e.httpApi.requests)],
    ['HttpApi', (e) => usd(e.httpApi.cost)],
    ['**Total per run**', (e) => `**${usd(e.total)}**`],
    ['30 runs (one a day)', (e) => usd(e.total * 30)],
    ['History events (limit 25,000)', (e) => `${count(e.stepFunctions.historyEvents)} (${((100 * e.stepFunctions.historyEvents) / HISTORY_EVENT_LIMIT).toFixed(1)}%)`],
  ];
  const header = `| | ${estimates.map((e) => `${count(e.connections)} connections`).join(' | ')} |`;
  const rule = `|---|${estimates.map(() => '---:').join('|')}|`;
  return [header, rule, ...rows.map(([label, cell]) => `| ${label} | ${estimates.map(cell).join(' | ')} |`)].join('\n');
}

/** Prints the table and the assumptions behind it. */
export function main(options: Omit<RunCostOptions, 'connections'> = {}): string {
  const estimates = CONNECTION_COUNTS.map((connections) => estimateRunCost({ ...options, connections }));
  const a = estimates[0]!.assumptions;
  const lines = [
    renderRunCostTable(estimates),
    '',
    `Assumptions: syncs take ${a.syncMinutes} min, dbt ${a.dbtMinutes} min on ${a.fargateVcpu} vCPU / ${a.fargateMemoryGb} GB Fargate ${a.fargateArchitecture},` +
      ` Lambda arm64 at the stack's sizes (${Math.min(...Object.values(a.lambda.memoryMb))}-${Math.max(...Object.values(a.lambda.memoryMb))} MB),` +
      `${a.fargatePublicIp ? ' a public IPv4 address for the task,' : ''} reconciler every ${a.reconcileIntervalMinutes} min, ${a.webhookDeliveriesPerConnection} webhook deliveries per connection,` +
      ` run records of ${a.dynamodb.recordKb} KB written to ${a.dynamodb.indexesPerWrite} indexes; us-east-1 prices, no free tier.`,
    '',
    `History: a run fits ${count(maxConnectionsWithinHistory())} connections in 25,000 events` +
      ` (${count(maxConnectionsWithinHistory({ worstCase: true }))} in the worst case; 1,000 connections write` +
      ` ${count(estimateHistoryEvents(1000))}, at worst ${count(estimateHistoryEvents(1000, { worstCase: true }))}).`,
  ];
  const text = lines.join('\n');
  console.log(text);
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
