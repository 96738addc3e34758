import type { Queryable } from '../catalog/queryable.js';
import type { StatementRunner } from './load-schema.js';
import type { Statement } from './split-statements.js';
import { uncheckedBodies } from './unchecked-bodies.js';

type Session = Queryable & StatementRunner;
interface DefElem { defname?: string; arg?: { String?: { sval?: string } } }

const options = (s: Statement) => ((s.node.options as { DefElem?: DefElem }[] | undefined) ?? []).flatMap((o) => (o.DefElem ? [o.DefElem] : []));

/** The language a CREATE FUNCTION names; a SQL-standard body (BEGIN ATOMIC, RETURN) is SQL. */
function languageOf(s: Statement): string | undefined {
  const named = options(s).find((o) => o.defname === 'language')?.arg?.String?.sval;
  return named ?? (s.node.sql_body ? 'sql' : undefined);
}

/** The parameters a CREATE FUNCTION sets while the routine runs (its SET clauses). */
function settingsOf(s: Statement): string[] {
  return options(s).flatMap((o) => {
    const set = o.defname === 'set' ? (o.arg as { VariableSetStmt?: { name?: string } } | undefined)?.VariableSetStmt : undefined;
    return set?.name ? [set.name] : [];
  });
}

/**
 * Whether a CREATE FUNCTION may need more than the sandbox role: one in LANGUAGE internal, or one
 * that sets a parameter while it runs, which may be one only a superuser may set.
 */
export function mayNeedAdmin(s: Statement): boolean {
  return s.type === 'CreateFunctionStmt' && (languageOf(s) === 'internal' || settingsOf(s).length > 0);
}

/** The routines the current transaction made or replaced, with their signatures. */
const NEW_ROUTINE = `SELECT p.oid, p.oid::pg_catalog.regprocedure::text AS signature FROM pg_catalog.pg_proc p WHERE pg_catalog.age(p.xmin) = 0`;

/**
 * Runs a CREATE FUNCTION that mayNeedAdmin in a server shadow. The sandbox role tries first; what
 * it may not do, the admin session does, inside a transaction that keeps the routine only if it
 * gives the sandbox no power it lacks, and then hands it to the sandbox role, which owns the
 * database and may comment on, grant, alter and drop it like its other routines:
 *
 * - LANGUAGE internal binds a name to one of the server's own C functions. Called with arguments
 *   of other types, a result of another type or a NULL it does not expect, such a function reads
 *   memory as the wrong thing and can crash the server, so the routine must be a copy of a built-in
 *   in everything that decides how the C function is called (source, argument and result types,
 *   modes, set-returning, kind, variadic): calling it is then calling the built-in, which anyone
 *   may. Its owner may later make it CALLED ON NULL INPUT, so the built-in must not be strict,
 *   unless NULLs cannot reach it: a window function gets its arguments through its window, and a
 *   routine without arguments has none. LANGUAGE c, which loads any shared library into the
 *   server, and the other untrusted languages stay refused: their validator runs code.
 * - A SET of a parameter only a superuser may set (log_min_messages, session_replication_role, …)
 *   is checked when the routine is made, and applied when it runs as its caller's privileges allow:
 *   the sandbox role calling it still may not set the parameter. Only routines in a trusted
 *   language, without SUPPORT or LEAKPROOF, are made so, with their body checked by the sandbox.
 *
 * Either way the routine must go where the sandbox role may create one (not pg_catalog), replace
 * nothing but its own routines and use only types it may use. The sandbox's search_path is used,
 * so that its names mean what they meant to it. `checkBody` false makes it with its body unchecked,
 * as a load does a body written for an older grammar than the shadow's.
 */
export async function runFunctionStatement(shadow: { db: Session; admin: Session }, s: Statement, checkBody = true): Promise<void> {
  try {
    await (checkBody ? shadow.db : uncheckedBodies(shadow.db)).exec(s.sql);
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    const language = languageOf(s);
    if (language === 'internal') return runAsAdmin(shadow, s, vetInternal, checkBody);
    const superuserOnly = await superuserOnlySettings(shadow.admin, settingsOf(s));
    const support = options(s).some((o) => o.defname === 'support');
    if (superuserOnly.length === 0 || support || !(await isTrusted(shadow.admin, language))) throw error;
    await runAsAdmin(shadow, s, vetSettings, checkBody);
  }
}

async function superuserOnlySettings(admin: Queryable, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const { rows } = await admin.query<{ name: string }>(
    `SELECT name FROM pg_catalog.pg_settings WHERE name = ANY ($1::text[]) AND context = 'superuser'`, [names.map((n) => n.toLowerCase())]);
  return rows.map((r) => r.name);
}

async function isTrusted(admin: Queryable, language: string | undefined): Promise<boolean> {
  if (language === undefined) return false;
  const { rows } = await admin.query<{ trusted: boolean }>(`SELECT lanpltrusted AS trusted FROM pg_catalog.pg_language WHERE lanname = $1`, [language]);
  return rows[0]?.trusted === true;
}

/** Why the routine `oid` the admin just made may not be kept, or undefined when it may. */
type Vetting = (admin: Queryable, oid: number) => Promise<string | undefined>;

const vetInternal: Vetting = async (admin, oid) => {
  const { rows } = await admin.query<{ copies: number; safe: number; strict: string | null }>(`
    SELECT count(*)::int AS copies,
           count(*) FILTER (WHERE NOT b.proisstrict OR p.prokind = 'w' OR p.pronargs = 0)::int AS safe,
           min(b.oid::pg_catalog.regprocedure::text) AS strict
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_proc b ON b.oid < 16384 AND b.prolang = p.prolang AND b.prosrc = p.prosrc
      AND b.proargtypes = p.proargtypes AND b.prorettype = p.prorettype AND b.proretset = p.proretset
      AND b.proallargtypes IS NOT DISTINCT FROM p.proallargtypes AND b.proargmodes IS NOT DISTINCT FROM p.proargmodes
      AND b.prokind = p.prokind AND b.provariadic = p.provariadic
      AND (NOT p.proleakproof OR b.proleakproof) AND p.prosupport::oid IN (0, b.prosupport::oid)
    WHERE p.oid = $1`, [oid]);
  const { copies, safe, strict } = rows[0]!;
  if (copies === 0) return 'LANGUAGE internal must copy a built-in function: its C function, argument and result types, kind';
  if (safe === 0) return `${strict} is strict, and the routine's owner could let a NULL reach it (CALLED ON NULL INPUT)`;
  return undefined;
};

const vetSettings: Vetting = async (admin, oid) => {
  const { rows } = await admin.query<{ trusted: boolean; leakproof: boolean; support: boolean }>(`
    SELECT l.lanpltrusted AS trusted, p.proleakproof AS leakproof, p.prosupport <> 0 AS support
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_language l ON l.oid = p.prolang WHERE p.oid = $1`, [oid]);
  const r = rows[0]!;
  return !r.trusted ? 'its language is not trusted' : r.leakproof || r.support ? 'only a superuser may declare LEAKPROOF or SUPPORT' : undefined;
};

/**
 * Runs the statement on the admin session in a transaction that keeps the routine only if it is
 * made where the sandbox role could make one and `vet` finds nothing against it, handed to the
 * sandbox role. The sandbox's search_path and check_function_bodies are the admin's meanwhile, so
 * that names and bodies are read as the sandbox role would have read them (bodies not at all
 * unless `checkBody`).
 */
async function runAsAdmin(shadow: { db: Session; admin: Session }, s: Statement, vet: Vetting, checkBody: boolean): Promise<void> {
  const { admin } = shadow;
  const [{ rows: [session] }, { rows: [owner] }] = await Promise.all([
    shadow.db.query<{ path: string; bodies: string }>(
      `SELECT pg_catalog.current_setting('search_path') AS path, pg_catalog.current_setting('check_function_bodies') AS bodies`),
    admin.query<{ oid: number; role: string }>(
      `SELECT datdba AS oid, datdba::pg_catalog.regrole::text AS role FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()`),
  ]);
  await admin.exec('BEGIN');
  try {
    await admin.query(`SELECT pg_catalog.set_config('search_path', $1, true), pg_catalog.set_config('check_function_bodies', $2, true)`, [session!.path, checkBody ? session!.bodies : 'off']);
    await admin.exec(s.sql);
    const made = (await admin.query<{ oid: number; signature: string }>(NEW_ROUTINE)).rows;
    if (made.length !== 1) throw new Error('a CREATE FUNCTION the sandbox role may not run must make exactly one routine');
    const { oid, signature } = made[0]!;
    const refusal = (await placeRefusal(admin, oid, owner!.oid)) ?? (await vet(admin, oid));
    if (refusal) throw new Error(`not making function ${signature} in the shadow as a superuser: ${refusal}`);
    await admin.exec(`ALTER FUNCTION ${signature} OWNER TO ${owner!.role}`);
    await admin.exec('COMMIT');
  } catch (error) {
    await admin.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Why the routine `oid` is not one the sandbox role (`sandbox`, the database's owner) could have
 * had but for the privilege it lacked: in a schema where it may not create, replacing a routine
 * it does not own or an extension's, or with a type it may not use.
 */
async function placeRefusal(admin: Queryable, oid: number, sandbox: number): Promise<string | undefined> {
  const { rows } = await admin.query<{ schema: boolean; owner: boolean; extension: boolean; types: boolean }>(`
    SELECT pg_catalog.has_schema_privilege($2::pg_catalog.oid, p.pronamespace, 'CREATE') AS schema,
           p.proowner IN ($2::pg_catalog.oid, (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)) AS owner,
           EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                   AND d.objid = p.oid AND d.deptype = 'e') AS extension,
           NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(COALESCE(p.proallargtypes, p.proargtypes::pg_catalog.oid[]) || p.prorettype) t
                       WHERE NOT pg_catalog.has_type_privilege($2::pg_catalog.oid, t, 'USAGE')) AS types
    FROM pg_catalog.pg_proc p WHERE p.oid = $1`, [oid, sandbox]);
  const r = rows[0]!;
  if (!r.schema) return 'the sandbox role may not create in its schema';
  if (!r.owner || r.extension) return 'it replaces a routine the sandbox role does not own';
  if (!r.types) return 'it uses a type the sandbox role may not use';
  return undefined;
}
