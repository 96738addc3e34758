import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { CommitStatus, Forge, MergeRequest } from './forge.js';
import { HOSTS } from './hosts.js';

export interface LocalForgeOptions {
  /** Where merge requests are kept, normally `<repository>/.schema-bot/merge-requests`. */
  dir: string;
  defaultBranch: string;
  /** Shows each merge request and comment as it is written (a terminal, a job log). */
  print: (markdown: string) => void;
  /** The commit a branch points at now ('' when it is gone); without it merge requests carry the bot's last head. */
  headOf?: (branch: string) => Promise<string>;
  /** Whether `commit` is on `branch`: a person merged the merge request with git. */
  contains?: (branch: string, commit: string) => Promise<boolean>;
  /** Removes a branch when its merge request is done with; without it the branch stays. */
  removeBranch?: (branch: string) => Promise<void>;
  /** The name the bot writes as (the author of its merge requests). */
  botName?: string;
}

/** What a local merge request file holds above its body. */
interface Record {
  number: number;
  branch: string;
  base: string;
  state: MergeRequest['state'];
  author: string;
  head: string;
  labels: string[];
  reviewers: string[];
  /** People approve by adding `name@<full sha of the head they approve>` here. */
  approved_by: string[];
  statuses: { sha: string; context: string; state: string; description: string }[];
  comments: { author: string; body: string }[];
}

const FENCE = '---\n';

/**
 * A host without a server: each merge request is a markdown file (YAML front matter for its
 * state, then `# title` and the body) that a person reads, approves by adding `name@<head sha>`
 * under `approved_by`, and merges with git. Everything written is also printed. There are no
 * accounts: whoever can edit the file can approve under any name, so the local host binds an
 * approval to a head and nothing more.
 */
export function createLocalForge(options: LocalForgeOptions): Forge {
  const bot = options.botName ?? 'schema-bot';
  const fileOf = (branch: string) => path.join(options.dir, `${branch.replace(/[^\w.-]+/g, '_')}.md`);

  async function read(file: string): Promise<{ record: Record; title: string; body: string }> {
    const text = await readFile(file, 'utf8');
    const end = text.indexOf(`\n${FENCE}`, FENCE.length - 1);
    if (!text.startsWith(FENCE) || end < 0) throw new Error(`${file}: not a schema-bot merge request (no front matter)`);
    const front = parseDocument(text.slice(FENCE.length, end + 1));
    if (front.errors.length > 0) throw new Error(`${file}: ${front.errors[0]!.message}`);
    const record = front.toJS() as Record;
    const rest = text.slice(end + 1 + FENCE.length);
    const [heading = '', ...bodyLines] = rest.split('\n');
    return { record, title: heading.replace(/^# /, ''), body: bodyLines.join('\n').replace(/^\n/, '') };
  }

  async function write(record: Record, title: string, body: string): Promise<MergeRequest> {
    // The folder the bot makes (normally .schema-bot/) is its own, never part of a commit: git ignores it.
    const made = await mkdir(options.dir, { recursive: true });
    if (made) await writeFile(path.join(made, '.gitignore'), '# made by schema-bot: its local merge requests stay out of git\n*\n');
    await writeFile(fileOf(record.branch), `${FENCE}${stringify(record)}${FENCE}# ${title}\n\n${body}`);
    return toMergeRequest(record, title, body);
  }

  function toMergeRequest(record: Record, title: string, body: string): MergeRequest {
    return {
      number: record.number,
      url: path.relative(process.cwd(), fileOf(record.branch)) || fileOf(record.branch),
      branch: record.branch,
      baseBranch: record.base,
      title,
      body,
      state: record.state,
      author: record.author,
      headSha: record.head,
      labels: record.labels,
    };
  }

  /**
   * Every merge request, each with its branch's head as it is now (a person may have pushed), and
   * an open one whose head is already on its base marked merged: a person merged it with git.
   */
  async function all() {
    const names = await readdir(options.dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
    const entries = await Promise.all(names.filter((n) => n.endsWith('.md')).map((n) => read(path.join(options.dir, n))));
    for (const entry of entries) {
      const { record } = entry;
      record.head = (await options.headOf?.(record.branch)) || record.head;
      if (record.state === 'open' && record.head && (await options.contains?.(record.base, record.head))) {
        record.state = 'merged';
        await write(record, entry.title, entry.body);
      }
    }
    return entries;
  }

  async function change(mr: MergeRequest, edit: (entry: { record: Record; title: string; body: string }) => void | Promise<void>) {
    const entry = await read(fileOf(mr.branch));
    await edit(entry);
    return write(entry.record, entry.title, entry.body);
  }

  return {
    host: 'local',
    bodyLimit: HOSTS.local.bodyLimit,
    defaultBranch: async () => options.defaultBranch,
    pushRestricted: async () => false,

    async findOpenBotMergeRequest(branchPrefix, marker) {
      const open = (await all()).find((e) => e.record.state === 'open' && e.record.branch.startsWith(branchPrefix) && e.body.includes(marker));
      return open && toMergeRequest(open.record, open.title, open.body);
    },

    async findMergeRequestByBranch(branch) {
      const entry = (await all()).find((e) => e.record.branch === branch);
      return entry && toMergeRequest(entry.record, entry.title, entry.body);
    },

    async openMergeRequest(draft) {
      const number = (await all()).reduce((max, e) => Math.max(max, e.record.number), 0) + 1;
      const head = (await options.headOf?.(draft.branch)) ?? '';
      const record: Record = { number, branch: draft.branch, base: draft.baseBranch, state: 'open', author: bot, head, labels: [], reviewers: [], approved_by: [], statuses: [], comments: [] };
      const mr = await write(record, draft.title, draft.body);
      options.print(`Merge request ${mr.url}\n\n# ${draft.title}\n\n${draft.body}\n`);
      return mr;
    },

    async updateMergeRequest(mr, update) {
      const head = await options.headOf?.(mr.branch);
      const updated = await change(mr, (entry) => {
        if (update.title !== undefined) entry.title = update.title;
        if (update.body !== undefined) entry.body = update.body;
        if (head) entry.record.head = head;
      });
      options.print(`Merge request ${updated.url} updated\n\n# ${updated.title}\n\n${updated.body}\n`);
      return updated;
    },

    async closeMergeRequest(mr) {
      await change(mr, (entry) => {
        entry.record.state = 'closed';
      });
      options.print(`Merge request ${mr.url} closed\n`);
    },

    async deleteBranch(branch) {
      await options.removeBranch?.(branch);
    },

    async comment(mr, body) {
      await change(mr, (entry) => {
        entry.record.comments.push({ author: bot, body });
      });
      options.print(`Comment on ${mr.url}:\n\n${body}\n`);
    },

    // A comment's id is its place in the file's list, which only grows.
    async comments(mr) {
      return (await read(fileOf(mr.branch))).record.comments.map((c, i) => ({ id: i + 1, body: c.body }));
    },

    async editComment(mr, id, body) {
      await change(mr, (entry) => {
        const comment = entry.record.comments[id - 1];
        if (!comment) throw new Error(`${mr.url} has no comment ${id}`);
        comment.body = body;
      });
      options.print(`Comment on ${mr.url} edited:\n\n${body}\n`);
    },

    async setLabels(mr, { add, remove }) {
      await change(mr, (entry) => {
        entry.record.labels = [...new Set([...entry.record.labels, ...add])].filter((l) => !remove.includes(l));
      });
    },

    async requestReviewers(mr, usernames) {
      const asked = [...new Set(usernames)].filter((u) => u !== bot);
      await change(mr, (entry) => {
        entry.record.reviewers = [...new Set([...entry.record.reviewers, ...asked])];
      });
      return asked;
    },

    async approvals(mr, head) {
      const { record } = await read(fileOf(mr.branch));
      // A name alone, or with another (or abbreviated) commit, approves nothing that is merged now.
      const onHead = (record.approved_by ?? []).map((a) => /^(.+)@(\S+)$/.exec(String(a).trim())).filter((m) => head !== '' && m?.[2]!.toLowerCase() === head.toLowerCase());
      return [...new Set(onHead.map((m) => m![1]!))].filter((u) => u !== bot).sort();
    },

    async setCommitStatus(sha, status: CommitStatus) {
      const entry = (await all()).find((e) => e.record.head === sha);
      if (!entry) return;
      entry.record.statuses = [...entry.record.statuses.filter((s) => s.context !== status.context), { sha, context: status.context, state: status.state, description: status.description }];
      await write(entry.record, entry.title, entry.body);
      options.print(`Status ${status.context} of ${sha.slice(0, 12)}: ${status.state} — ${status.description}\n`);
    },

    gitCredentials: async () => undefined,
  };
}
