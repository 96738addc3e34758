import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
const FENCE = '---\n';
/**
 * A host without a server: each merge request is a markdown file (YAML front matter for its
 * state, then `# title` and the body) that a person reads, approves by adding their name under
 * `approved_by`, and merges with git. Everything written is also printed.
 */
export function createLocalForge(options) {
    const bot = options.botName ?? 'schema-bot';
    const fileOf = (branch) => path.join(options.dir, `${branch.replace(/[^\w.-]+/g, '_')}.md`);
    async function read(file) {
        const text = await readFile(file, 'utf8');
        const end = text.indexOf(`\n${FENCE}`, FENCE.length - 1);
        if (!text.startsWith(FENCE) || end < 0)
            throw new Error(`${file}: not a schema-bot merge request (no front matter)`);
        const front = parseDocument(text.slice(FENCE.length, end + 1));
        if (front.errors.length > 0)
            throw new Error(`${file}: ${front.errors[0].message}`);
        const record = front.toJS();
        const rest = text.slice(end + 1 + FENCE.length);
        const [heading = '', ...bodyLines] = rest.split('\n');
        return { record, title: heading.replace(/^# /, ''), body: bodyLines.join('\n').replace(/^\n/, '') };
    }
    async function write(record, title, body) {
        await mkdir(options.dir, { recursive: true });
        await writeFile(fileOf(record.branch), `${FENCE}${stringify(record)}${FENCE}# ${title}\n\n${body}`);
        return toMergeRequest(record, title, body);
    }
    function toMergeRequest(record, title, body) {
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
    async function all() {
        const names = await readdir(options.dir).catch((e) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
        return Promise.all(names.filter((n) => n.endsWith('.md')).map((n) => read(path.join(options.dir, n))));
    }
    async function change(mr, edit) {
        const entry = await read(fileOf(mr.branch));
        await edit(entry);
        return write(entry.record, entry.title, entry.body);
    }
    return {
        host: 'local',
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
            const record = { number, branch: draft.branch, base: draft.baseBranch, state: 'open', author: bot, head, labels: [], reviewers: [], approved_by: [], statuses: [], comments: [] };
            const mr = await write(record, draft.title, draft.body);
            options.print(`Merge request ${mr.url}\n\n# ${draft.title}\n\n${draft.body}\n`);
            return mr;
        },
        async updateMergeRequest(mr, update) {
            const head = await options.headOf?.(mr.branch);
            const updated = await change(mr, (entry) => {
                if (update.title !== undefined)
                    entry.title = update.title;
                if (update.body !== undefined)
                    entry.body = update.body;
                if (head)
                    entry.record.head = head;
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
        async comments(mr) {
            return (await read(fileOf(mr.branch))).record.comments.map((c) => c.body);
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
        async approvals(mr) {
            const { record } = await read(fileOf(mr.branch));
            return [...new Set((record.approved_by ?? []).map(String))].filter((u) => u !== bot).sort();
        },
        async setCommitStatus(sha, status) {
            const entry = (await all()).find((e) => e.record.head === sha);
            if (!entry)
                return;
            entry.record.statuses = [...entry.record.statuses.filter((s) => s.context !== status.context), { sha, context: status.context, state: status.state, description: status.description }];
            await write(entry.record, entry.title, entry.body);
            options.print(`Status ${status.context} of ${sha.slice(0, 12)}: ${status.state} — ${status.description}\n`);
        },
        gitCredentials: async () => undefined,
    };
}
//# sourceMappingURL=local.js.map