import { qualify } from '../../sql/quote.js';
import { action, type Action } from '../../diff/action.js';
import type { Change } from '../../diff/delta.js';
import type { StatisticsFact, StatisticsPayload } from './query.js';

export const statisticsName = (fact: StatisticsFact): string => qualify(fact.name[0], fact.name[1]);

const setTarget = (fact: StatisticsFact, extra: Partial<Action> = {}) =>
  action('statistics', {
    sql: `ALTER STATISTICS ${statisticsName(fact)} SET STATISTICS ${fact.payload.target ?? -1};`,
    ...extra,
  });

export const createStatistics = (fact: StatisticsFact): Action[] => [
  action('statistics', { sql: `${fact.payload.definition};`, creates: [fact.id] }),
  ...(fact.payload.target === null ? [] : [setTarget(fact)]),
];

export const changeTarget = ({ to }: Change<StatisticsPayload, StatisticsFact['name']>): Action[] => [setTarget(to, { alters: [to.id] })];
