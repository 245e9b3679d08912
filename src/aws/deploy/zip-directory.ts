/**
 * A small deterministic zip writer for publishing folder assets (Lambda bundles) the way
 * `cdk-assets` does, without its packages: the same folder always gives the same bytes, so a
 * re-run uploads nothing new and a diff of two bundles means their files differ.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as zlib from 'node:zlib';

/** One file to put in a zip: its path inside the archive (`/`-separated) and its bytes. */
export type ZipEntry = { name: string; data: Buffer; executable?: boolean };

// 1980-01-01 00:00:00, the earliest DOS date: entries carry no build time, as with cdk-assets.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const VERSION = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

let crcTable: Uint32Array | undefined;

/** CRC-32 from a lookup table, for Node releases without `zlib.crc32`. */
export function tableCrc32(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 as zip wants it: node:zlib's (Node 20.15+/22.2+) when there is one, else a table. */
export function crc32(data: Buffer): number {
  const native = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  return typeof native === 'function' ? native(data) >>> 0 : tableCrc32(data);
}

/**
 * A zip of `entries`, in the order given: deflated where that is smaller, stored otherwise, with
 * fixed timestamps and Unix modes 0644 (0755 for executables). Throws past the plain zip limits
 * (65,535 entries, 4 GiB), which Lambda bundles never reach.
 */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > MAX_16) throw new RangeError(`A zip without Zip64 holds at most ${MAX_16} entries (got ${entries.length}).`);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = zlib.deflateRawSync(entry.data, { level: 9 });
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    if (entry.data.length > MAX_32 || offset > MAX_32) throw new RangeError('A zip without Zip64 is limited to 4 GiB.');
    const crc = crc32(entry.data);
    const method = stored ? 0 : 8;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: all 0
    central.writeUInt32LE((((entry.executable ? 0o100755 : 0o100644) << 16) >>> 0), 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function listFiles(root: string, prefix: string, into: ZipEntry[]): Promise<void> {
  for (const dirent of await readdir(join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${dirent.name}` : dirent.name;
    const full = join(root, relative);
    // Symbolic links are followed, as cdk-assets does: the zip holds what the link points to.
    const info = dirent.isSymbolicLink() ? await stat(full) : dirent;
    if (info.isDirectory()) await listFiles(root, relative, into);
    else if (info.isFile()) {
      const mode = (await stat(full)).mode;
      into.push({ name: relative, data: await readFile(full), executable: (mode & 0o111) !== 0 });
    }
  }
}

/** The folder `dir` as a deterministic zip: every file by its relative path, sorted; empty folders left out. */
export async function zipDirectory(dir: string): Promise<Buffer> {
  const entries: ZipEntry[] = [];
  await listFiles(dir, '', entries);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return createZip(entries);
}
