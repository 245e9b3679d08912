/**
 * Run stores that tell the Lambda what its writes did, for its logs and metrics, without the core
 * knowing: the hooked methods replace the store's, every other call passes through unchanged.
 */
import type { RunStore } from '../../core/runs/records.js';

/** `store` with the methods in `hooks` in place of its own. */
function hookedStore(store: RunStore, hooks: Partial<RunStore>): RunStore {
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(hooks, property)) return hooks[property as keyof RunStore];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** `store`, calling `onCompleted(runId)` each time it notes a wait of that run completed (an outcome handed to its waiter). */
export function reportingCompletedRuns(store: RunStore, onCompleted: (runId: string) => void): RunStore {
  return hookedStore(store, {
    async markCompleted(runId, connectionId, at) {
      const first = await store.markCompleted(runId, connectionId, at);
      onCompleted(runId);
      return first;
    },
  });
}

/** `store`, calling `onStored(outcome)` for each outcome it stored first (not one another writer stored before). */
export function reportingStoredOutcomes(store: RunStore, onStored: (outcome: Parameters<RunStore['recordOutcome']>[2]) => void): RunStore {
  return hookedStore(store, {
    async recordOutcome(runId, connectionId, outcome) {
      const write = await store.recordOutcome(runId, connectionId, outcome);
      if (write.stored) onStored(outcome);
      return write;
    },
  });
}
