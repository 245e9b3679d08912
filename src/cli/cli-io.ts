/**
 * What every command shares and nothing heavy: the process's streams as the commands see them,
 * the exit codes and the choices the flags take. \`fivetran-dbt --help\` loads this and the command
 * definitions only; each command loads its implementation (engines, the AWS SDK, the simulator)
 * when it runs.
 * Exit codes: 0 succeeded, 1 the run failed, 2 usage or configuration error, 130 cancelled.
 */

export type CliIO = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  /** Where SIGINT/SIGTERM arrive (the process, or an emitter in tests). */
  signals?: { on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown; off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  cwd: string;
};

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** The values of \`--completion\` and \`--engine\`. */
export const COMPLETION_CHOICES = ['auto', 'webhook', 'poll'] as const;
export const ENGINE_CHOICES = ['local', 'aws'] as const;
