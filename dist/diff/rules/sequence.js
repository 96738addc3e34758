import { qualify } from '../../sql/quote.js';
import { action } from '../action.js';
import { identityOptionsSql } from './column-definition.js';
import { restartOutsideBounds } from './sequence-restart.js';
const sequenceName = (fact) => qualify(fact.name[0], fact.name[1]);
/** `column:public.t.id` → `public.t.id`: factId already quoted each part of the name. */
function ownerSql(ownerId) {
    if (typeof ownerId !== 'string')
        return 'NONE';
    return ownerId.slice(ownerId.indexOf(':') + 1);
}
function ownedBy(fact, releases = []) {
    const owner = fact.payload.ownedBy;
    return action('sequence', {
        sql: `ALTER SEQUENCE ${sequenceName(fact)} OWNED BY ${ownerSql(owner)};`,
        alters: [fact.id],
        needs: typeof owner === 'string' ? [owner] : [],
        releases,
    });
}
/**
 * Option changes in place: dropping and creating a sequence would lose its current value. A new
 * type can move the bounds with it, so they are restated whenever the type changes. Bounds that
 * no longer hold the current value are refused unless the sequence restarts inside them.
 */
function alterOptions(from, to, keys) {
    const before = identityOptionsSql(from.payload);
    const typeChanges = keys.includes('type');
    const clauses = identityOptionsSql(to.payload).filter((clause) => !before.includes(clause) || (typeChanges && /^(MINVALUE|MAXVALUE) /.test(clause)));
    if (typeChanges)
        clauses.unshift(`AS ${to.payload.type}`);
    if (clauses.length === 0)
        return [];
    const restart = restartOutsideBounds(from.info.current, to.payload, sequenceName(to));
    clauses.push(...restart.clauses);
    const hazards = restart.hazards;
    return [action('sequence', { sql: `ALTER SEQUENCE ${sequenceName(to)} ${clauses.join(' ')};`, alters: [to.id], hazards })];
}
export const sequenceRule = {
    kind: 'sequence',
    objectRef: (fact) => `SEQUENCE ${sequenceName(fact)}`,
    create: (fact) => {
        const options = identityOptionsSql(fact.payload).join(' ');
        const out = [
            action('sequence', {
                sql: `CREATE SEQUENCE ${sequenceName(fact)} AS ${fact.payload.type} ${options};`,
                creates: [fact.id],
            }),
        ];
        // A serial column's default needs the sequence, and OWNED BY needs the column: a separate step.
        if (fact.payload.ownedBy)
            out.push(ownedBy(fact));
        return out;
    },
    drop: (fact) => [
        action('sequence', {
            sql: `DROP SEQUENCE ${sequenceName(fact)};`,
            hazards: [{ kind: 'data-loss', message: `drops sequence ${sequenceName(fact)} and its current value` }],
        }),
    ],
    alter: ({ from, to, keys }) => {
        const out = alterOptions(from, to, keys);
        if (keys.includes('ownedBy')) {
            // Letting go of the old column first keeps the sequence alive when that column is dropped.
            const previous = from.payload.ownedBy;
            out.push(ownedBy(to, typeof previous === 'string' ? [previous] : []));
        }
        return out;
    },
};
//# sourceMappingURL=sequence.js.map