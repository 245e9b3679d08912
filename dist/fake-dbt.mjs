#!/usr/bin/env node
// The demo's stand-in for dbt: prints dbt-like progress and writes target/run_results.json, so
// `npm start` shows the whole pipeline without a warehouse. Set DEMO_DBT_FAIL=1 to see a failing run.
import { mkdirSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const fail = process.env.DEMO_DBT_FAIL === '1';
const nodes = [
  ['model.demo.stg_orders', 'success'],
  ['model.demo.stg_customers', 'success'],
  ['model.demo.orders', 'success'],
  ['test.demo.not_null_orders_id', fail ? 'fail' : 'pass'],
  ['test.demo.unique_customers_id', 'pass'],
];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
console.log(`Running with dbt=demo (args: ${args.join(' ') || 'build'}) for run ${process.env.ORCHESTRATOR_RUN_ID ?? '-'}`);
const started = Date.now();
const results = [];
for (const [i, [id, status]] of nodes.entries()) {
  await sleep(60);
  console.log(`${i + 1} of ${nodes.length} ${status.toUpperCase().padEnd(7)} ${id}`);
  results.push({ unique_id: id, status, execution_time: 0.06, message: status === 'fail' ? 'Got 1 result, configured to fail if != 0' : null, failures: status === 'fail' ? 1 : 0 });
}
mkdirSync('target', { recursive: true });
writeFileSync('target/run_results.json', JSON.stringify({ metadata: { dbt_version: 'demo' }, elapsed_time: (Date.now() - started) / 1000, results }, null, 2));
console.log(fail ? 'Completed with 1 error' : 'Completed successfully');
process.exit(fail ? 1 : 0);
