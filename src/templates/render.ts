import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { HOSTS } from '../forge/hosts.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { adviceFor } from '../plan/hazard-advice.js';
import { markdownText } from './markdown-text.js';
import type { FleetView, PlanView, RiskView } from './plan-view.js';

/** Found by the forge with the branch prefix; never shown. */
export const BOT_MARKER = '<!-- schema-bot:merge-request -->';

/** A body fits every host unless the caller names its host's limit. */
const ANY_HOST_BODY_LIMIT = Math.min(...Object.values(HOSTS).map((h) => h.bodyLimit));
/** Kept below a host's limit: the margin covers counting differences. */
const MARGIN = 512;

export interface BodyContext {
  defaultBranch: string;
  /** A link to the plan file on the bot branch, for the truncation note. */
  fileUrl?: string;
  requiredApprovals: number;
  approvers: string[];
  /** The classes of statement that need the approvals (the `gated` setting): their hazards are the warning block's. */
  gated: readonly string[];
  /** Longest body the host takes (its forge's bodyLimit); the least any host takes unless given. */
  maxLength?: number;
  /** With several target databases: every plan file and who runs it; the body's plan is the largest group's. */
  fleet?: FleetView;
}

export interface CommentData {
  applied: { planId: string; statements: number; target: string; file: string; cleanupUrl?: string };
  'apply-refused': { planId: string; reason: string; required: number; approvers: string[]; approvedBy: string[]; missing: number; defaultBranch: string; changedFrom?: string; file?: string };
  'apply-failed': { planId: string; error: string };
  closed: { reason: string };
  'fleet-applied': { planId: string; targets: number; files: number; current: number; dir: string; cleanupUrl?: string };
  'fleet-failed': { planId: string; wave: number; failures: { target: string; error: string }[]; later: number };
  'kept-commits': { branch: string; file: string; commits: { sha: string; author: string; subject: string }[] };
  check: { ok: boolean; problems: string[]; file: string; source: string };
  preview: PreviewData;
}

/** What the one preview comment on a merge request says about the plan its merge would bring. */
export interface PreviewData {
  /** The head commit previewed. */
  source: string;
  /** Statements production would get; none when the merge request no longer changes the schema. */
  statements: number;
  /** The plan's SQL in a code block, cut at a whole line when long. */
  sqlBlock: string;
  /** Statements of gated classes: the bot's merge request will wait for approval of these. */
  gated: { statement: string; kind: string }[];
  /** Statements production's rows make fail as they stand. */
  failures: { statement: string; failure: string }[];
  lint: { severity: string; rule: string; where: string; message: string }[];
  lintOmitted: number;
  /** What the statements cost on production's tables (the `risk` partial), cut at `PREVIEW_RISK_ROWS`. */
  risk: RiskView[];
  riskOmitted: number;
  /** The hidden marker the comment is found again by. */
  marker: string;
}

export interface SummaryData {
  command: string;
  plan?: PlanView;
  /** With targets: every plan file and its databases, so a drifted database shows in the job's summary too. */
  fleet?: FleetView;
  destructive: boolean;
  mergeRequestUrl?: string;
  outcome: string;
}

export interface Templates {
  title(plan: PlanView): string;
  body(plan: PlanView, context: BodyContext): string;
  comment<K extends keyof CommentData>(name: K, data: CommentData[K]): string;
  summary(data: SummaryData): string;
}

/** A markdown table cell: one line, no pipe that would end it, not endless. */
function cell(value: unknown): string {
  const text = String(value ?? '').replace(/\s+/g, ' ').trim();
  const short = text.length > 160 ? `${text.slice(0, 159)}…` : text;
  return short.replace(/\|/g, '\\|').replace(/`/g, "'");
}

/** A fenced block whose fence no run of backticks inside can close. */
export function codeBlock(language: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n?$/, '\n')}${fence}`;
}

const CHANGES = ['create', 'alter', 'drop', 'other'] as const;

function summaryByKind(plan: PlanView) {
  const rows = new Map<string, Record<(typeof CHANGES)[number], number>>();
  for (const s of plan.statements) {
    const row = rows.get(s.kind) ?? { create: 0, alter: 0, drop: 0, other: 0 };
    row[s.change]++;
    rows.set(s.kind, row);
  }
  return [...rows].map(([kind, counts]) => ({ kind, ...counts }));
}

function summaryLine(plan: PlanView): string {
  const totals = Object.fromEntries(CHANGES.map((c) => [c, plan.statements.filter((s) => s.change === c).length]));
  const parts = CHANGES.filter((c) => totals[c]! > 0).map((c) => `${totals[c]} ${c}${totals[c] === 1 ? '' : 's'}`);
  return parts.join(', ') || 'no statements';
}

const firstLine = (sql: string) => sql.trim().split('\n')[0]!;

function planMarker(plan: PlanView): string {
  return `<!-- schema-bot:plan ${JSON.stringify({ id: plan.id, base: plan.base, target: plan.target }).replace(/--/g, '-\\u002d')} -->`;
}

/** The plan a body was rendered from, read back from its hidden marker. */
export function readPlanMarker(body: string): { id: string; base: string; target: string } | undefined {
  const match = /<!-- schema-bot:plan (\{.*?\}) -->/.exec(body);
  return match ? (JSON.parse(match[1]!) as { id: string; base: string; target: string }) : undefined;
}

/**
 * The default templates with any `<name>.hbs` from `dir` in their place. A file whose name is not
 * a template, or that does not compile, is an error naming the file.
 */
export async function loadTemplates(dir?: string): Promise<Templates> {
  const sources: Record<string, string> = { ...DEFAULT_TEMPLATES };
  const origin: Record<string, string> = {};
  if (dir) {
    const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
      throw new Error(`template directory ${dir}: ${e.code === 'ENOENT' ? 'does not exist' : e.message}`);
    });
    for (const name of names.filter((n) => n.endsWith('.hbs'))) {
      const key = name.slice(0, -'.hbs'.length);
      if (!(key in DEFAULT_TEMPLATES)) {
        throw new Error(`${path.join(dir, name)}: not a template name; expected one of ${Object.keys(DEFAULT_TEMPLATES).map((n) => `${n}.hbs`).join(', ')}`);
      }
      origin[key] = path.join(dir, name);
      sources[key] = await readFile(origin[key], 'utf8');
    }
  }
  const hb = Handlebars.create();
  hb.registerHelper('cell', cell);
  hb.registerHelper('text', markdownText);
  hb.registerHelper('fenced', (text: unknown) => codeBlock('text', String(text ?? '')));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const [name, source] of Object.entries(sources)) {
    try {
      hb.precompile(source);
    } catch (error) {
      throw new Error(`${origin[name] ?? `template ${name}`}: ${(error as Error).message}`);
    }
    if (['failures', 'destructive', 'hazards', 'risk', 'on-merge', 'targets', 'fleet-table'].includes(name)) hb.registerPartial(name, source);
    compiled.set(name, hb.compile(source, { noEscape: true }));
  }
  const render = (name: string, data: unknown) => compiled.get(name)!(data);

  function body(plan: PlanView, context: BodyContext): string {
    const limit = (context.maxLength ?? ANY_HOST_BODY_LIMIT) - MARGIN;
    // `why` and `saferAlternative` are what templates, the user's own included, have always been given.
    const hazardous = plan.statements.flatMap((s) => s.hazards.map((h) => {
      const { why, safer } = adviceFor(h.kind);
      return { statement: firstLine(s.sql), ...h, why, saferAlternative: safer };
    }));
    const hazards = hazardous.map((h, i) => ({ index: i + 1, ...h }));
    const destructive = hazardous.filter((h) => context.gated.includes(h.kind));
    const risk = plan.risk ?? [];
    const lines = plan.text.replace(/\n$/, '').split('\n');
    const attempt = (rows: number, shownLines: number) =>
      render('body', {
        plan,
        ...context,
        summary: summaryByKind(plan),
        hazards: hazards.slice(0, rows),
        hazardsOmitted: Math.max(0, hazards.length - rows),
        destructive: destructive.slice(0, rows),
        destructiveOmitted: Math.max(0, destructive.length - rows),
        risk: risk.slice(0, rows),
        riskOmitted: Math.max(0, risk.length - rows),
        truncated: shownLines < lines.length ? { shownLines, totalLines: lines.length } : undefined,
        sqlBlock: codeBlock('sql', lines.slice(0, shownLines).join('\n')),
        marker: BOT_MARKER,
        planMarker: planMarker(plan),
      });
    const largest = (fits: (n: number) => boolean, max: number) => {
      let low = 0;
      let high = max;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (fits(mid)) low = mid;
        else high = mid - 1;
      }
      return low;
    };
    const tableRows = Math.max(hazards.length, risk.length);
    const full = attempt(tableRows, lines.length);
    if (full.length <= limit) return full;
    // The rows of the hazard and risk tables may take half the room, the SQL the rest; all are
    // cut at whole rows and lines so that the markdown stays well formed.
    const rows = largest((n) => attempt(n, 0).length <= limit / 2, tableRows);
    return attempt(rows, largest((n) => attempt(rows, n).length <= limit, lines.length));
  }

  return {
    title: (plan) => render('title', { plan, summaryLine: summaryLine(plan) }).trim().slice(0, 255),
    body,
    comment: (name, data) => render(`comment-${name}`, data),
    summary: (data) => render('summary', data),
  };
}
