import { lineAndColumn, SchemaLoadError } from './split-statements.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * A schema file's text, or an error at its first byte that is not UTF-8: decoding leniently would
 * turn such bytes into U+FFFD and load a schema that differs from the file without a word.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    const valid = strict.decode(bytes.subarray(0, offset));
    const at = lineAndColumn(valid, valid.length);
    const byte = bytes[offset]!.toString(16).padStart(2, '0');
    throw new SchemaLoadError(file, at.line, at.column, `not UTF-8 (byte 0x${byte} at offset ${offset}); save the file as UTF-8`);
  }
}

/**
 * Offset of the first byte of the first sequence that is not UTF-8: bytes are fed one at a time, and
 * the decoder fails on the byte that breaks a sequence, which began after the last complete one.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    try {
      if (decoder.decode(bytes.subarray(i, i + 1), { stream: true }) !== '') start = i + 1;
    } catch {
      return start;
    }
  }
  return start; // a sequence cut off by the end of the file
}
