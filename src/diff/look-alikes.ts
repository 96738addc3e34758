import type { Catalog, Fact } from '../catalog/fact.js';
import { canonicalJson } from '../catalog/fingerprint.js';

/**
 * Objects that production loses while the schema gains one of the same kind, in the same place,
 * with the same shape (payload and children's payloads): probably a rename that nobody declared.
 * The engine never guesses one; it says so, because dropping loses the data.
 */
export function lookAlikes(source: Catalog, target: Catalog): [removed: Fact, added: Fact][] {
  // Children of the dropped and added facts only, each list grown in place: the whole catalog's
  // index, copied on every append, was most of this function's time on large schemas.
  const children = (catalog: Catalog, parents: Fact[]) => {
    const wanted = new Set(parents.map((f) => f.id));
    const index = new Map<string, Fact[]>();
    for (const f of catalog.values()) {
      if (!f.parent || !wanted.has(f.parent)) continue;
      const list = index.get(f.parent);
      if (list) list.push(f);
      else index.set(f.parent, [f]);
    }
    return index;
  };
  const shape = (index: Map<string, Fact[]>, fact: Fact): string =>
    canonicalJson([
      fact.kind,
      fact.parent ?? fact.name.slice(0, -1).join('.'),
      fact.payload,
      (index.get(fact.id) ?? []).map((c) => canonicalJson(c.payload)).sort(),
    ]);
  const removed = [...source.values()].filter((f) => !target.has(f.id) && !(f.parent && !target.has(f.parent)));
  const added = [...target.values()].filter((f) => !source.has(f.id) && !(f.parent && !source.has(f.parent)));
  if (removed.length === 0 || added.length === 0) return [];
  const [sourceChildren, targetChildren] = [children(source, removed), children(target, added)];
  const byShape = new Map<string, Fact>();
  for (const f of added) byShape.set(shape(targetChildren, f), f);
  const pairs: [Fact, Fact][] = [];
  for (const f of removed) {
    const twin = byShape.get(shape(sourceChildren, f));
    if (twin) pairs.push([f, twin]);
  }
  return pairs;
}
