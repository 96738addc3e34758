import type { Catalog, Fact } from '../catalog/fact.js';
import { factId } from '../catalog/fact-id.js';
import { action, type Action } from './action.js';
import { objectName } from './object-name.js';
import type { Rule } from './rule.js';

/** A rename the schema declares: the object at `path` was called `from` (see db/rename-hints). */
export interface DeclaredRename {
  kind: string;
  path: string[];
  from: string;
  member?: string;
  /** Where it was declared, for messages. */
  where: string;
}

export interface RenamePlan {
  /** Statements for production, in old names first: run after every other statement. */
  forward: Action[];
  /** Statements that give the shadow production's old names back, so that the rest of the diff
   * compares like with like and PostgreSQL itself rewrites every reference to a renamed object. */
  reverse: string[];
  /** Hints that change nothing, and why. */
  notes: string[];
}

/**
 * Which declared renames production still needs: the old object exists there and the new one does
 * not. Parents are renamed before their children going forward, and after them going back, so each
 * statement names the parent as it is at that moment. A rename takes along what PostgreSQL named
 * after the object (`users_pkey` with table `users`) where the schema has the name made the same way.
 */
export function planRenames(
  declared: DeclaredRename[],
  source: Catalog,
  target: Catalog,
  ruleFor: (kind: string) => Rule,
): RenamePlan {
  const plan: RenamePlan = { forward: [], reverse: [], notes: [] };
  const queue = [...declared].sort((a, b) => a.path.length - b.path.length || Number(a.member !== undefined) - Number(b.member !== undefined));
  const oldPaths = new Map<string, string[]>();
  const newPaths = new Map<string, string[]>();
  const mapPrefix = (path: string[], map: Map<string, string[]>): string[] => {
    for (let n = path.length; n > 0; n--) {
      const renamed = map.get(JSON.stringify(path.slice(0, n)));
      if (renamed) return [...renamed, ...path.slice(n)];
    }
    return path;
  };
  const reverse: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const hint = queue[i]!;
    const wanted = target.get(factId(hint.kind, ...hint.path));
    if (!wanted) {
      plan.notes.push(`${hint.where}: rename hint ignored: the schema declares no ${objectName({ kind: hint.kind, name: hint.path })}`);
      continue;
    }
    const rule = ruleFor(wanted.kind);
    if (hint.member !== undefined) {
      const step = renameMember(hint, wanted, source.get(factId(hint.kind, ...mapPrefix(hint.path, oldPaths))), rule);
      if (typeof step === 'string') plan.notes.push(`${hint.where}: ${step}`);
      else {
        plan.forward.push(step.forward);
        reverse.push(step.reverse);
      }
      continue;
    }
    const oldPath = [...mapPrefix(hint.path.slice(0, -1), oldPaths), hint.from];
    const existing = source.get(factId(hint.kind, ...oldPath));
    if (!existing) {
      // Production has the new name and not the old: the rename has been applied and the hint is
      // simply true. Saying so would repeat on every run for as long as the hint stays.
      if (!source.has(wanted.id)) plan.notes.push(`${hint.where}: rename hint changes nothing: production has no ${objectName({ kind: hint.kind, name: oldPath })}`);
      continue;
    }
    if (source.has(wanted.id)) {
      plan.notes.push(`${hint.where}: rename hint changes nothing: production already has ${objectName(wanted)}`);
      continue;
    }
    if (!rule.rename) throw new Error(`${hint.where}: a ${wanted.kind} cannot be renamed`);
    oldPaths.set(JSON.stringify(hint.path), oldPath);
    newPaths.set(JSON.stringify(oldPath), hint.path);
    const leaf = hint.path[hint.path.length - 1]!;
    const asOld: Fact = { ...wanted, name: [...wanted.name.slice(0, -1), hint.from] };
    plan.forward.push(renameAction(wanted, rule.rename(asOld, leaf)));
    reverse.push(rule.rename(wanted, hint.from));
    queue.push(...namedAfter(existing, hint, source, target, ruleFor, (path) => mapPrefix(path, newPaths)));
  }
  plan.reverse = reverse.reverse();
  return plan;
}

/**
 * Objects beside or inside a renamed one whose names PostgreSQL made from its name, and which the
 * schema names the same way after the new name: they are renamed along with it.
 */
function namedAfter(
  renamed: Fact,
  hint: DeclaredRename,
  source: Catalog,
  target: Catalog,
  ruleFor: (kind: string) => Rule,
  newPathOf: (oldPath: string[]) => string[],
): DeclaredRename[] {
  const scope = new Set([renamed.id, renamed.parent]);
  const to = hint.path[hint.path.length - 1]!;
  const part = new RegExp(`(^|_)${hint.from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=_|$)`, 'g');
  const implied: DeclaredRename[] = [];
  for (const fact of source.values()) {
    if (fact === renamed || !scope.has(fact.parent) || !ruleFor(fact.kind).rename) continue;
    const leaf = fact.name[fact.name.length - 1]!;
    const newLeaf = leaf.replace(part, `$1${to}`);
    if (newLeaf === leaf) continue;
    const kind = fact.id.slice(0, fact.id.indexOf(':'));
    const prefix = newPathOf(fact.name.slice(0, -1));
    const path = [...prefix, newLeaf];
    const id = factId(kind, ...path);
    if (target.has(id) && !source.has(id) && !target.has(factId(kind, ...prefix, leaf))) {
      implied.push({ kind, path, from: leaf, where: `${hint.where} (named after ${hint.from})` });
    }
  }
  return implied;
}

function renameMember(
  hint: DeclaredRename,
  wanted: Fact,
  existing: Fact | undefined,
  rule: Rule,
): { forward: Action; reverse: string } | string {
  const member = hint.member!;
  if (!rule.renameMember || !rule.members) throw new Error(`${hint.where}: a ${wanted.kind} has no members to rename`);
  const has = (fact: Fact | undefined, value: string) => (fact ? rule.members!(fact).includes(value) : false);
  if (!has(existing, hint.from)) return `rename hint changes nothing: production has no value '${hint.from}'`;
  if (has(existing, member)) return `rename hint changes nothing: production already has value '${member}'`;
  // Going forward the type has its new name already (parents first); going back, still.
  return {
    forward: renameAction(wanted, rule.renameMember(wanted, hint.from, member)),
    reverse: rule.renameMember(wanted, member, hint.from),
  };
}

function renameAction(fact: Fact, sql: string): Action {
  return action(fact.kind, {
    sql,
    alters: [fact.id],
    renames: [fact.id],
    hazards: [{ kind: 'breaking-change', message: `renames ${objectName(fact)}: code that uses the old name fails` }],
  });
}
