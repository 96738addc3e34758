import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
export class SchemaPathError extends Error {
}
/**
 * The files `--schema` arguments name, together: each a directory (its `*.sql`, recursively), a
 * single file, or a glob. Sorted, so messages and loading are the same on every machine; loading
 * does not rely on the order for dependencies.
 */
export async function resolveSchemaFiles(specs, cwd = process.cwd()) {
    const lists = await Promise.all((Array.isArray(specs) ? specs : [specs]).map((spec) => filesOf(spec, cwd)));
    return [...new Set(lists.flat())].sort();
}
async function filesOf(spec, cwd) {
    const absolute = path.resolve(cwd, spec);
    const info = await stat(absolute).catch(() => undefined);
    let files;
    if (info?.isDirectory())
        files = await glob('**/*.sql', { cwd: absolute, absolute: true });
    else if (info?.isFile())
        files = [absolute];
    else
        files = await glob(spec, { cwd, absolute: true });
    if (files.length === 0) {
        throw new SchemaPathError(info ? `no .sql files in ${spec}` : `schema path ${spec} does not exist and matches no files`);
    }
    return files.map((f) => path.relative(cwd, f) || f);
}
//# sourceMappingURL=schema-files.js.map