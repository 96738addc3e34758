/**
 * A `key=value` option array (fdwoptions, srvoptions, ftoptions, attfdwoptions) as a JSON object,
 * `{}` when there is none: a value may itself hold `=`, so only the first one splits.
 */
export function optionsObject(column: string): string {
  return `COALESCE((SELECT pg_catalog.json_object_agg(pg_catalog.split_part(o, '=', 1), pg_catalog.substr(o, pg_catalog.strpos(o, '=') + 1))
                    FROM pg_catalog.unnest(${column}) AS o), '{}')`;
}
