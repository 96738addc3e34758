/** `server_version_num` (150004 for 15.4), for kinds whose catalog columns came with a release. */
export async function serverVersionNum(db) {
    const { rows } = await db.query(`SELECT pg_catalog.current_setting('server_version_num') AS v`);
    return Number(rows[0].v);
}
//# sourceMappingURL=server-version.js.map