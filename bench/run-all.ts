/**
 * `npm run bench`: every benchmark, one after the other, each printing its figures. Pass names to
 * run some: `npm run bench -- local-pipeline`.
 */
const benchmarks: Record<string, () => Promise<{ main: () => Promise<unknown> | unknown }>> = {
  'local-pipeline': () => import('./local-pipeline.js'),
  'aws-map-concurrency': () => import('./aws-map-concurrency.js'),
  'webhook-server': () => import('./webhook-server.js'),
  'run-cost': () => import('./run-cost.js'),
};

const wanted = process.argv.slice(2);
for (const [name, load] of Object.entries(benchmarks)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  const bench = await load();
  await bench.main();
}
