import type { Catalog } from '../../catalog/fact.js';
import { isColumn, type ColumnFact } from '../../kinds/column/query.js';
import { objectName } from '../../diff/object-name.js';
import type { Flagged } from '../lint-rule.js';

/**
 * The columns whose type, arrays of it included, `matches` (format_type's spelling:
 * `character varying(20)`, `timestamp without time zone[]`). Generated columns included: their
 * type is declared like any other.
 */
export function columnsOfType(catalog: Catalog, matches: (type: string) => boolean, message: (column: string, type: string) => string): Flagged[] {
  const flagged: Flagged[] = [];
  for (const fact of catalog.values()) {
    if (!isColumn(fact)) continue;
    const type = elementType(fact);
    if (matches(type)) flagged.push({ fact, message: message(objectName(fact), fact.payload.type) });
  }
  return flagged;
}

const elementType = (column: ColumnFact) => column.payload.type.replace(/(\[\])+$/, '');
