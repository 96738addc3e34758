import { action } from '../../diff/action.js';
import { defineKind } from '../kind.js';
import { statisticsQuery, type StatisticsFact, type StatisticsPayload } from './query.js';
import { changeTarget, createStatistics, statisticsName } from './rule.js';

/** A new definition means a new object; only the statistics target changes in place. */
export const statistics = defineKind<StatisticsPayload, StatisticsFact['name']>({
  id: 'statistics',
  query: statisticsQuery,
  objectRef: (fact) => `STATISTICS ${statisticsName(fact)}`,
  create: createStatistics,
  drop: (fact) => [action('statistics', { sql: `DROP STATISTICS ${statisticsName(fact)};` })],
  attributes: {
    definition: 'replace',
    target: changeTarget,
  },
});
