import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { sequenceQuery, type SequenceFact, type SequenceInfo, type SequencePayload } from './query.js';
import { alterSequence, createSequence, sequenceName, setLogged } from './rule.js';

/** Sequences: never made anew, which would lose their current value. */
export const sequence = defineKind<SequencePayload, SequenceFact['name'], SequenceInfo>({
  id: 'sequence',
  query: sequenceQuery,
  objectRef: (fact) => `SEQUENCE ${sequenceName(fact)}`,
  create: createSequence,
  drop: (fact) => [
    action('sequence', {
      sql: `DROP SEQUENCE ${sequenceName(fact)};`,
      hazards: [{ kind: 'data-loss', message: `drops sequence ${sequenceName(fact)} and its current value` }],
    }),
  ],
  attributes: {
    type: alterSequence,
    start: alterSequence,
    increment: alterSequence,
    min: alterSequence,
    max: alterSequence,
    cache: alterSequence,
    cycle: alterSequence,
    logged: setLogged,
    ownedBy: alterSequence,
  },
});
