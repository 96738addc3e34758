import { isUserSchema } from './scope.js';

/**
 * Every user object that has an owner, whatever catalog it lives in, as rows of: its catalog
 * address (`classid`, `objid`, `objsubid`), `owner`, its ACL (`acl`) with the letter acldefault
 * knows its kind by (`type`, null where the kind carries no privileges), and for a column its
 * name (`column_name`). Columns with privileges of their own come as rows of their table.
 */
export const OWNED_OBJECTS = `
  SELECT * FROM (
    SELECT 'pg_class'::regclass AS classid, c.oid AS objid, 0 AS objsubid, c.relowner AS owner,
           CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char" AS type, c.relacl AS acl,
           NULL::name AS column_name, n.nspname
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    UNION ALL
    SELECT 'pg_class'::regclass, c.oid, a.attnum, c.relowner, 'c', a.attacl, a.attname, n.nspname
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    -- the kinds that can carry column privileges: without them, every index's and TOAST table's
    -- columns were searched for an ACL
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'pg_namespace'::regclass, n.oid, 0, n.nspowner, 'n', n.nspacl, NULL, n.nspname
    FROM pg_catalog.pg_namespace n
    UNION ALL
    SELECT 'pg_proc'::regclass, p.oid, 0, p.proowner, 'f', p.proacl, NULL, n.nspname
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    UNION ALL
    -- array types and tables' row types follow their element and table
    SELECT 'pg_type'::regclass, t.oid, 0, t.typowner, 'T', t.typacl, NULL, n.nspname
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    LEFT JOIN pg_catalog.pg_class tc ON tc.oid = t.typrelid
    WHERE (t.typtype = 'd' OR t.typcategory <> 'A') AND (tc.relkind IS NULL OR tc.relkind = 'c')
    UNION ALL
    SELECT 'pg_collation'::regclass, c.oid, 0, c.collowner, NULL, NULL, NULL, n.nspname
    FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
    UNION ALL
    SELECT 'pg_statistic_ext'::regclass, s.oid, 0, s.stxowner, NULL, NULL, NULL, n.nspname
    FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
    UNION ALL
    SELECT 'pg_foreign_data_wrapper'::regclass, w.oid, 0, w.fdwowner, 'F', w.fdwacl, NULL, NULL
    FROM pg_catalog.pg_foreign_data_wrapper w
    UNION ALL
    SELECT 'pg_foreign_server'::regclass, s.oid, 0, s.srvowner, 'S', s.srvacl, NULL, NULL
    FROM pg_catalog.pg_foreign_server s
    UNION ALL
    SELECT 'pg_event_trigger'::regclass, e.oid, 0, e.evtowner, NULL, NULL, NULL, NULL FROM pg_catalog.pg_event_trigger e
    UNION ALL
    SELECT 'pg_publication'::regclass, p.oid, 0, p.pubowner, NULL, NULL, NULL, NULL FROM pg_catalog.pg_publication p
  ) o
  WHERE (o.nspname IS NULL OR ${isUserSchema('o.nspname')})
    AND (o.objid >= 16384 OR o.classid = 'pg_namespace'::regclass)`;
