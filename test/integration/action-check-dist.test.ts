/**
 * check-dist: rebuilds the Action's bundle into a temporary folder and compares it, file by
 * file, with the committed dist/ (dist/stack, the CDK assembly, has its own test). A real
 * rebuild, so it takes as long as ncc does (30-90 s).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from '@jest/globals';
import { buildAction } from '../../scripts/build-action.js';

const DIST = resolve(import.meta.dirname, '../../dist');
it('the committed dist/ equals a fresh build', () => {
  const out = mkdtempSync(join(tmpdir(), 'check-dist-'));
  try {
    const files = buildAction(out);
    const committed = readdirSync(DIST).filter((name) => name !== 'stack').sort();
    expect(committed).toEqual(files);
    for (const file of files) expect({ file, same: readFileSync(join(out, file)).equals(readFileSync(join(DIST, file))) }).toEqual({ file, same: true });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 600_000);
