/**
 * The committed cloud assembly (dist/stack/) is what the GitHub Action deploys, so it must be
 * exactly what the sources synthesize to: a fresh synthesis into a temp folder gives
 * byte-identical templates and asset manifests. Skipped, saying why, until dist/stack exists.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ASSEMBLY_DIR, synthAssembly, type AssemblySummary } from '../../../scripts/synth-assembly.js';

const committed = DEFAULT_ASSEMBLY_DIR;
const hasCommitted = existsSync(path.join(committed, 'manifest.json'));
const STALE = 'dist/stack is stale: run `npx tsx scripts/synth-assembly.ts` and commit dist/stack';

/** The asset manifests of an assembly (what the Action uploads, and where). */
const describing = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.assets.json')).sort();

if (!hasCommitted) {
  console.warn(`Skipping the assembly comparison: ${committed} does not exist yet. Run \`npx tsx scripts/synth-assembly.ts\` and commit dist/stack.`);
}

(hasCommitted ? describe : describe.skip)('the committed assembly in dist/stack', () => {
  let fresh: AssemblySummary;

  beforeAll(() => {
    // CDK's built-in template validation writes only a report, never the templates: skipped for speed.
    fresh = synthAssembly(mkdtempSync(path.join(tmpdir(), 'fivetran-dbt-assembly-')), { cloudFormationValidation: false });
  });

  afterAll(() => {
    if (fresh) rmSync(fresh.outdir, { recursive: true, force: true });
  });

  it('has the templates a fresh synthesis gives, byte for byte', () => {
    expect(fresh.templates.length).toBeGreaterThan(0);
    for (const template of fresh.templates) {
      const rebuilt = readFileSync(path.join(fresh.outdir, template));
      const stored = existsSync(path.join(committed, template)) ? readFileSync(path.join(committed, template)) : Buffer.alloc(0);
      expect({ template, identical: rebuilt.equals(stored), hint: STALE }).toEqual({ template, identical: true, hint: STALE });
    }
  });

  it('has the same asset manifests and the same assets', () => {
    expect(describing(committed)).toEqual(describing(fresh.outdir));
    for (const name of describing(fresh.outdir)) {
      expect(readFileSync(path.join(committed, name), 'utf8')).toBe(readFileSync(path.join(fresh.outdir, name), 'utf8'));
    }
    const assets = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('asset.')).sort();
    expect(assets(committed)).toEqual(assets(fresh.outdir));
  });
});

if (!hasCommitted) {
  describe('without a committed assembly', () => {
    it.skip('compares nothing yet: run `npx tsx scripts/synth-assembly.ts`, commit dist/stack, and this suite checks it', () => undefined);
  });
}
