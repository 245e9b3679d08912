/**
 * The state machine the stack deploys (dist/stack: the template's definition asset with its
 * substitutions) is the shared definition, and it runs in the local engine end to end.
 */
import { LOCAL_SUBSTITUTIONS, resolveDefinition, SUBSTITUTION_KEYS } from '../../src/core/pipeline/definition.js';
import { readSynthesizedMachine, synthesizedDefinition } from '../../src/simulator/aws/stack-assembly.js';
import { connections, startHarness, type Harness } from '../support/pipeline-harness.js';

let harness: Harness | undefined;
afterEach(async () => harness?.close());

describe('the synthesized state machine', () => {
  it('is the shared definition with a value for every placeholder', () => {
    const { text, substitutions } = readSynthesizedMachine();
    expect(Object.keys(substitutions).sort()).toEqual([...SUBSTITUTION_KEYS].sort());
    expect(resolveDefinition(LOCAL_SUBSTITUTIONS, text)).toEqual(resolveDefinition(LOCAL_SUBSTITUTIONS));
  });

  it('runs a pipeline in the local engine', async () => {
    harness = await startHarness({ connections: connections(45), definition: synthesizedDefinition() });
    const { report } = await harness.run();
    expect(report.status).toBe('SUCCEEDED');
    expect(report.counts.succeeded).toBe(45);
  });
});
