/**
 * SQL that removes from deparsed text (pg_get_expr, pg_get_constraintdef, pg_get_indexdef, …) what
 * one PostgreSQL major prints and another does not for the same object, so one schema reads alike
 * on every server and in PGlite. `text` is an SQL expression of type text.
 *
 * - PostgreSQL 16 added XMLSERIALIZE(… INDENT) and prints the default, NO INDENT, which older
 *   majors never print. Dropping it keeps the meaning on every major. Only text that holds an
 *   XMLSERIALIZE is touched, so a string literal elsewhere cannot be rewritten.
 *
 * Not normalisable here: before 14, SQL-standard function syntax deparses as plain calls
 * (EXTRACT as date_part, SUBSTRING as "substring"(…), AT TIME ZONE as timezone(…), …), and
 * EXTRACT even returns another type; a PostgreSQL 13 target needs a same-version shadow for them.
 */
export function portableDeparse(text: string): string {
  // PostgreSQL evaluates an expression once per mention: `text` is deparsed once, in a subquery that
  // OFFSET 0 keeps from being folded back into the CASE (deparsing is most of a catalog read).
  return `(SELECT CASE WHEN deparsed.text LIKE '%XMLSERIALIZE(%'
    THEN pg_catalog.regexp_replace(deparsed.text, ' NO INDENT\\)', ')', 'g') ELSE deparsed.text END
    FROM (SELECT ${text} AS text OFFSET 0) deparsed)`;
}
