/** CLI value parsing: durations, KEY=VALUE pairs, lists, choices and ports; every error names the flag. */
import { describe, expect, it } from '@jest/globals';
import { parseChoice, parseDuration, parseEnvPairs, parseList, parsePort } from '../../../src/core/options.js';
import { ConfigError } from '../../../src/core/errors.js';

/** The ConfigError `run` must throw. */
function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseDuration', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['15m', 900],
    ['2h', 7200],
    ['1d', 86_400],
    ['1.5h', 5400],
    ['500ms', 0.5],
    [' 15m ', 900],
    ['15 m', 900],
  ])('reads %p as %p seconds', (value, seconds) => {
    expect(parseDuration('--sync-timeout', value)).toBe(seconds);
  });

  it.each(['', 'soon', '15x', '-5s', '1e3', 'm15', '15M', '1h30m'])('rejects %p, naming the flag and the expected form', (value) => {
    expect(configError(() => parseDuration('--sync-timeout', value)).message).toBe(`--sync-timeout must be a duration like 90s, 15m or 2h (got "${value}").`);
  });

  it.each(['0', '0s', '0.0h'])('rejects the zero duration %p', (value) => {
    expect(configError(() => parseDuration('--poll-interval', value)).message).toBe(`--poll-interval must be more than zero (got "${value}").`);
  });
});

describe('parseEnvPairs', () => {
  it('reads KEY=VALUE pairs, splitting at the first "="', () => {
    expect(parseEnvPairs('--dbt-env', ['DBT_TARGET=prod', 'DBT_VARS={"a":"b=c"}', 'EMPTY='])).toEqual({ DBT_TARGET: 'prod', DBT_VARS: '{"a":"b=c"}', EMPTY: '' });
  });

  it('lets a later pair override an earlier one', () => {
    expect(parseEnvPairs('--dbt-env', ['A=1', 'A=2'])).toEqual({ A: '2' });
  });

  it('gives an empty record for no pairs', () => {
    expect(parseEnvPairs('--dbt-env', [])).toEqual({});
  });

  it.each(['NOVALUE', '=value', ''])('rejects %p, naming the flag', (pair) => {
    expect(configError(() => parseEnvPairs('--dbt-env', ['OK=1', pair])).message).toBe(`--dbt-env takes KEY=VALUE (got "${pair}").`);
  });
});

describe('parseList', () => {
  it('flattens repeated and comma-separated values, trimming and dropping blanks', () => {
    expect(parseList(['a,b', ' c ', '', 'd,,e', ' , '])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('gives an empty list when the flag was not given', () => {
    expect(parseList(undefined)).toEqual([]);
  });

  it('keeps duplicates (the run request removes them)', () => {
    expect(parseList(['a', 'a,b'])).toEqual(['a', 'a', 'b']);
  });
});

describe('parseChoice', () => {
  const choices = ['skip', 'fail', 'unpause'] as const;

  it('returns a value that is one of the choices', () => {
    expect(parseChoice('--on-paused', 'unpause', choices)).toBe('unpause');
  });

  it.each(['Skip', 'ignore', ''])('rejects %p, listing the choices', (value) => {
    expect(configError(() => parseChoice('--on-paused', value, choices)).message).toBe(`--on-paused must be one of skip, fail, unpause (got "${value}").`);
  });
});

describe('parsePort', () => {
  it.each([
    ['0', 0],
    ['8080', 8080],
    ['65535', 65535],
  ])('reads %p as %p', (value, port) => {
    expect(parsePort('--webhook-port', value)).toBe(port);
  });

  it.each(['65536', '-1', '80.5', 'http', ''])('rejects %p, naming the flag', (value) => {
    expect(configError(() => parsePort('--webhook-port', value)).message).toBe(`--webhook-port must be a port number 0-65535 (got "${value}").`);
  });
});
