import { parseArgs } from 'node:util';
import { runDemo } from '../demo/run-demo.js';
import { type Command } from './command.js';
import { exitCodeHelp } from '../app/exit-codes.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'the whole flow on this machine: embedded production, a git remote, merge requests as files',
  help: `Usage: schema-bot demo [--keep]

Runs the bot's whole job with nothing installed but Node:

  1. production is an embedded PostgreSQL (PGlite) served on a loopback port, holding version 1
     of a small task tracker with some rows;
  2. a temporary git repository with a bare remote gets schema/ version 2, which drops the column
     users.password_md5 and adds the table task_comments, and a .schema-bot.yml naming an approver;
  3. \`schema-bot run --host local\` plans the change: pending.sql on a new branch and a merge
     request written as a markdown file, with the DROP flagged as deleting data;
  4. the merge request is merged with git;
  5. \`schema-bot run\` refuses to apply it (exit 5): it deletes data and nobody approved;
  6. the approver adds their name to the merge request file;
  7. \`schema-bot run\` applies the plan, removes pending.sql from main and comments.

It then checks production and the remote, and removes its temporary files.

Options:
  --keep      keep the temporary directory (its path is printed) to look around afterwards: the
              remote, the checkouts with the merge request files, and production as a PGlite
              data directory (open it with new PGlite('<dir>/production'))
  -h, --help  show this help

${exitCodeHelp(['ok', 'error'])}`,

  async run({ argv, stdout }) {
    const { values } = parseArgs({ args: argv, options: { keep: { type: 'boolean' } }, strict: true });
    return (await runDemo({ stdout, keep: values.keep ?? false })).code;
  },
};
