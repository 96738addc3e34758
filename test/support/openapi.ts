import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * GitHub's published OpenAPI 3.0 description, used by the GitHub fake to hold every request the
 * bot sends and every response the fake gives to the documented shapes. Ajv (a maintained JSON
 * Schema validator) does the checking: it understands OpenAPI's `nullable`, and compiling only
 * the schemas an operation references keeps this fast although the document is 10 MB.
 */
type Schema = Record<string, any>;

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  params: Record<string, string>;
  spec: Schema;
}

const require = createRequire(import.meta.url);
const DOC_ID = 'api.github.com';

let loaded: { doc: Schema; ajv: Ajv; routes: { method: string; template: string; pattern: RegExp; names: string[]; literal: number }[] } | undefined;

function load() {
  if (loaded) return loaded;
  const doc = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Schema;
  rewriteUntypedNullable(doc);
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, validateFormats: false });
  ajv.addSchema(doc, DOC_ID);
  const routes = Object.entries(doc.paths as Record<string, Schema>).flatMap(([template, ops]) =>
    Object.keys(ops)
      .filter((m) => m !== 'parameters')
      .map((method) => {
        const names: string[] = [];
        const source = template.replace(/\{(\w+)\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        return { method: method.toUpperCase(), template, pattern: new RegExp(`^${source}$`), names, literal: template.split('/').length - names.length };
      }),
  );
  // Literal segments win over parameters: /pulls/comments before /pulls/{pull_number}.
  routes.sort((a, b) => b.literal - a.literal);
  loaded = { doc, ajv, routes };
  return loaded;
}

/**
 * OpenAPI 3.0 lets `nullable` stand beside `allOf`/`anyOf` without a `type`; JSON Schema (and Ajv)
 * cannot, so such a schema becomes "the schema, or null".
 */
function rewriteUntypedNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(rewriteUntypedNullable);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Schema;
  for (const value of Object.values(schema)) rewriteUntypedNullable(value);
  if (schema.nullable === true && schema.type === undefined) {
    const { nullable: _, ...rest } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [rest, { type: 'null' }];
  }
}

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

function resolve(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  while (current?.$ref) {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce<Schema>((node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], load().doc);
  }
  return current;
}

const compiled = new Map<string, ValidateFunction>();
function validatorAt(at: string): ValidateFunction {
  // A schema that only refers to a component is compiled once, as that component.
  const node = at.split('/').map(decodeURIComponent).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Schema | undefined>((n, key) => n?.[key], load().doc);
  const path = typeof node?.$ref === 'string' && Object.keys(node).length === 1 ? (node.$ref as string).slice(2) : at;
  let validate = compiled.get(path);
  if (!validate) {
    validate = load().ajv.getSchema(`${DOC_ID}#/${path}`);
    if (!validate) throw new Error(`no schema at ${path}`);
    compiled.set(path, validate);
  }
  return validate;
}

function problems(validate: ValidateFunction, value: unknown, where: string): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `${where}${e.instancePath} ${e.message}`);
}

export function findOperation(method: string, path: string): Operation | undefined {
  for (const route of load().routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
    const spec = load().doc.paths[route.template][route.method.toLowerCase()] as Schema;
    return { operationId: spec.operationId, method, template: route.template, params, spec };
  }
  return undefined;
}

/** Query parameters and JSON body against the operation's description. */
export function requestProblems(op: Operation, query: URLSearchParams, body: unknown): string[] {
  const found: string[] = [];
  const declared = ((op.spec.parameters ?? []) as Schema[]).map((p) => resolve(p)!).filter((p) => p.in === 'query');
  for (const key of query.keys()) {
    if (!declared.some((p) => p.name === key)) found.push(`query parameter ${key} is not part of ${op.operationId}`);
  }
  for (const param of declared) {
    const raw = query.get(param.name);
    if (raw === null) continue;
    const schema = resolve(param.schema)!;
    const value = schema.type === 'integer' || schema.type === 'number' ? Number(raw) : schema.type === 'boolean' ? raw === 'true' : raw;
    const key = JSON.stringify(schema);
    const validate = compiled.get(key) ?? load().ajv.compile(schema);
    compiled.set(key, validate);
    found.push(...problems(validate, value, `query ${param.name}`));
  }
  const content = op.spec.requestBody?.content?.['application/json'];
  if (content) {
    if (body === undefined && op.spec.requestBody.required) found.push(`${op.operationId} needs a JSON body`);
    if (body !== undefined) {
      found.push(...problems(validatorAt(pointer('paths', op.template, op.method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema')), body, 'body'));
    }
  } else if (body !== undefined && op.method !== 'DELETE') {
    found.push(`${op.operationId} takes no body`);
  }
  return found;
}

function responseSchemaPath(op: Operation, status: number): string | undefined | null {
  const responses = op.spec.responses as Schema;
  const entry = responses[String(status)];
  if (!entry) return null;
  if (entry.$ref) {
    const name = (entry.$ref as string).split('/').pop()!;
    return resolve(entry)?.content?.['application/json'] ? pointer('components', 'responses', name, 'content', 'application/json', 'schema') : undefined;
  }
  return entry.content?.['application/json'] ? pointer('paths', op.template, op.method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema') : undefined;
}

/** A response the operation does not document, or a body that does not fit its schema. */
export function responseProblems(op: Operation, status: number, body: unknown): string[] {
  const path = responseSchemaPath(op, status);
  if (path === null) return [`${op.operationId} does not document status ${status}`];
  if (path === undefined) return body === undefined ? [] : [`${op.operationId} ${status} has no body`];
  return problems(validatorAt(path), body, `${op.operationId} ${status} response`);
}

/** The schema of a response, to build a valid body from. */
export function responseSchema(op: Operation, status: number): Schema | undefined {
  const path = responseSchemaPath(op, status);
  if (!path) return undefined;
  return path.split('/').map(decodeURIComponent).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Schema | undefined>((node, key) => resolve(node)?.[key], load().doc);
}

/**
 * The smallest value a schema accepts with `overlay` laid over it: every required property is
 * filled with a plausible value, so fakes state only the fields that carry meaning.
 */
export function conform(schema: Schema | undefined, overlay?: unknown): unknown {
  const s = resolve(schema);
  if (!s) return overlay;
  if (s.allOf) {
    const parts = (s.allOf as Schema[]).map((p) => resolve(p)!);
    return conform({ type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties)), required: parts.flatMap((p) => p.required ?? []) }, overlay);
  }
  if (s.oneOf || s.anyOf) {
    const options = ((s.oneOf ?? s.anyOf) as Schema[]).map((o) => resolve(o)!);
    if (overlay === undefined && options.some((o) => o.type === 'null')) return null;
    const kind = overlay === null ? 'null' : Array.isArray(overlay) ? 'array' : typeof overlay;
    const fits = options.find((o) => o.type === kind || (kind === 'number' && o.type === 'integer')) ?? options[0];
    return conform(fits, overlay);
  }
  if (overlay === undefined) {
    if (s.nullable) return null;
    if (s.enum) return s.enum[0];
    switch (s.type) {
      case 'object': return conform(s, {});
      case 'array': return [];
      case 'integer': case 'number': return s.minimum ?? 1;
      case 'boolean': return false;
      case 'string': return s.format === 'date-time' ? '2026-01-01T00:00:00Z' : s.format === 'uri' ? 'https://fake.invalid/' : 'fake';
      default: return null;
    }
  }
  if (Array.isArray(overlay)) return overlay.map((item) => conform(s.items, item));
  if (overlay !== null && typeof overlay === 'object') {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    const out: Record<string, unknown> = {};
    for (const key of new Set([...((s.required ?? []) as string[]), ...Object.keys(overlay)])) {
      out[key] = conform(properties[key], (overlay as Record<string, unknown>)[key]);
    }
    return out;
  }
  return overlay;
}
