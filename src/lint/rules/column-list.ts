/**
 * The columns of the first parenthesised list in a definition as the catalog prints it
 * (`FOREIGN KEY (a, "B") REFERENCES …`, `public.t USING btree (a, lower(b)) WHERE …`), unquoted.
 * An element that is an expression, not a plain column, is undefined: it covers no column.
 */
export function columnList(definition: string): (string | undefined)[] {
  const open = definition.indexOf('(');
  if (open < 0) return [];
  const elements: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = open + 1;
  for (let i = open + 1; i < definition.length; i++) {
    const c = definition[i];
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) {
      elements.push(definition.slice(start, i));
      break;
    } else if (c === ',' && depth === 0) {
      elements.push(definition.slice(start, i));
      start = i + 1;
    }
  }
  return elements.map(plainColumn);
}

/** `a`, `"B"`, `a DESC`, `a text_pattern_ops`: the column; `lower(b)`, `(a + 1)`: undefined. */
function plainColumn(element: string): string | undefined {
  const match = /^\s*(?:"((?:[^"]|"")*)"|([a-z_][a-z0-9_$]*))(?:\s|$)/.exec(`${element} `);
  if (!match || element.includes('(')) return undefined;
  return match[1] !== undefined ? match[1].replaceAll('""', '"') : match[2];
}
