import { defineKind } from '../kind.js';
import { extensionQuery, type ExtensionFact, type ExtensionInfo, type ExtensionPayload } from './query.js';
import { createExtension, dropExtension, extensionName, moveExtension, updateExtension } from './rule.js';

/**
 * Schema and version change in place, each with its own statement. Changed attributes come in
 * name order, so a change of both moves the extension before it updates it.
 */
export const extension = defineKind<ExtensionPayload, ExtensionFact['name'], ExtensionInfo>({
  id: 'extension',
  query: extensionQuery,
  objectRef: (fact) => `EXTENSION ${extensionName(fact)}`,
  create: createExtension,
  drop: dropExtension,
  attributes: {
    schema: moveExtension,
    version: updateExtension,
  },
});
