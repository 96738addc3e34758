import { quoteIdent, quoteLiteral } from '../../sql/quote.js';

/** The options of a foreign data wrapper, server, table or foreign column, by name. */
export type Options = Record<string, string>;

/**
 * A `key=value` option array (fdwoptions, srvoptions, ftoptions, attfdwoptions) as a JSON object,
 * `{}` when there is none: a value may itself hold `=`, so only the first one splits.
 */
export function optionsObject(column: string): string {
  return `COALESCE((SELECT pg_catalog.json_object_agg(pg_catalog.split_part(o, '=', 1), pg_catalog.substr(o, pg_catalog.strpos(o, '=') + 1))
                    FROM pg_catalog.unnest(${column}) AS o), '{}')`;
}

/** ` OPTIONS (host 'db', port '5432')` for CREATE, empty when there are none. */
export function optionsClause(options: Options): string {
  const entries = Object.entries(options);
  return entries.length ? ` OPTIONS (${entries.map(([k, v]) => `${quoteIdent(k)} ${quoteLiteral(v)}`).join(', ')})` : '';
}

/** ` OPTIONS (DROP a, SET b '2', ADD c '3')` turning `from` into `to` for ALTER, empty when equal. */
export function alterOptionsClause(from: Options, to: Options): string {
  const changes = [
    ...Object.keys(from).filter((k) => !(k in to)).map((k) => `DROP ${quoteIdent(k)}`),
    ...Object.entries(to)
      .filter(([k, v]) => from[k] !== v)
      .map(([k, v]) => `${k in from ? 'SET' : 'ADD'} ${quoteIdent(k)} ${quoteLiteral(v)}`),
  ];
  return changes.length ? ` OPTIONS (${changes.join(', ')})` : '';
}
