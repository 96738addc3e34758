import { canonicalJson } from '../catalog/fingerprint.js';
/**
 * Objects that production loses while the schema gains one of the same kind, in the same place,
 * with the same shape (payload and children's payloads): probably a rename that nobody declared.
 * The engine never guesses one; it says so, because dropping loses the data.
 */
export function lookAlikes(source, target) {
    const children = (catalog) => {
        const index = new Map();
        for (const f of catalog.values())
            if (f.parent)
                index.set(f.parent, [...(index.get(f.parent) ?? []), f]);
        return index;
    };
    const shape = (index, fact) => canonicalJson([
        fact.kind,
        fact.parent ?? fact.name.slice(0, -1).join('.'),
        fact.payload,
        (index.get(fact.id) ?? []).map((c) => canonicalJson(c.payload)).sort(),
    ]);
    const removed = [...source.values()].filter((f) => !target.has(f.id) && !(f.parent && !target.has(f.parent)));
    const added = [...target.values()].filter((f) => !source.has(f.id) && !(f.parent && !source.has(f.parent)));
    if (removed.length === 0 || added.length === 0)
        return [];
    const [sourceChildren, targetChildren] = [children(source), children(target)];
    const byShape = new Map();
    for (const f of added)
        byShape.set(shape(targetChildren, f), f);
    const pairs = [];
    for (const f of removed) {
        const twin = byShape.get(shape(sourceChildren, f));
        if (twin)
            pairs.push([f, twin]);
    }
    return pairs;
}
//# sourceMappingURL=look-alikes.js.map