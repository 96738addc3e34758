import { defineKind } from '../kind.js';
import type { TypeName } from '../common/type-fact.js';
import { typeStatements } from '../common/type-rule.js';
import { enumQuery, type EnumPayload } from './query.js';
import { changeValues, createEnum, renameValue } from './rule.js';

/** Enum types (`enum` is a reserved word, hence the name): values are renamed in place as members. */
export const enumType = defineKind<EnumPayload, TypeName>({
  id: 'enum',
  query: enumQuery,
  ...typeStatements<EnumPayload>('enum'),
  create: createEnum,
  members: (fact) => fact.payload.values,
  renameMember: renameValue,
  attributes: {
    values: changeValues,
  },
});
