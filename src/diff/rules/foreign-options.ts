import { quoteIdent, quoteLiteral } from '../../sql/quote.js';

export type Options = Record<string, string>;

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
