/**
 * Reads a zip back for tests, independently of the writer: entries from the central directory,
 * each checked against its local header, inflated, and its CRC-32 verified.
 */
import { inflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/aws/deploy/zip-directory.js';

export type ReadZipEntry = { name: string; data: Buffer; mode: number; method: number; dosDate: number; dosTime: number };

/** The entries of `zip` in central-directory order; throws on any inconsistency. */
export function readZip(zip: Buffer): ReadZipEntry[] {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const entries: ReadZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const dosTime = zip.readUInt16LE(at + 12);
    const dosDate = zip.readUInt16LE(at + 14);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + skip;

    if (zip.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localName = zip.subarray(localAt + 30, localAt + 30 + zip.readUInt16LE(localAt + 26)).toString('utf8');
    if (localName !== name) throw new Error(`local name ${localName} differs from ${name}`);
    const start = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const body = zip.subarray(start, start + compressed);
    const data = method === 0 ? Buffer.from(body) : inflateRawSync(body);
    if (data.length !== size) throw new Error(`size of ${name}: ${data.length} != ${size}`);
    if (crc32(data) !== crc) throw new Error(`crc of ${name}`);
    entries.push({ name, data, mode, method, dosDate, dosTime });
  }
  return entries;
}
