import { loadCommands, usage } from '../src/cli.js';
import { EXIT, exitCodeHelp } from '../src/app/exit-codes.js';
import { OPTIONS, shownDefault } from '../src/config/options.js';
import { GATE_CLASSES, type GateClass } from '../src/plan/classify-statement.js';
import { adviceFor, HAZARD_KINDS } from '../src/plan/hazard-advice.js';
import { LINT_RULES } from '../src/lint/lint-rules.js';

/**
 * The parts of README.md that are rendered from the code — each command's --help, the settings
 * table, the hazards, the lint rules, the exit codes — so the reference cannot drift from what the tool does. Each part sits
 * between `<!-- generated:<name> … -->` and `<!-- end generated:<name> -->`.
 */
const COMMANDS = await loadCommands();

const PARTS: Record<string, () => string> = {
  commands: () => {
    const table = ['| command | what it does |', '|---|---|', ...COMMANDS.map((c) => `| [\`${c.name}\`](#schema-bot-${c.name}) | ${escapeCell(c.summary)} |`)];
    // Folded: the helps are long, and the table above is what a reader scans first.
    const helps = COMMANDS.map((c) => [
      `#### schema-bot ${c.name}`,
      '',
      `<details><summary><code>schema-bot ${c.name} --help</code></summary>`,
      '',
      '```text',
      c.help,
      '```',
      '',
      '</details>',
    ].join('\n'));
    return [...table, '', '```text', usage(COMMANDS), '```', '', ...helps.flatMap((h) => [h, ''])].join('\n').trimEnd();
  },
  settings: () => {
    const cell = (text: string | undefined) => (text ? `\`${text}\`` : '—');
    return [
      '| `.schema-bot.yml` key | flag | environment variable | default | meaning |',
      '|---|---|---|---|---|',
      ...OPTIONS.map((o) => `| ${cell(o.file)} | ${cell(o.flag && `--${o.flag}`)} | ${cell(o.env)} | ${cell(shownDefault(o))} | ${escapeCell(o.help)} |`),
    ].join('\n');
  },
  hazards: () => [
    '| hazard | why it matters | safer alternative | gated |',
    '|---|---|---|---|',
    ...HAZARD_KINDS.map((kind) => {
      const advice = adviceFor(kind);
      return `| \`${kind}\` | ${escapeCell(advice.why)} | ${escapeCell(advice.safer)} | ${GATE_CLASSES.includes(kind as GateClass) ? 'by default (`gated`): computed from the statements' : 'no'} |`;
    }),
  ].join('\n'),
  'lint-rules': () => [
    '| rule | default | why | fix |',
    '|---|---|---|---|',
    ...LINT_RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${escapeCell(r.why)} | ${escapeCell(r.fix)} |`),
  ].join('\n'),
  'exit-codes': () => {
    const lines = exitCodeHelp(Object.keys(EXIT) as (keyof typeof EXIT)[]).split('\n').slice(1);
    return ['| code | meaning |', '|---:|---|', ...lines.map((l) => l.trim().replace(/^(\d+)\s+/, '| $1 | ') + ' |')].join('\n');
  },
};

/** Text for a markdown table cell: a pipe would end the cell, `<name>` would read as HTML. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const NOTE = 'rendered from the code by `npm run docs`; edit the code, not this';

/** README.md with every generated part rendered afresh; throws when a part's markers are missing. */
export function renderReadme(text: string): string {
  let result = text;
  for (const [name, render] of Object.entries(PARTS)) {
    const pattern = new RegExp(`<!-- generated:${name}\\b[^>]*-->\\n[\\s\\S]*?<!-- end generated:${name} -->`);
    if (!pattern.test(result)) throw new Error(`README.md lacks the markers of the generated part "${name}"`);
    result = result.replace(pattern, () => `<!-- generated:${name} (${NOTE}) -->\n${render()}\n<!-- end generated:${name} -->`);
  }
  return result;
}
