/**
 * Runs the Action's `run()` from the sources, the way `@github/local-action` does: inputs from a
 * `.env` file (`INPUT_<NAME>=value`, see .env.example), and temporary GITHUB_OUTPUT, GITHUB_STATE
 * and GITHUB_STEP_SUMMARY files that are printed at the end.
 *   npm run local-action [-- path/to/.env]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const envFile = resolve(process.argv[2] ?? '.env');
if (existsSync(envFile)) {
  for (const line of readFileSync(envFile, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const [, name, raw] = match as unknown as [string, string, string];
    process.env[name] ??= raw.replace(/^(['"])(.*)\1$/, '$2');
  }
} else {
  console.error(`${envFile} not found: running with the environment's INPUT_* only (copy .env.example to .env).`);
}
const dir = mkdtempSync(join(tmpdir(), 'local-action-'));
for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'] as const) {
  process.env[name] ??= join(dir, name.toLowerCase());
  writeFileSync(process.env[name] as string, '', { flag: 'a' });
}
if (!process.env.GITHUB_EVENT_PATH) {
  process.env.GITHUB_EVENT_PATH = join(dir, 'event.json');
  writeFileSync(process.env.GITHUB_EVENT_PATH, '{}');
}
const { run } = await import('../src/action/main.js');
await run();
for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY'] as const) {
  console.log(`\n----- ${name} -----\n${readFileSync(process.env[name] as string, 'utf8')}`);
}
rmSync(dir, { recursive: true, force: true });
