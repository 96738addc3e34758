import type { Catalog, Fact } from '../catalog/fact.js';
import { canonicalJson } from '../catalog/fingerprint.js';
import type { Migration } from './planner.js';

/**
 * Objects that production loses while the schema gains one of the same kind, in the same place,
 * with the same shape (payload and children's payloads): probably a rename that nobody declared.
 * The engine never guesses one; it says so, because dropping loses the data. The candidates are
 * the migration's removed and added facts, their children those the planner indexed.
 */
export function lookAlikes(
  source: Catalog,
  target: Catalog,
  { deltas, children }: Pick<Migration, 'deltas' | 'children'>,
): [removed: Fact, added: Fact][] {
  const shape = (catalog: Catalog, fact: Fact): string =>
    canonicalJson([
      fact.kind,
      fact.parent ?? fact.name.slice(0, -1).join('.'),
      fact.payload,
      children(catalog, fact.id).map((c) => canonicalJson(c.payload)).sort(),
    ]);
  // A fact that goes with its parent is part of the parent's shape, not a candidate of its own.
  const removed = deltas.removed.filter((f) => !(f.parent && !target.has(f.parent)));
  const added = deltas.added.filter((f) => !(f.parent && !source.has(f.parent)));
  if (removed.length === 0 || added.length === 0) return [];
  const byShape = new Map<string, Fact>();
  for (const f of added) byShape.set(shape(target, f), f);
  const pairs: [Fact, Fact][] = [];
  for (const f of removed) {
    const twin = byShape.get(shape(source, f));
    if (twin) pairs.push([f, twin]);
  }
  return pairs;
}
