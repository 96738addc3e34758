import type { Catalog, Fact, Json } from '../catalog/fact.js';
import { canonicalJson } from '../catalog/fingerprint.js';

export interface Change {
  from: Fact;
  to: Fact;
  /** Payload keys whose values differ. */
  keys: string[];
}

export interface Deltas {
  added: Fact[];
  removed: Fact[];
  changed: Change[];
}

/** Compares two catalogs fact by fact, knowing nothing about any kind. */
export function diffCatalogs(source: Catalog, target: Catalog): Deltas {
  const deltas: Deltas = { added: [], removed: [], changed: [] };
  for (const [id, from] of source) {
    const to = target.get(id);
    if (!to) {
      deltas.removed.push(from);
      continue;
    }
    const keys = changedKeys(from.payload, to.payload);
    if (keys.length > 0) deltas.changed.push({ from, to, keys });
  }
  for (const [id, to] of target) if (!source.has(id)) deltas.added.push(to);
  return deltas;
}

/** Nearly every pair of facts is equal: no list is made for them, and no set of both sides' keys. */
function changedKeys(a: Fact['payload'], b: Fact['payload']): string[] {
  let changed: string[] | undefined;
  for (const k of Object.keys(a)) if (!sameJson(a[k] ?? null, b[k] ?? null)) (changed ??= []).push(k);
  for (const k of Object.keys(b)) if (!Object.hasOwn(a, k) && !sameJson(null, b[k] ?? null)) (changed ??= []).push(k);
  return changed ? changed.sort() : [];
}

/**
 * Equal as canonical JSON. Most payload values are strings, booleans or null, and two of those are
 * equal exactly when they are identical: only objects and arrays are serialised to be compared.
 */
function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return canonicalJson(a) === canonicalJson(b);
}
