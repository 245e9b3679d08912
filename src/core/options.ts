/**
 * Parsing of CLI values that commander leaves as strings: durations, KEY=VALUE pairs, lists.
 * Each error names the flag, so the user knows what to change.
 */
import { ConfigError } from './errors.js';

/** `90`, `90s`, `15m`, `2h`, `1d` → seconds. */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) throw new ConfigError(`${flag} must be a duration like 90s, 15m or 2h (got "${value}").`);
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[match[2] ?? 's'] ?? 1;
  const seconds = Number(match[1]) * unit;
  if (!(seconds > 0)) throw new ConfigError(`${flag} must be more than zero (got "${value}").`);
  return seconds;
}

/** `KEY=VALUE` pairs → record. */
export function parseEnvPairs(flag: string, values: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of values) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new ConfigError(`${flag} takes KEY=VALUE (got "${pair}").`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** Repeated and comma-separated values → one list without blanks. */
export function parseList(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** One of `choices`, or a ConfigError naming the flag. */
export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${flag} must be one of ${choices.join(', ')} (got "${value}").`);
}

export function parsePort(flag: string, value: string): number {
  const port = value.trim() === '' ? NaN : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${flag} must be a port number 0-65535 (got "${value}").`);
  return port;
}
