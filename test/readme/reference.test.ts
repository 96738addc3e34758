import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../../scripts/readme-reference.js';

describe('README.md', () => {
  it('holds the reference as the code renders it: commands, settings, hazards, exit codes', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme, 'README.md is out of date with the code: run `npm run docs` and commit README.md').toBe(renderReadme(readme));
  });

  it('fails loudly when a generated part lost its markers', () => {
    expect(() => renderReadme('# a README without the reference\n')).toThrow(/lacks the markers of the generated part "commands"/);
  });
});
