import type { Catalog, Fact } from '../catalog/fact.js';
import type { DeclarationSite, Declared } from '../db/declarations.js';

/**
 * Where a fact is reported: its own declaration; else, for an object on one column of its table
 * (a key or reference written on the column's line, with a name PostgreSQL made up), that
 * column's; else the nearest object it lives in that has one.
 */
export function siteFinder(sites: DeclarationSite[], catalog: Catalog): (fact: Fact) => DeclarationSite | undefined {
  const byKey = new Map<string, DeclarationSite>();
  for (const site of sites) if (!byKey.has(keyOf(site))) byKey.set(keyOf(site), site);
  const own = (f: Fact) => byKey.get(keyOf({ kind: f.kind, path: f.name }));
  return (fact) => {
    const columns = fact.deps.map((id) => catalog.get(id)).filter((d) => d?.kind === 'column' && d.parent === fact.parent);
    const candidates = [fact, ...(columns.length === 1 ? columns : [])];
    for (let f = fact.parent ? catalog.get(fact.parent) : undefined; f; f = f.parent ? catalog.get(f.parent) : undefined) candidates.push(f);
    for (const candidate of candidates) {
      const site = candidate && own(candidate);
      if (site) return site;
    }
    return undefined;
  };
}

/**
 * Routines are declared by name and found by signature (`f(integer)`): the files spell argument
 * types as written, the catalog as resolved, and overloads share the name's site.
 */
export function keyOf(declared: Declared): string {
  const path = declared.kind === 'function' || declared.kind === 'procedure' ? declared.path.map((p, i) => (i === declared.path.length - 1 ? p.replace(/\(.*$/s, '') : p)) : declared.path;
  return JSON.stringify([declared.kind, ...path]);
}
