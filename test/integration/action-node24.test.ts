/**
 * The built dist/index.js on Node 24, the runners' node24: the local demo end to end. Skipped,
 * saying why, when no Node 24 binary is here (`npx tsx scripts/node24.ts --install` gets one).
 */
import { expect, it } from '@jest/globals';
import { findNode24 } from '../../scripts/node24.js';
import { runStep } from '../support/action-process.js';

const node24 = findNode24();
if (!node24) console.warn('action-node24: skipped: no Node 24 binary (set NODE24_BINARY or run `npx tsx scripts/node24.ts --install`).');

(node24 ? it : it.skip)('runs the demo smoke through dist/index.js on Node 24', async () => {
  const result = await runStep({ inputs: { engine: 'local', 'poll-interval-ms': '200' }, node: node24 as string });
  expect(result.log).not.toContain('::error::');
  expect(result.code).toBe(0);
  expect(result.outputs.status).toBe('SUCCEEDED');
  expect(result.summary).toContain(': SUCCEEDED');
}, 60_000);
