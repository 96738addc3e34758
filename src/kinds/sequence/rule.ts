import { qualify } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import { identityOptionsSql } from '../column/column-definition.js';
import { restartOutsideBounds } from '../column/sequence-restart.js';
import type { SequenceFact, SequenceInfo, SequencePayload } from './query.js';

export const sequenceName = (fact: SequenceFact) => qualify(fact.name[0], fact.name[1]);

/** `column:public.t.id` → `public.t.id`: factId already quoted each part of the name. */
function ownerSql(ownerId: string | null): string {
  if (ownerId === null) return 'NONE';
  return ownerId.slice(ownerId.indexOf(':') + 1);
}

function ownedBy(fact: SequenceFact, releases: string[] = []): Action {
  const owner = fact.payload.ownedBy;
  return action('sequence', {
    sql: `ALTER SEQUENCE ${sequenceName(fact)} OWNED BY ${ownerSql(owner)};`,
    alters: [fact.id],
    needs: owner === null ? [] : [owner],
    releases,
  });
}

export function createSequence(fact: SequenceFact): Action[] {
  const options = identityOptionsSql(fact.payload).join(' ');
  const out = [
    action('sequence', {
      sql: `CREATE ${fact.payload.logged ? '' : 'UNLOGGED '}SEQUENCE ${sequenceName(fact)} AS ${fact.payload.type} ${options};`,
      creates: [fact.id],
    }),
  ];
  // A serial column's default needs the sequence, and OWNED BY needs the column: a separate step.
  if (fact.payload.ownedBy) out.push(ownedBy(fact));
  return out;
}

/**
 * Option changes in place: dropping and creating a sequence would lose its current value. A new
 * type can move the bounds with it, so they are restated whenever the type changes. Bounds that
 * no longer hold the current value are refused unless the sequence restarts inside them.
 */
function alterOptions({ from, to, keys }: Change<SequencePayload, SequenceFact['name'], SequenceInfo>): Action[] {
  const before = identityOptionsSql(from.payload);
  const typeChanges = keys.includes('type');
  const clauses = identityOptionsSql(to.payload).filter(
    (clause) => !before.includes(clause) || (typeChanges && /^(MINVALUE|MAXVALUE) /.test(clause)),
  );
  if (typeChanges) clauses.unshift(`AS ${to.payload.type}`);
  if (clauses.length === 0) return [];
  const restart = restartOutsideBounds(from.info.current, to.payload, sequenceName(to));
  clauses.push(...restart.clauses);
  const hazards = restart.hazards;
  return [action('sequence', { sql: `ALTER SEQUENCE ${sequenceName(to)} ${clauses.join(' ')};`, alters: [to.id], hazards })];
}

/**
 * Everything about a sequence changes in place: its options in one ALTER SEQUENCE, then its
 * owner. One step for all, so the options come first whichever attributes changed.
 */
export function alterSequence(change: Change<SequencePayload, SequenceFact['name'], SequenceInfo>): Action[] {
  const out = alterOptions(change);
  if (change.keys.includes('ownedBy')) {
    // Letting go of the old column first keeps the sequence alive when that column is dropped.
    const previous = change.from.payload.ownedBy;
    out.push(ownedBy(change.to, previous === null ? [] : [previous]));
  }
  return out;
}

/** SET LOGGED writes the sequence to the WAL from now on; SET UNLOGGED stops, and a crash resets it. */
export function setLogged({ to }: Change<SequencePayload, SequenceFact['name'], SequenceInfo>): Action[] {
  return [action('sequence', { sql: `ALTER SEQUENCE ${sequenceName(to)} SET ${to.payload.logged ? 'LOGGED' : 'UNLOGGED'};`, alters: [to.id] })];
}
