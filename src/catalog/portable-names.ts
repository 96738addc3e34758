import { loadModule, parseSync } from 'libpg-query';
import { KEYWORD_SINCE, majorOf, nameUntilLater, SETTLED_GRAMMAR } from '../sql/keywords.js';
import { quoteIdent } from '../sql/quote.js';
import { deparsedTokens, type DeparsedToken } from './deparsed-tokens.js';

/**
 * What a text read from the catalog is. `name` is what format_type, regproc, regprocedure and
 * quote_ident write: names, and types of which the only bare `json` is the built-in type. Deparsed
 * SQL (the others) is parsed, where a bare `json` could be either, inside what makes it a statement.
 */
export type DeparsedShape = 'name' | 'statement' | 'expression' | 'constraint' | 'index' | 'partition-key' | 'arguments' | 'result';

const AROUND: Record<Exclude<DeparsedShape, 'name'>, [string, string]> = {
  statement: ['', ''],
  expression: ['SELECT ', ''],
  constraint: ['ALTER TABLE t ADD ', ''],
  index: ['CREATE INDEX i ON ', ''],
  'partition-key': ['CREATE TABLE t () PARTITION BY ', ''],
  arguments: ['DROP FUNCTION f(', ')'],
  result: ['CREATE FUNCTION f() RETURNS ', " AS ''"],
};

/** A name as long as `json` and a keyword on no major, standing in for one while the text is parsed. */
const STAND_IN = 'j0sn';

/** A first look for the words of keywords.ts, before any text is read token by token. */
const MAY_HOLD = new RegExp(`\\b(?:${[...KEYWORD_SINCE.keys()].join('|')})\\b`);

type Verdict = 'name' | 'type' | 'unknown';

/** Loads the parser before a catalog read whose texts portableNames may have to parse: a server before SETTLED_GRAMMAR's. */
export async function readyForPortableNames(serverVersionNum: number): Promise<void> {
  if (majorOf(serverVersionNum) < SETTLED_GRAMMAR) await loadModule();
}

interface Edit { start: number; end: number; text: string }

/**
 * Catalog text as PostgreSQL `serverVersionNum` wrote it, with every name quoted that some
 * supported major's grammar reads as a keyword. A server quotes only its own keywords: 15 writes
 * `test.json(json json)` where 18 writes `test."json"("json" json)`, the only form 17 and 18
 * parse. Quoted alike, both servers' texts compare equal, and SQL made from either (a plan, a dump)
 * loads on every major. The deparser writes keywords in upper case, so a word in lower case is a
 * name, except a bare `json`, which may be the built-in type: after `::`, RETURNS or SETOF it is,
 * next to a dot or before a parenthesis it is a name, and elsewhere (a parameter's name or type, a
 * column, an alias) the parser says. A function's string body is its author's text, left as written.
 */
export function portableNames<T extends string | null | undefined>(text: T, serverVersionNum: number, shape: DeparsedShape): T {
  const major = majorOf(serverVersionNum);
  if (!text || major >= SETTLED_GRAMMAR || !MAY_HOLD.test(text)) return text;
  const { skeleton, body } = withoutBody(text, shape);
  const written = body ? skeleton.toString('utf8') : text;
  if (body && !MAY_HOLD.test(written)) return text;
  const tokens = deparsedTokens(written);
  if (!tokens) return text;
  const verdicts = new Map<DeparsedToken, Verdict>();
  tokens.forEach((t, i) => {
    if (t.type === 'word' && t.text === t.value && nameUntilLater(t.value, major)) verdicts.set(t, verdictOf(tokens, i, shape));
  });
  if (verdicts.size === 0) return text;
  const unknown = [...verdicts].filter(([, v]) => v === 'unknown').map(([t]) => t);
  if (unknown.length && shape !== 'name') {
    const types = typesAmong(skeleton, verdicts, shape);
    for (const t of unknown) if (types) verdicts.set(t, types.has(t) ? 'type' : 'name');
  }
  const edits = [...verdicts].filter(([, v]) => v === 'name').map(([t]): Edit => ({ start: t.start, end: t.end, text: quoteIdent(t.value!) }));
  if (body) edits.push(body);
  return applyEdits(skeleton, edits).text as T;
}

/**
 * The text with a function definition's dollar-quoted body replaced by `''`, and the edit that puts
 * it back: pg_get_functiondef writes it after `AS` between `$function$` (or `$procedure$`, with x's
 * added until the tag is not in the body).
 */
function withoutBody(text: string, shape: DeparsedShape): { skeleton: Buffer; body?: Edit } {
  const open = shape === 'statement' ? /\nAS (\$(?:function|procedure)x*\$)/.exec(text) : null;
  if (!open) return { skeleton: Buffer.from(text, 'utf8') };
  const tag = open[1]!;
  const start = open.index + open[0].length - tag.length;
  const end = text.lastIndexOf(tag) + tag.length;
  const at = Buffer.byteLength(text.slice(0, start));
  return {
    skeleton: Buffer.from(`${text.slice(0, start)}''${text.slice(end)}`, 'utf8'),
    body: { start: at, end: at + 2, text: text.slice(start, end) },
  };
}

/** Words a parameter's or a column definition's name follows, in a signature or a column list. */
const BEFORE_DEFINITION = new Set(['(', ',', 'IN', 'OUT', 'INOUT', 'VARIADIC']);

/** A name as the deparser writes one: quoted, or a word in lower case (keywords are in upper case). */
const isName = (t: DeparsedToken | undefined) => t !== undefined && (t.type === 'name' || (t.type === 'word' && t.text === t.value));

/**
 * What a bare word of keywords.ts is where it stands, as far as its neighbours tell: `json` is the
 * type after `::`, RETURNS or SETOF, and after the name of a parameter or of a column of a column
 * list (`(x json`); a name next to a dot, before a parenthesis or before a name (`(json text`).
 */
function verdictOf(tokens: DeparsedToken[], i: number, shape: DeparsedShape): Verdict {
  const [previous, before, after] = [tokens[i - 2], tokens[i - 1], tokens[i + 1]];
  if (tokens[i]!.value !== 'json' || before?.text === '.' || after?.text === '.' || after?.text === '(' || isName(after)) return 'name';
  if (shape === 'name' || ['::', 'RETURNS', 'SETOF'].includes(before?.text ?? '')) return 'type';
  if (isName(before) && BEFORE_DEFINITION.has(previous?.text ?? '')) return 'type';
  return 'unknown';
}

/**
 * Of the bare `json`s nothing decided yet, those the parser reads as a type: each stands in as
 * another name, every other name is quoted, and the whole is parsed inside what makes it a
 * statement; a type name at one's place makes it the type. Undefined when that does not parse.
 */
function typesAmong(skeleton: Buffer, verdicts: Map<DeparsedToken, Verdict>, shape: Exclude<DeparsedShape, 'name'>): Set<DeparsedToken> | undefined {
  const [before, after] = AROUND[shape];
  const judged = [...verdicts];
  const { text, starts } = applyEdits(skeleton, judged.map(([t, v]) => ({ start: t.start, end: t.end, text: v === 'unknown' ? STAND_IN : v === 'name' ? quoteIdent(t.value!) : t.text })));
  const standIns = new Map(judged.flatMap(([t, v], i): [number, DeparsedToken][] => (v === 'unknown' ? [[starts[i]! + Buffer.byteLength(before), t]] : [])));
  let tree: unknown;
  try {
    tree = parseSync(before + text + after);
  } catch {
    return undefined;
  }
  const types = new Set<DeparsedToken>();
  visitTypeNames(tree, (location) => {
    const t = standIns.get(location);
    if (t) types.add(t);
  });
  return types;
}

/** Calls `onType` with the location of every type name of a parse tree (a node with `names` and `typemod`). */
function visitTypeNames(node: unknown, onType: (location: number) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visitTypeNames(child, onType);
  } else if (node && typeof node === 'object') {
    const fields = node as Record<string, unknown>;
    if (Array.isArray(fields.names) && 'typemod' in fields && typeof fields.location === 'number') onType(fields.location);
    for (const value of Object.values(fields)) visitTypeNames(value, onType);
  }
}

/** The text with each byte range replaced, and where each replacement starts in it (in the edits' order). */
function applyEdits(bytes: Buffer, edits: Edit[]): { text: string; starts: number[] } {
  const order = edits.map((_, i) => i).sort((a, b) => edits[a]!.start - edits[b]!.start);
  const starts: number[] = [];
  const parts: string[] = [];
  let last = 0;
  let length = 0;
  for (const i of order) {
    const edit = edits[i]!;
    const between = bytes.toString('utf8', last, edit.start);
    length += Buffer.byteLength(between);
    starts[i] = length;
    parts.push(between, edit.text);
    length += Buffer.byteLength(edit.text);
    last = edit.end;
  }
  parts.push(bytes.toString('utf8', last));
  return { text: parts.join(''), starts };
}
