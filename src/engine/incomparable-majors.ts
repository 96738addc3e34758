import type { Catalog } from '../catalog/fact.js';
import { isChanged } from '../diff/delta.js';
import { objectName } from '../diff/object-name.js';
import { majorOf } from '../sql/keywords.js';

/**
 * SQL-standard calls as PostgreSQL 14 and later store and print them. PostgreSQL 13 stores them as
 * calls of other functions (EXTRACT as date_part, which even returns another type; SUBSTRING as
 * "substring"; TRIM as btrim; AT TIME ZONE as timezone; COLLATION FOR as pg_collation_for), so the
 * same declaration reads differently, and no rewriting of text makes one the other.
 */
const SQL_STANDARD_CALL = /\b(?:EXTRACT|OVERLAY|POSITION|SUBSTRING|TRIM|NORMALIZE)\(|\bAT TIME ZONE\b|\bCOLLATION FOR\b|\bIS (?:NOT )?(?:NFK?[CD] )?NORMALIZED\b/;

/** The first major that stores SQL_STANDARD_CALL as written. */
const STORED_AS_WRITTEN = 14;

interface Side { catalog: Catalog; version: number }

/**
 * Refuses a diff that a difference between the two servers' majors would make wrong: an object that
 * differs where the side of PostgreSQL 14 or later holds a SQL-standard call, against a side of 13.
 * Such a diff would change the object on every run and never converge; the message names each one
 * and the way out, a shadow of the database's own major.
 */
export function refuseIncomparableMajors(database: Side, desired: Side): void {
  const [databaseMajor, desiredMajor] = [majorOf(database.version), majorOf(desired.version)];
  if ((databaseMajor < STORED_AS_WRITTEN) === (desiredMajor < STORED_AS_WRITTEN)) return;
  const newer = databaseMajor < STORED_AS_WRITTEN ? 'desired' : 'database';
  const objects: string[] = [];
  for (const [id, from] of database.catalog) {
    const to = desired.catalog.get(id);
    if (!to || !isChanged(from, to)) continue;
    if (SQL_STANDARD_CALL.test(JSON.stringify((newer === 'desired' ? to : from).payload))) objects.push(objectName(to));
  }
  if (objects.length === 0) return;
  throw new Error(
    `the database runs PostgreSQL ${databaseMajor} and the shadow PostgreSQL ${desiredMajor}, which store SQL-standard ` +
      `calls (EXTRACT, SUBSTRING, TRIM, POSITION, OVERLAY, AT TIME ZONE, …) as different functions, so these objects ` +
      `cannot be compared: ${objects.join(', ')}; use --shadow-url with a PostgreSQL ${databaseMajor} server`,
  );
}
