/** What a run does with paused and broken connections and with failed syncs: the values a run request's `policies` take. */

export const PausedPolicy = { skip: 'skip', fail: 'fail', unpause: 'unpause' } as const;
export const NotConnectedPolicy = { fail: 'fail', skip: 'skip' } as const;
export const SyncFailurePolicy = { fail: 'fail', continue: 'continue' } as const;
export type PausedPolicy = (typeof PausedPolicy)[keyof typeof PausedPolicy];
export type NotConnectedPolicy = (typeof NotConnectedPolicy)[keyof typeof NotConnectedPolicy];
export type SyncFailurePolicy = (typeof SyncFailurePolicy)[keyof typeof SyncFailurePolicy];
