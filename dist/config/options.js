export const OPTIONS = [
    { key: 'host', file: 'host', env: 'SCHEMA_BOT_HOST', flag: 'host', type: 'host', help: 'github, gitlab, local or auto (GitHub in Actions, GitLab in GitLab CI, else local)' },
    { key: 'schema', file: 'schema', env: 'SCHEMA_BOT_SCHEMA', flag: 'schema', type: 'list', help: 'directories, files or globs of the declared schema' },
    { key: 'pendingFile', file: 'pending_file', env: 'SCHEMA_BOT_PENDING_FILE', flag: 'pending-file', type: 'path', help: 'the plan file a merge request carries' },
    { key: 'branchPrefix', file: 'branch_prefix', env: 'SCHEMA_BOT_BRANCH_PREFIX', flag: 'branch-prefix', type: 'string', help: 'prefix of the bot’s branches, followed by a UTC timestamp' },
    { key: 'labels', file: 'labels', type: 'labels', help: 'labels for every schema change (change) and for plans that delete data (destructive)' },
    { key: 'reviewers', file: 'reviewers', env: 'SCHEMA_BOT_REVIEWERS', flag: 'reviewers', type: 'list', help: 'usernames asked to review plans that delete data' },
    { key: 'approvers', file: 'approvers', env: 'SCHEMA_BOT_APPROVERS', flag: 'approvers', type: 'list', help: 'usernames whose approval counts for plans that delete data (empty: anyone but the bot)' },
    { key: 'requiredApprovals', file: 'required_approvals', env: 'SCHEMA_BOT_REQUIRED_APPROVALS', flag: 'required-approvals', type: 'integer', help: 'approvals a plan that deletes data needs before apply' },
    { key: 'lockTimeout', file: 'lock_timeout', env: 'SCHEMA_BOT_LOCK_TIMEOUT', flag: 'lock-timeout', type: 'duration', help: 'PostgreSQL lock_timeout while applying (e.g. 5s, 500ms, 2min)' },
    { key: 'statementTimeout', file: 'statement_timeout', env: 'SCHEMA_BOT_STATEMENT_TIMEOUT', flag: 'statement-timeout', type: 'duration', help: 'PostgreSQL statement_timeout while applying (0 for none)' },
    { key: 'online', file: 'online', env: 'SCHEMA_BOT_ONLINE', flag: 'online', type: 'boolean', help: 'prefer statements that keep tables writable (CONCURRENTLY, NOT VALID then VALIDATE)' },
    { key: 'templateDir', file: 'template_dir', env: 'SCHEMA_BOT_TEMPLATE_DIR', flag: 'template-dir', type: 'path', help: 'directory of <name>.hbs files replacing the default merge request templates' },
    { key: 'commitAuthor', file: 'commit_author', env: 'SCHEMA_BOT_COMMIT_AUTHOR', flag: 'commit-author', type: 'author', help: 'author of the bot’s commits, as "Name <email>"' },
];
export const DEFAULTS = {
    host: 'auto',
    schema: ['schema/'],
    pendingFile: 'pending.sql',
    branchPrefix: 'change-schema-',
    labels: { change: 'schema-change', destructive: 'destructive' },
    reviewers: [],
    approvers: [],
    requiredApprovals: 1,
    lockTimeout: '5s',
    statementTimeout: '0',
    online: false,
    commitAuthor: { name: 'schema-bot', email: 'schema-bot@users.noreply.github.com' },
};
/** Options for node:util parseArgs, so a command accepts every flag of the table. */
export function configFlags() {
    return Object.fromEntries([
        ['config', { type: 'string' }],
        ...OPTIONS.filter((o) => o.flag).map((o) => [o.flag, { type: o.type === 'boolean' ? 'boolean' : 'string' }]),
    ]);
}
/** The settings as help text: flag, environment variable, default, meaning. */
export function configHelp() {
    const shown = (value) => (Array.isArray(value) ? value.join(',') || '(none)' : typeof value === 'object' && value ? Object.entries(value).map(([k, v]) => `${k}=${v}`).join(' ') : String(value ?? '(none)'));
    return OPTIONS.map((o) => {
        const names = [o.flag && `--${o.flag}`, o.env, `${o.file}:`].filter(Boolean).join(', ');
        const def = o.key === 'commitAuthor' ? `${DEFAULTS.commitAuthor.name} <${DEFAULTS.commitAuthor.email}>` : shown(DEFAULTS[o.key]);
        return `  ${names}\n      ${o.help} (default: ${def})`;
    }).join('\n');
}
//# sourceMappingURL=options.js.map