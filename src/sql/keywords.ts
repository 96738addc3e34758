/**
 * Words that a supported major after the oldest (13) made keywords a name can no longer be
 * everywhere (any category but "unreserved"), by the first major that reads them so; before it they
 * are plain names. Read from pg_get_keywords() on 13, 14, 15, 16, 17 and 18: no other word changed
 * between "a name everywhere" and not, and none went the other way. `json` was an unreserved
 * keyword in 16 (IS JSON, FORMAT JSON) and a name everywhere else, and became a column-name
 * keyword in 17.
 */
export const KEYWORD_SINCE: ReadonlyMap<string, number> = new Map([
  ['json_array', 16], ['json_arrayagg', 16], ['json_object', 16], ['json_objectagg', 16], ['system_user', 16],
  ['json', 17], ['json_exists', 17], ['json_query', 17], ['json_scalar', 17], ['json_serialize', 17], ['json_table', 17],
  ['json_value', 17], ['merge_action', 17],
]);

/** The first major whose keywords include every word above: its grammar reads names as every later one does. */
export const SETTLED_GRAMMAR = Math.max(...KEYWORD_SINCE.values());

/** Whether PostgreSQL `major` reads `word` (lower case) as a plain name where a later major reads a keyword. */
export function nameUntilLater(word: string, major: number): boolean {
  const since = KEYWORD_SINCE.get(word);
  return since !== undefined && major < since;
}

/** The major of a server_version_num (150004 → 15). */
export const majorOf = (serverVersionNum: number) => Math.floor(serverVersionNum / 10000);
