/**
 * Takes model files apart and puts them back together with a recomputed checksum — what an attacker
 * who edits a file would do. Used by the model-file decoder tests and fuzzers.
 */
import { createHash } from 'node:crypto';

const MAGIC = Buffer.from('TRAINYRD', 'ascii');

export interface ModelFileParts {
  /** The JSON header as text (the envelope: format, formatVersion, content, arrays). */
  header: string;
  /** The binary section after the header. */
  binary: Buffer;
}

/** Splits model file bytes into their JSON header and binary section (no checks: test input only). */
export function splitModelFile(bytes: Buffer): ModelFileParts {
  const jsonLen = bytes.readUInt32LE(40);
  return { header: bytes.subarray(44, 44 + jsonLen).toString('utf8'), binary: Buffer.from(bytes.subarray(44 + jsonLen)) };
}

/** Model file bytes whose checksum matches `body` (everything after magic and checksum). */
export function withChecksum(body: Buffer): Buffer {
  return Buffer.concat([MAGIC, createHash('sha256').update(body).digest(), body]);
}

/** Builds model file bytes from a header (text or a value to stringify) and a binary section, checksum recomputed. */
export function craftModelFile(header: string | unknown, binary: Buffer = Buffer.alloc(0)): Buffer {
  const json = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  return withChecksum(Buffer.concat([len, json, binary]));
}

/** Parses the header of `bytes`, lets `edit` change it, and re-assembles the file with a matching checksum. */
export function editModelHeader(bytes: Buffer, edit: (envelope: any) => void): Buffer {
  const { header, binary } = splitModelFile(bytes);
  const envelope = JSON.parse(header);
  edit(envelope);
  return craftModelFile(envelope, binary);
}
