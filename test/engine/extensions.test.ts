import { describe, expect, it } from 'vitest';
import { converge, SHADOW_KINDS } from '../support/converge.js';

describe.each(SHADOW_KINDS)('extension versions through a %s shadow', (shadow) => {
  it('updates an extension to the server default version when the schema pins none', async () => {
    const result = await converge(`create extension hstore version '1.4';`, 'create extension hstore;', shadow);
    expect(result.migration).toContain('ALTER EXTENSION hstore UPDATE;');
    expect(result.remaining).toBe('');
  });

  it('updates an extension to the version the schema pins', async () => {
    const result = await converge(`create extension hstore version '1.4';`, `create extension hstore version '1.6';`, shadow);
    expect(result.migration).toContain(`ALTER EXTENSION hstore UPDATE TO '1.6';`);
    expect(result.remaining).toBe('');
  });

  it('moves a relocatable extension to another schema', async () => {
    const result = await converge('create extension hstore;', 'create schema ext; create extension hstore schema ext;', shadow);
    expect(result.migration).toContain('ALTER EXTENSION hstore SET SCHEMA ext;');
    expect(result.remaining).toBe('');
  });
});
