import { defineKind } from '../kind.js';
import { functionQuery, type FunctionFact, type FunctionInfo, type FunctionPayload } from './query.js';
import { routineStatements } from './rule.js';

/**
 * Functions, plain and window (`function` is a reserved word, hence the name): CREATE OR REPLACE
 * changes one in place where Postgres allows it.
 */
export const functionKind = defineKind<FunctionPayload, FunctionFact['name'], FunctionInfo>({
  id: 'function',
  query: functionQuery,
  ...routineStatements('function'),
});

/** Procedures: the function query reads them, and they are written as functions are. */
export const procedure = defineKind<FunctionPayload, FunctionFact['name'], FunctionInfo>({
  id: 'procedure',
  ...routineStatements('procedure'),
});
