import path from 'node:path';
/** The configured schema paths, taken relative to the checkout rather than the process's directory. */
export function schemaPaths(ctx) {
    return ctx.config.schema.map((p) => path.resolve(ctx.repo.dir, p));
}
//# sourceMappingURL=schema-paths.js.map