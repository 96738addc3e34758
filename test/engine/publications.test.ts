import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';
import { convergesThrough, type EngineCase } from '../support/engine-case.js';

const tables = `
  create schema sales;
  create table a (id int primary key, v text, secret text);
  create table b (id int primary key);
  create table sales.orders (id int primary key);`;

describe.each(SHADOW_KINDS)('publications through a %s shadow', (shadow) => {
  const cases: EngineCase[] = [
    ['creates a publication for all tables with options', tables,
      tables + `create publication everything for all tables with (publish = 'insert, update', publish_via_partition_root = true);`,
      ['CREATE PUBLICATION']],
    ['creates publications of tables with a column list and a row filter, and of a schema', tables,
      tables + `create publication listed for table a (id, v) where (id > 10), table b;
                create publication in_schema for tables in schema sales, table b;`, ['CREATE PUBLICATION']],
    ['changes the tables of a publication in place', tables + 'create publication p for table a, b;',
      tables + 'create publication p for table b (id) where (id > 0), table a;', ['ALTER PUBLICATION']],
    ['empties a publication', tables + 'create publication p for table a, tables in schema sales;', tables + 'create publication p;',
      ['ALTER PUBLICATION']],
    ['changes what a publication publishes', tables + 'create publication p for table a;',
      tables + `create publication p for table a with (publish = 'delete');`, ['ALTER PUBLICATION']],
    ['turns a publication of tables into one for all tables', tables + 'create publication p for table a;',
      tables + 'create publication p for all tables;', ['CREATE PUBLICATION', 'DROP PUBLICATION']],
    ['lets go of a column in a row filter before dropping it', tables + 'create publication p for table a where (secret is null);',
      tables.replace(', secret text', '') + 'create publication p for table a;', ['ALTER PUBLICATION', 'ALTER TABLE DROP COLUMN']],
    ['drops a publication and a table it publishes', tables + 'create publication p for table a, b;',
      tables.replace('create table b (id int primary key);', ''), ['DROP PUBLICATION', 'DROP TABLE']],
  ];
  it.each(cases)('%s', convergesThrough(shadow));

  it('adds a new table to a publication after creating it, with ALTER PUBLICATION', async () => {
    const result = await converge(tables + 'create publication p for table a;',
      tables + 'create table c (id int); create publication p for table a, c;', shadow);
    expect(result.migration).toMatch(/CREATE TABLE public\.c[\s\S]*ALTER PUBLICATION p SET TABLE public\.a, public\.c;/);
    expect(result.remaining).toBe('');
  });
});
