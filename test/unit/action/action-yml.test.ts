/**
 * action.yml and the example workflows, checked the way a workflow linter would: every input
 * kebab-case and described, node24 with existing main and post files, described outputs; every
 * example `uses:` the Action with only inputs it declares.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../../..');
type ActionYml = {
  name: string;
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post?: string };
};
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

type Step = { uses?: string; with?: Record<string, unknown> };
type Workflow = { on: unknown; jobs: Record<string, { steps?: Step[] }> };
const workflowFiles = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));

describe('action.yml', () => {
  it('runs on node24 with a main and a post step that exist', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(action.branding.icon).toBeTruthy();
    expect(action.branding.color).toBeTruthy();
  });

  it.each(Object.entries(action.inputs))('input %s is kebab-case and described', (name, input) => {
    expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(input.description.length).toBeGreaterThan(20);
  });

  it('declares the inputs the issue names', () => {
    for (const name of ['command', 'engine', 'stack-name', 'state-machine-arn', 'aws-region', 'group-id', 'connections', 'skip-sync', 'force', 'on-paused', 'on-not-connected', 'on-sync-failure', 'sync-timeout', 'dbt-args', 'dbt-project-dir', 'wait', 'timeout-minutes', 'comment-on-pr', 'github-token', 'fivetran-api-key', 'fivetran-api-secret', 'role-to-assume', 'role-duration-seconds', 'dbt-image-context', 'dbt-image-tag']) {
      expect(action.inputs).toHaveProperty([name]);
    }
  });

  it('keeps the default timeout under a hosted job\'s 6 hours', () => {
    expect(Number(action.inputs['timeout-minutes']?.default)).toBeLessThan(360);
  });

  it('describes every output', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['console-url', 'dbt-exit-code', 'execution-arn', 'failed-connections', 'result', 'run-id', 'state-machine-arn', 'status', 'webhook-url']);
    for (const output of Object.values(action.outputs)) expect(output.description.length).toBeGreaterThan(10);
  });
});

describe.each([...workflowFiles('examples/workflows'), ...workflowFiles('.github/workflows')])('%s', (file) => {
  const workflow = parse(readFileSync(join(ROOT, file), 'utf8')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
  const ours = steps.filter((s) => s.uses && (s.uses === './' || s.uses.startsWith('fivetran-dbt-orchestrator/fivetran-dbt-orchestrator@')));

  it('parses, with triggers and jobs', () => {
    expect(workflow.on).toBeTruthy();
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
  });

  it('passes only declared inputs to the Action', () => {
    for (const step of ours) for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  });
});

it('every example uses the Action', () => {
  for (const file of workflowFiles('examples/workflows')) {
    const workflow = parse(readFileSync(join(ROOT, file), 'utf8')) as Workflow;
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []).map((s) => s.uses ?? '');
    expect(uses.some((u) => u.startsWith('fivetran-dbt-orchestrator/fivetran-dbt-orchestrator@v1'))).toBe(true);
  }
});
