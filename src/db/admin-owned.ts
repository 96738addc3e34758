import type { Catalog } from '../catalog/fact.js';
import { factId } from '../catalog/fact-id.js';
import type { Shadow } from './shadow.js';

/**
 * A shadow's catalog with what its admin session had to own (an event trigger, which only a
 * superuser may own) read as the current user's, like everything the sandbox role made: where the
 * schema came from, one user made both, and the catalog reads that user's objects as nobody's in
 * particular (see kinds/owner/query.ts).
 */
export async function adminOwnedAsCurrentUser(shadow: Shadow, catalog: Catalog): Promise<Catalog> {
  const { rows } = await shadow.admin.query<{ user: string }>('SELECT current_user AS "user"');
  const admin = factId('role', rows[0]!.user);
  const owned = [...catalog.values()].filter((f) => f.kind === 'owner' && f.payload.role === admin);
  if (owned.length === 0) return catalog;
  const read = new Map(catalog);
  for (const f of owned) read.set(f.id, { ...f, payload: { ...f.payload, role: null } });
  return read;
}
