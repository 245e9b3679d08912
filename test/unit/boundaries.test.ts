/**
 * The rules the lint gate keeps by tool rather than by memory: dependency-cruiser refuses an
 * import across a boundary, and knip refuses an export nothing uses. Each runs here on a fixture
 * that breaks its rule, exactly as `npm run lint` runs it on the project.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = (args: string[], cwd: string) => {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe('the lint gate', () => {
  it('fails on an import across a boundary, naming the rule and the files', () => {
    const fixture = join(ROOT, 'test/fixtures/boundaries');
    const { status, output } = run([join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'], fixture);
    expect(status).not.toBe(0);
    expect(output).toContain('core-imports-no-adapter: src/core/imports-an-adapter.ts → src/aws/store.ts');
    expect(output).toContain('entry-adapters-never-import-each-other: src/cli/imports-the-server-app.ts → src/server/app.ts');
  });

  it('fails on an export nothing imports', () => {
    const { status, output } = run([join(ROOT, 'node_modules/knip/bin/knip.js'), '--directory', 'test/fixtures/unused-export', '--no-progress'], ROOT);
    expect(status).toBe(1);
    expect(output).toMatch(/Unused exports \(1\)\s+neverImported\s+src\/helpers\.ts/);
  });
});
