import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { RELEASE_TAG, REPO_ROOT, TEMPLATE_FILE } from './template-project.js';

interface InputSpec {
  description?: string;
  type?: 'string' | 'boolean' | 'number' | 'array';
  default?: unknown;
  regex?: string;
  options?: unknown[];
}

const text = readFileSync(TEMPLATE_FILE, 'utf8');
const documents = parseAllDocuments(text);
const header = documents[0]!.toJS() as { spec: { inputs: Record<string, InputSpec> } };
const declared = header.spec.inputs;
// The jobs document, keys and values, without its comments: where inputs are used.
const body = JSON.stringify(documents[1]!.toJS());
const used = new Set([...body.matchAll(/\$\[\[\s*inputs\.([\w-]+)\s*\]\]/g)].map((m) => m[1]!));

describe('the inputs of .gitlab-ci-template.yml', () => {
  it('is a header of inputs and one document of jobs, both valid YAML', () => {
    expect(documents).toHaveLength(2);
    expect(documents.flatMap((d) => d.errors)).toEqual([]);
    expect(Object.keys(header)).toEqual(['spec']);
  });

  it('declares every input it uses and uses every input it declares', () => {
    expect([...used].filter((name) => !(name in declared))).toEqual([]);
    expect(Object.keys(declared).filter((name) => !used.has(name))).toEqual([]);
  });

  it('describes each input and gives it a default of its type that passes its own checks', () => {
    for (const [name, spec] of Object.entries(declared)) {
      expect(spec.description?.length ?? 0, `${name} needs a description`).toBeGreaterThan(20);
      expect(spec.default, `${name} needs a default: the include works without inputs`).toBeDefined();
      expect(typeof spec.default, name).toBe(spec.type ?? 'string');
      if (spec.regex) expect(String(spec.default), name).toMatch(new RegExp(spec.regex));
      if (spec.options) expect(spec.options, name).toContain(spec.default);
    }
  });

  it('fetches the version of schema-bot this checkout is, from no package registry', () => {
    expect(declared['schema-bot-ref']?.default).toBe(RELEASE_TAG);
    expect(declared.command?.default).not.toMatch(/npx|npm/);
  });

  it('is listed in the README with its default, input by input', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## GitLab setup');
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end === -1 ? undefined : end);
    const rows = new Map([...section.matchAll(/^\| `([\w-]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    for (const [name, spec] of Object.entries(declared)) {
      expect(rows.get(name), `README row of ${name}`).toBe(spec.default === '' ? '(empty)' : `\`${String(spec.default)}\``);
    }
    expect([...rows.keys()].sort()).toEqual(Object.keys(declared).sort());
  });
});
