/**
 * One copy of each equal string a kind's rows repeat: every row of a query arrives with its own
 * copy of its schema and table names, and a fact built from it keeps them (and the table's id)
 * for as long as the catalog lives. A table's constraints and indexes sharing those strings keeps
 * a catalog of 5,000 tables a few MB smaller on each side of a diff.
 */
export function sharedStrings(): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const shared = seen.get(value);
    if (shared !== undefined) return shared;
    seen.set(value, value);
    return value;
  };
}
