import { readFile, writeFile } from 'node:fs/promises';
import { renderReadme } from './readme-reference.js';

/** `npm run docs`: renders the reference parts of README.md from the code. */
const file = new URL('../README.md', import.meta.url);
const before = await readFile(file, 'utf8');
const after = renderReadme(before);
await writeFile(file, after);
process.stdout.write(after === before ? 'README.md is up to date\n' : 'README.md updated\n');
