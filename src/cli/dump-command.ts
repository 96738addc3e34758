import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrlOf, FLAG_SPELLING } from '../app/settings.js';
import { UsageError } from '../app/usage-error.js';
import { extractCatalog } from '../engine/read-catalog.js';
import { requirePathInRepository } from '../config/load-config.js';
import { connect } from '../db/connect.js';
import { boundedRead } from '../engine/bounded-read.js';
import { dumpSchema } from '../engine/dump-schema.js';
import { READ_LOCK_WAITS } from '../engine/lock-retries.js';
import { type Command } from './command.js';
import { exitCodeHelp } from '../app/exit-codes.js';

export const dumpCommand: Command = {
  name: 'dump',
  summary: 'write a database\'s schema as SQL files to keep in the repository',
  help: `Usage: schema-bot dump [--database-url URL] [--out DIR] [--force]

Writes the schema of the database at --database-url as SQL files under --out: one file per table
(tables/<schema>.<table>.sql, with its columns, constraints, indexes, owned sequences and comments)
and one file per other kind of object (schemas.sql, extensions.sql, …). Loading the files into an
empty database gives the same catalog, so this is how a team adopts schema-bot on an existing
database: dump production once, commit the files, and edit them from then on.

Options:
  --database-url URL  the database to read (default: $DATABASE_URL)
  --out DIR           the directory to write, inside the current directory (no symbolic link
                      leading out of it) (default: schema/)
  --force             write even if DIR already holds .sql files (they are overwritten or kept)
  -h, --help          show this help

${exitCodeHelp(['ok', 'error'])}`,

  async run({ argv, env, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: {
        'database-url': { type: 'string' },
        out: { type: 'string', default: 'schema' },
        force: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const databaseUrl = databaseUrlOf({ values, env, spelling: FLAG_SPELLING });
    const out = await requirePathInRepository(process.cwd(), values.out!, '--out');
    const existing = await readdir(out, { recursive: true }).catch(() => [] as string[]);
    if (!values.force && existing.some((f) => f.endsWith('.sql'))) {
      throw new UsageError(`${values.out} already holds .sql files; pass --force to write over them`);
    }
    const db = await connect(databaseUrl);
    const read = () => extractCatalog(db);
    const catalog = await boundedRead(db, databaseUrl, READ_LOCK_WAITS, (m) => stderr(`${m}\n`), read).finally(() => db.close());
    const files = dumpSchema(catalog);
    for (const file of files) {
      const target = path.join(out, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.sql);
    }
    stderr(`wrote ${files.length} file(s) for ${catalog.size} object(s) to ${values.out}\n`);
    return 0;
  },
};
