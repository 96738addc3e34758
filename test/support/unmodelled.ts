import { readCatalog } from '../../src/engine/read-catalog.js';
import { withConnection } from './postgres.js';

/** The objects of the database at `url` that no kind models, as the diff would list them. */
export async function unmodelledIn(url: string): Promise<string[]> {
  return withConnection(url, async (c) => (await readCatalog(c)).unmodelled);
}
