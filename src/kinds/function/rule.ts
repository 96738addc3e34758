import { canonicalJson } from '../../catalog/fingerprint.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { AlterResult } from '../../diff/rule.js';
import { signature } from './signature.js';
import type { KindDefinition } from '../kind.js';
import type { FunctionFact, FunctionInfo, FunctionPayload } from './query.js';

/**
 * A string body may read tables the same migration creates after it (they may need the function
 * first, for a default), and pg_depend does not see into it; pg_dump loads functions the same way.
 */
const UNCHECKED_BODIES = 'check_function_bodies = off';

function define(fact: FunctionFact, effect: 'creates' | 'alters'): Action {
  return action(fact.kind, { sql: `${fact.payload.definition};`, [effect]: [fact.id], settings: [UNCHECKED_BODIES] });
}

/**
 * CREATE OR REPLACE keeps a routine's grants and dependents, but Postgres refuses it for another
 * kind, result or parameter list (names, modes, types) and for taking a default away.
 */
function replaceableInPlace(from: FunctionFact, to: FunctionFact): boolean {
  const same = (key: keyof FunctionInfo) => canonicalJson(from.info[key] ?? null) === canonicalJson(to.info[key] ?? null);
  return from.kind === to.kind && same('prokind') && same('returns') && same('params') && to.info.defaults >= from.info.defaults;
}

/** A new definition by CREATE OR REPLACE where Postgres allows it, else the routine is made anew. */
function redefine({ from, to }: Change<FunctionPayload, FunctionFact['name'], FunctionInfo>): AlterResult {
  return replaceableInPlace(from, to) ? [define(to, 'alters')] : 'replace';
}

/** Functions and procedures differ only in the keyword that names them. */
export function routineStatements(kind: 'function' | 'procedure'): Omit<KindDefinition<FunctionPayload, FunctionFact['name'], FunctionInfo>, 'id' | 'query'> {
  const keyword = kind.toUpperCase();
  return {
    objectRef: (fact) => `${keyword} ${signature(fact)}`,
    create: (fact) => [define(fact, 'creates')],
    drop: (fact, ctx) => [
      action(kind, {
        sql: `DROP ${keyword} ${signature(fact)};`,
        hazards: ctx.target.has(fact.id)
          ? []
          : [{ kind: 'breaking-change', message: `drops ${kind} ${signature(fact)}: whoever still calls it fails` }],
      }),
    ],
    attributes: {
      definition: redefine,
    },
  };
}
