/**
 * `text` without the given `[start, end)` ranges of its UTF-8 bytes, which must be sorted and not
 * overlap. libpg_query's parser and scanner report positions in bytes, so deparsed text is cut on
 * its bytes and everything between the cuts stays exactly as the server wrote it.
 */
export function cutByteRanges(text: string, ranges: Iterable<[start: number, end: number]>): string {
  const bytes = Buffer.from(text, 'utf8');
  const kept: Buffer[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    kept.push(bytes.subarray(at, start));
    at = end;
  }
  kept.push(bytes.subarray(at));
  return Buffer.concat(kept).toString('utf8');
}
