/**
 * The deterministic zip writer: read back by an independent reader and, where installed, checked
 * by the system's `unzip -t`; same folder, same bytes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZip, crc32, tableCrc32, zipDirectory } from '../../../../src/aws/deploy/zip-directory.js';
import { readZip } from '../../../support/read-zip.js';

const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zip-dir-'));
  mkdirSync(join(dir, 'lib', 'nested'), { recursive: true });
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => "ok";\n'.repeat(50));
  writeFileSync(join(dir, 'lib', 'nested', 'data.json'), '{"a":1}');
  writeFileSync(join(dir, 'B.txt'), '');
  writeFileSync(join(dir, 'run.sh'), '#!/bin/sh\necho hi\n');
  chmodSync(join(dir, 'run.sh'), 0o755);
  writeFileSync(join(dir, 'ünïcode.txt'), 'x');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('crc32', () => {
  it('gives the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('gives the same value from the table as from node:zlib', () => {
    const data = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff));
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(tableCrc32(data)).toBe(crc32(data));
  });
});

describe('zipDirectory', () => {
  it('holds every file by relative path, sorted, with its bytes, fixed dates and modes', async () => {
    const entries = readZip(await zipDirectory(dir));
    expect(entries.map((e) => e.name)).toEqual(['B.txt', 'index.mjs', 'lib/nested/data.json', 'run.sh', 'ünïcode.txt']);
    expect(entries.find((e) => e.name === 'lib/nested/data.json')?.data.toString()).toBe('{"a":1}');
    expect(entries.find((e) => e.name === 'index.mjs')?.method).toBe(8);
    expect(entries.find((e) => e.name === 'B.txt')?.method).toBe(0);
    expect(entries.find((e) => e.name === 'run.sh')?.mode).toBe(0o100755);
    expect(entries.find((e) => e.name === 'B.txt')?.mode).toBe(0o100644);
    expect(new Set(entries.map((e) => `${e.dosDate}/${e.dosTime}`))).toEqual(new Set(['33/0']));
  });

  it('gives the same bytes for the same folder, whatever the files\' times', async () => {
    const first = await zipDirectory(dir);
    writeFileSync(join(dir, 'B.txt'), '');
    expect((await zipDirectory(dir)).equals(first)).toBe(true);
    writeFileSync(join(dir, 'B.txt'), 'changed');
    expect((await zipDirectory(dir)).equals(first)).toBe(false);
  });

  it('follows symbolic links', async () => {
    symlinkSync(join(dir, 'lib'), join(dir, 'linked'));
    const names = readZip(await zipDirectory(dir)).map((e) => e.name);
    expect(names).toContain('linked/nested/data.json');
  });

  (hasUnzip ? it : it.skip)('passes the system unzip -t and extracts the same content', async () => {
    const file = join(dir, '..', `${dir.split('/').pop()}.zip`);
    writeFileSync(file, await zipDirectory(dir));
    try {
      expect(execFileSync('unzip', ['-t', file]).toString()).toMatch(/No errors detected/);
      expect(execFileSync('unzip', ['-p', file, 'lib/nested/data.json']).toString()).toBe('{"a":1}');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('writes an empty archive for no entries', () => {
    expect(readZip(createZip([]))).toEqual([]);
  });
});
