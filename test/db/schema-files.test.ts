import { afterEach, describe, expect, it } from 'vitest';
import { resolveSchemaFiles, SchemaPathError } from '../../src/db/schema-files.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('schema files', () => {
  it('takes the union of several paths (a directory, a file, a glob), each file once', async () => {
    const dir = await tempDir({ 'schema/a.sql': '', 'schema/sub/b.sql': '', 'extra/c.sql': '', 'extra/d.sql': '', 'extra/notes.txt': '' });
    cleanups.push(dir.remove);
    expect(await resolveSchemaFiles(['schema', 'extra/c.sql', 'extra/*.sql'], dir.path)).toEqual(['extra/c.sql', 'extra/d.sql', 'schema/a.sql', 'schema/sub/b.sql']);
    await expect(resolveSchemaFiles(['schema', 'missing/'], dir.path)).rejects.toThrow(SchemaPathError);
  });
});
