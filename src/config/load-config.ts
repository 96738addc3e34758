import { lstat, readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject, type SchemaValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { GATE_CLASSES } from '../plan/classify-statement.js';
import { SEVERITIES } from '../lint/lint-rule.js';
import { LINT_RULES } from '../lint/lint-rules.js';
import { DURATION_SHAPE, parseDuration } from './duration.js';
import { DEFAULTS, OPTIONS, type Config, type OptionSpec, type OptionType, type TargetSpec } from './options.js';

export const CONFIG_FILE = '.schema-bot.yml';

/** Every problem with the configuration, each naming where it came from (file:line:column, variable, flag). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ConfigRequest {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Parsed flags (node:util parseArgs values); `config` names the file. */
  flags?: Record<string, string | boolean | undefined>;
  /** Reads the settings file in place of the disk (e.g. from a git revision); undefined: no such file. */
  read?: (file: string) => Promise<string | undefined>;
}

/** A target's name: it names jobs, matrix entries and files, so it keeps to characters all of them take. */
const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const AUTHOR = /^([^<>]+?)\s*<([^<>\s]+@[^<>\s]+)>$/;
/** `none`, or gate classes separated by commas. */
const CLASSES_TEXT = new RegExp(`^(none|(${GATE_CLASSES.join('|')})(\\s*,\\s*(${GATE_CLASSES.join('|')}))*)$`);

const FILE_SCHEMA: Record<OptionType, object> = {
  string: { type: 'string', minLength: 1 },
  path: { type: 'string', minLength: 1 },
  list: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }] },
  classes: { anyOf: [{ type: 'string', pattern: CLASSES_TEXT.source }, { type: 'array', items: { enum: [...GATE_CLASSES] } }] },
  integer: { type: 'integer', minimum: 0 },
  boolean: { type: 'boolean' },
  duration: { type: ['string', 'number'], duration: true },
  author: { type: 'string', pattern: AUTHOR.source },
  host: { enum: ['auto', 'github', 'gitlab', 'local'] },
  labels: { type: 'object', additionalProperties: false, properties: { change: { type: 'string', minLength: 1 }, destructive: { type: 'string', minLength: 1 } } },
  risk: { type: 'object', additionalProperties: false, properties: { small_table_rows: { type: 'integer', minimum: 0 } } },
  lint: { type: 'object', additionalProperties: false, properties: Object.fromEntries(LINT_RULES.map((r) => [r.id, { enum: [...SEVERITIES] }])) },
  targets: {
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'url_env'],
      properties: {
        name: { type: 'string', pattern: TARGET_NAME.source },
        url_env: { type: 'string', pattern: VARIABLE_NAME.source },
        databases: { type: 'string', minLength: 1 },
        environment: { type: 'string', minLength: 1 },
        wave: { type: 'integer', minimum: 0 },
        promoted_from: { type: 'string', minLength: 1 },
      },
    },
  },
};

const SECRET_KEY = /token|password|secret|private_key|database_url|shadow_url/i;

/** The `duration` keyword: a value parseDuration takes, or its reason why not as the error's message. */
const checkDuration: SchemaValidateFunction = (_schema: boolean, value: unknown) => {
  const parsed = parseDuration(String(value));
  checkDuration.errors = 'problem' in parsed ? [{ keyword: 'duration', message: parsed.problem, params: {} }] : [];
  return !('problem' in parsed);
};

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: 'duration', type: ['string', 'number'], schemaType: 'boolean', errors: true, validate: checkDuration });
const validateFile = ajv.compile({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(OPTIONS.map((o) => [o.file, FILE_SCHEMA[o.type]])),
});

interface FileTarget {
  name: string;
  url_env: string;
  databases?: string;
  environment?: string;
  wave?: number;
  promoted_from?: string;
}

/**
 * What the file's schema cannot say about targets: names are unique, and an environment a target
 * is promoted from exists in an earlier wave, or the target could never apply.
 */
function targetProblems(targets: TargetSpec[], source: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.name)) problems.push(`${source}: two targets are named "${t.name}"`);
    seen.add(t.name);
    if (t.promotedFrom === undefined) continue;
    const earlier = targets.filter((o) => o.environment === t.promotedFrom && o.wave < t.wave);
    if (earlier.length === 0) {
      problems.push(`${source}: target "${t.name}" is promoted from environment "${t.promotedFrom}", but no target of that environment is in an earlier wave than ${t.wave}`);
    }
  }
  return problems;
}

/** A value of the file's shape turned into the Config's. */
function normalise(spec: OptionSpec, value: unknown): unknown {
  switch (spec.type) {
    case 'list':
      return (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);
    case 'classes':
      return (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter((v) => v && v !== 'none');
    case 'duration':
      return String(value);
    case 'author': {
      const [, name, email] = AUTHOR.exec(String(value).trim())!;
      return { name: name!, email: email! };
    }
    case 'labels':
      return { ...DEFAULTS.labels, ...(value as object) };
    case 'targets':
      return (value as FileTarget[]).map((t): TargetSpec => ({
        name: t.name,
        urlEnv: t.url_env,
        ...(t.databases === undefined ? {} : { databases: t.databases }),
        environment: t.environment ?? t.name,
        wave: t.wave ?? 0,
        ...(t.promoted_from === undefined ? {} : { promotedFrom: t.promoted_from }),
      }));
    case 'risk': {
      const given = value as { small_table_rows?: number };
      return { smallTableRows: given.small_table_rows ?? DEFAULTS.risk.smallTableRows };
    }
    default:
      return value;
  }
}

/** A string from the environment or a flag, as the value the file would hold, or a reason it is not one. */
function fromText(spec: OptionSpec, text: string): { value: unknown } | { problem: string } {
  switch (spec.type) {
    case 'classes':
      return CLASSES_TEXT.test(text.trim()) ? { value: text } : { problem: `must be none or a comma-separated list of ${GATE_CLASSES.join(', ')}` };
    case 'integer':
      return /^\d+$/.test(text) ? { value: Number(text) } : { problem: 'must be a whole number of 0 or more' };
    case 'boolean':
      if (/^(true|1|yes)$/i.test(text)) return { value: true };
      if (/^(false|0|no)$/i.test(text)) return { value: false };
      return { problem: 'must be true or false' };
    case 'duration': {
      const parsed = parseDuration(text);
      return 'problem' in parsed ? parsed : { value: text };
    }
    case 'author':
      return AUTHOR.test(text.trim()) ? { value: text } : { problem: 'must look like "Name <email>"' };
    case 'host':
      return ['auto', 'github', 'gitlab', 'local'].includes(text) ? { value: text } : { problem: 'must be one of auto, github, gitlab, local' };
    default:
      return text.trim() ? { value: text } : { problem: 'must not be empty' };
  }
}

const SHAPE: Partial<Record<OptionType, string>> = {
  list: 'must be a string or a list of strings',
  classes: `must be none or a list of ${GATE_CLASSES.join(', ')}`,
  author: 'must look like "Name <email>"',
};

function describe(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return `unknown key "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'duration') return error.message ?? DURATION_SHAPE;
  if (error.keyword === 'pattern' && error.instancePath.startsWith('/targets/')) {
    return error.instancePath.endsWith('/url_env')
      ? 'must name an environment variable that holds the URL; the URL itself never goes in the file'
      : 'must be letters, digits, _, . or -, starting with a letter or digit: it names jobs and files';
  }
  if (error.keyword === 'required') return `needs ${String(error.params.missingProperty)}`;
  if (error.keyword === 'enum') return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  const spec = OPTIONS.find((o) => o.file === error.instancePath.split('/')[1]);
  return (error.keyword === 'pattern' || error.keyword === 'anyOf') && spec && SHAPE[spec.type] ? SHAPE[spec.type]! : (error.message ?? 'is not valid');
}

/** Where in the file an error points: the offending key for unknown keys, else the value. */
function position(doc: Document, lines: LineCounter, error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  let offset: number | undefined;
  const node = segments.length ? doc.getIn(segments, true) : doc.contents;
  if (error.keyword === 'additionalProperties' && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === error.params.additionalProperty);
    offset = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
  } else {
    offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
  }
  if (offset === undefined) return '';
  const { line, col } = lines.linePos(offset);
  return `${line}:${col}`;
}

/** A settings file's text from disk, or undefined when there is none. */
export const readFromDisk = (file: string) =>
  readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));

async function readConfigFile(file: string, required: boolean, problems: string[], read = readFromDisk): Promise<Record<string, unknown>> {
  let text: string | undefined;
  try {
    text = await read(file);
  } catch (error) {
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
  if (text === undefined) {
    if (!required) return {};
    throw new ConfigError(`${file}: no such file`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  for (const e of doc.errors) {
    const { line, col } = lines.linePos(e.pos[0]);
    problems.push(`${file}:${line}:${col}: ${e.message.split('\n')[0]}`);
  }
  if (doc.errors.length > 0) return {};
  const content = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof content !== 'object' || Array.isArray(content)) {
    problems.push(`${file}:1:1: must be a mapping of settings`);
    return {};
  }
  for (const key of Object.keys(content).filter((k) => SECRET_KEY.test(k))) {
    const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const at = (pair?.key as { range?: number[] } | undefined)?.range?.[0];
    const where = at === undefined ? '' : `${lines.linePos(at).line}:${lines.linePos(at).col}: `;
    problems.push(`${file}:${where}"${key}" looks like a secret; secrets come only from the environment (DATABASE_URL, GITHUB_TOKEN, GITLAB_TOKEN, …), never from ${CONFIG_FILE}`);
    delete content[key];
  }
  if (!validateFile(content)) {
    for (const error of validateFile.errors ?? []) {
      if (error.keyword === 'additionalProperties' && SECRET_KEY.test(String(error.params.additionalProperty))) continue;
      const at = position(doc, lines, error);
      const key = error.instancePath.slice(1).replace(/\//g, '.');
      problems.push(`${file}:${at ? `${at}:` : ''} ${key ? `${key}: ` : ''}${describe(error)}`);
    }
  }
  return content;
}

/** `target` with every symbolic link on its way followed, including a dangling last one; what does not exist yet is kept as written. */
async function followLinks(target: string, hops = 0): Promise<string> {
  try {
    return await realpath(target);
  } catch (error) {
    if (!['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
  const isLink = await lstat(target).then((s) => s.isSymbolicLink(), () => false);
  // Past 40 hops the links go round in a circle (ELOOP); writing there would fail anyway.
  if (isLink && hops < 40) return followLinks(path.resolve(path.dirname(target), await readlink(target)), hops + 1);
  const parent = path.dirname(target);
  return parent === target ? target : path.join(await followLinks(parent, hops), path.basename(target));
}

const within = (dir: string, target: string) => {
  const relative = path.relative(dir, target);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
};

/**
 * Where a path setting points, resolved against the repository directory `repoDir`, or why it
 * may not be used: a file the bot writes, commits or removes must stay inside the repository,
 * so an absolute path elsewhere, a `..` that climbs out and a symbolic link (the file itself or a
 * directory on its way) leading outside are all refused. The one containment rule for every such
 * setting (pending_file, --out).
 */
export async function pathInRepository(repoDir: string, file: string): Promise<{ path: string } | { problem: string }> {
  const target = path.resolve(repoDir, file);
  if (!within(path.resolve(repoDir), target)) return { problem: `${file} is outside the repository ${repoDir}` };
  if (!within(await followLinks(repoDir), await followLinks(target))) {
    return { problem: `${file} leads outside the repository ${repoDir} through a symbolic link` };
  }
  return { path: target };
}

/** The path a setting names inside the repository; throws a ConfigError naming the setting otherwise. */
export async function requirePathInRepository(repoDir: string, file: string, setting: string): Promise<string> {
  const inside = await pathInRepository(repoDir, file);
  if ('problem' in inside) throw new ConfigError(`${setting}: ${inside.problem}`);
  return inside.path;
}

/**
 * The configuration: each setting from its flag, else its environment variable, else
 * `.schema-bot.yml`, else its default. All problems are reported at once.
 */
export async function loadConfig(request: ConfigRequest): Promise<Config> {
  const flags = request.flags ?? {};
  // An empty SCHEMA_BOT_CONFIG is unset, as for every other variable (CI templates pass one through).
  const explicit = (flags.config as string | undefined) ?? (request.env.SCHEMA_BOT_CONFIG || undefined);
  const file = path.resolve(request.cwd, explicit ?? CONFIG_FILE);
  const problems: string[] = [];
  const fromFile = await readConfigFile(file, explicit !== undefined, problems, request.read);

  const chosen: [OptionSpec, unknown, string][] = [];
  for (const spec of OPTIONS) {
    const flag = spec.flag ? flags[spec.flag] : undefined;
    const env = spec.env ? request.env[spec.env] : undefined;
    let raw: unknown;
    let source = `--${spec.flag}`;
    if (flag !== undefined) {
      const parsed = typeof flag === 'boolean' ? { value: flag } : fromText(spec, flag);
      if ('problem' in parsed) problems.push(`--${spec.flag}: ${parsed.problem}`);
      else raw = parsed.value;
    } else if (env !== undefined && env !== '') {
      source = spec.env!;
      const parsed = fromText(spec, env);
      if ('problem' in parsed) problems.push(`${spec.env}: ${parsed.problem}`);
      else raw = parsed.value;
    } else if (spec.file in fromFile) {
      source = `${file}: ${spec.file}`;
      raw = fromFile[spec.file];
      if (spec.type === 'path' && spec.key === 'templateDir') raw = path.resolve(path.dirname(file), String(raw));
    }
    if (raw !== undefined) chosen.push([spec, raw, source]);
  }
  for (const [spec, raw, source] of chosen) {
    if (spec.key === 'targets' && Array.isArray(raw) && problems.length === 0) problems.push(...targetProblems(normalise(spec, raw) as TargetSpec[], source));
    if (spec.key !== 'pendingFile' && spec.key !== 'pendingDir') continue;
    const inside = await pathInRepository(request.cwd, String(raw));
    if ('problem' in inside) problems.push(`${source}: ${inside.problem}`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const config: Record<string, unknown> = { ...DEFAULTS };
  for (const [spec, raw] of chosen) config[spec.key] = normalise(spec, raw);
  if (config.templateDir !== undefined) config.templateDir = path.resolve(request.cwd, String(config.templateDir));
  return config as unknown as Config;
}
