import { createHash } from 'node:crypto';
/** JSON with object keys sorted, so equal values always serialise to equal text. */
export function canonicalJson(value) {
    if (value === null || typeof value !== 'object')
        return JSON.stringify(value);
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}
/**
 * sha256 over every fact's id and payload in id order. Payloads hold no OIDs and no
 * version-specific text, so the same schema has the same fingerprint on every server.
 */
export function fingerprint(catalog) {
    const hash = createHash('sha256');
    for (const id of [...catalog.keys()].sort()) {
        hash.update(`${id}\t${canonicalJson(catalog.get(id).payload)}\n`);
    }
    return `sha256:${hash.digest('hex')}`;
}
//# sourceMappingURL=fingerprint.js.map