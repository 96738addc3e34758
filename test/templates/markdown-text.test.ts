import { marked, type Token } from 'marked';
import { expect, it } from 'vitest';
import { loadTemplates } from '../../src/templates/render.js';

const EVIL_AUTHOR = '<img src=x onerror=alert(1)> [x](http://evil)';
const EVIL_SUBJECT = '@everyone *look* `here` | _now_ ![i](http://evil/i.png)';

/** The comment as a markdown parser reads it: every token, and the rendered HTML. */
function parse(markdown: string) {
  const tokens: Token[] = [];
  marked.walkTokens(marked.lexer(markdown), (t) => void tokens.push(t));
  const texts = (type: string) => tokens.filter((t) => t.type === type).map((t) => (t as { text: string }).text);
  return { types: new Set(tokens.map((t) => t.type)), code: texts('code'), codespans: texts('codespan'), html: marked.parse(markdown) as string };
}

it('shows commit authors and subjects literally in the kept-commits comment: no HTML, link, emphasis or mention', async () => {
  const templates = await loadTemplates();
  const comment = templates.comment('kept-commits', { branch: 'change-schema-1', file: 'pending.sql', commits: [{ sha: 'abc123', author: EVIL_AUTHOR, subject: EVIL_SUBJECT }] });
  const { types, codespans, html } = parse(comment);
  for (const type of ['html', 'link', 'image', 'em', 'strong', 'table']) expect(types).not.toContain(type);
  expect(codespans).toEqual(['change-schema-1', 'pending.sql', 'schema/*.sql']);
  expect(html).not.toContain('<img');
  expect(html).not.toMatch(/@everyone/);
  // What a reader sees is what the person wrote (entities and escapes undone, the zero-width space aside).
  const seen = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&#8203;|\u200b/g, '');
  expect(seen).toContain(`abc123 ${EVIL_SUBJECT} (${EVIL_AUTHOR})`);
});

it('puts a failed check’s problems in fenced blocks their text cannot close', async () => {
  const templates = await loadTemplates();
  const problem = 'relation "x" does not exist\n```\n<script>alert(1)</script> @everyone\n## heading';
  const comment = templates.comment('check', { ok: false, problems: [problem], file: 'pending.sql', source: 'abc' });
  const { types, code } = parse(comment);
  expect(code).toEqual([problem]);
  expect(types).not.toContain('html');
  expect(types).not.toContain('heading');
});
