/**
 * A table and an index for each feature an index can have that every supported major (13 on)
 * knows: methods, expressions, collation and order, partial, INCLUDE, storage, operator class.
 */
export const INDEXED_TABLE = 'create table t (id int, a text, b int, r int4range, tags int[], doc tsvector);';

export const EVERY_INDEX_FEATURE = `${INDEXED_TABLE}
  create unique index t_partial on t (id) where b > 0;
  create index t_expr on t (lower(a) collate "C" desc nulls first, b);
  create index t_gin on t using gin (tags);
  create index t_gist on t using gist (r);
  create index t_brin on t using brin (id) with (pages_per_range = 16);
  create index t_hash on t using hash (a);
  create index t_fts on t using gin (doc);
  create unique index t_include on t (id) include (a, b) with (fillfactor = 70);
  create index t_opclass on t (a text_pattern_ops);`;
