/**
 * The templates a repository gets unless its template directory has a file of the same name
 * (`<name>.hbs`). Partials (`failures`, `hazards`, `risk`, `destructive`, `on-merge`, `targets`, `fleet-table`) can be overridden the same way.
 * Output is markdown; nothing is HTML-escaped, table cells go through the `cell` helper. What
 * people wrote goes through `text` (one escaped line) or `fenced` (a code block it cannot close).
 */
export const DEFAULT_TEMPLATES = {
  title: 'Schema change {{plan.id}}: {{summaryLine}}',

  body: `## Schema change \`{{plan.id}}\`

This merge request brings production in step with \`schema/*.sql\` at {{plan.source}}.

| kind | create | alter | drop | other |
|---|---:|---:|---:|---:|
{{#each summary}}
| {{kind}} | {{create}} | {{alter}} | {{drop}} | {{other}} |
{{/each}}

{{> targets}}
{{> failures}}
{{> destructive}}
{{> hazards}}
{{> risk}}
### The plan

{{#if truncated}}
> The plan is {{truncated.totalLines}} lines; the first {{truncated.shownLines}} are shown. The full plan is {{#if fileUrl}}[\`{{plan.file}}\`]({{fileUrl}}){{else}}\`{{plan.file}}\`{{/if}} on this branch.

{{/if}}
{{{sqlBlock}}}

Reviewers may edit \`{{plan.file}}\` on this branch (a backfill, another order): \`schema-bot check\` proves the edited plan still reaches the schema.

{{> on-merge}}


<details><summary>Fingerprints</summary>

- base (production now): \`{{plan.base}}\`
- target (schema/*.sql): \`{{plan.target}}\`
- source commit: \`{{plan.source}}\`

</details>

{{{planMarker}}}
{{{marker}}}
`,

  targets: `{{#if fleet}}
### Databases

Each plan file runs only on the databases listed for it in \`{{fleet.manifest}}\`, and only while a database still has the file's base fingerprint. The plan shown below is the first file's; the others are in this merge request's changes.

{{> fleet-table}}
{{#if fleet.current}}

{{fleet.current}} database(s) already have the schema and run nothing.
{{/if}}
{{#each fleet.unread}}
> [!WARNING]
> \`{{cell name}}\` could not be read and is not in this plan: {{cell reason}}
{{/each}}

{{/if}}`,

  'fleet-table': `| file | statements | databases | base |
|---|---:|---|---|
{{#each fleet.groups}}
| \`{{file}}\` | {{statements}} | {{count}}: {{#each names}}{{cell this}}{{#unless @last}}, {{/unless}}{{/each}}{{#if more}} and {{more}} more{{/if}} | \`{{base}}\` |
{{/each}}
`,

  failures: `{{#if plan.failures.length}}
> [!CAUTION]
> **This plan will fail on production's rows as it stands.** Apply would stop at the first of these statements; \`schema-bot check\` fails until a backfill above them (or another edit of \`{{plan.file}}\`) lets them run. \`{{plan.file}}\` has a fix to start from, commented above each.
{{#each plan.failures}}
> - \`{{@root.plan.file}}:{{line}}\` \`{{cell statement}}\` — {{cell failure}}
{{/each}}

{{/if}}`,

  destructive: `{{#if destructive.length}}
> [!WARNING]
> **This plan needs approval:** its statements below delete or change data, or run code no check can verify. It needs {{requiredApprovals}} approval{{#unless (eq requiredApprovals 1)}}s{{/unless}}{{#if approvers.length}} from {{#each approvers}}@{{this}}{{#unless @last}}, {{/unless}}{{/each}}{{/if}} before it is applied.
{{#each destructive}}
> - \`{{cell statement}}\` — {{kind}}: {{cell message}}
{{/each}}
{{#if destructiveOmitted}}
> - … and {{destructiveOmitted}} more in \`{{plan.file}}\`
{{/if}}

{{/if}}`,

  hazards: `{{#if hazards.length}}
### Hazards

| # | statement | hazard | why it matters | safer alternative |
|---:|---|---|---|---|
{{#each hazards}}
| {{index}} | \`{{cell statement}}\` | {{kind}}: {{cell message}} | {{cell why}} | {{cell saferAlternative}} |
{{/each}}
{{#if hazardsOmitted}}

… and {{hazardsOmitted}} more hazards, marked \`-- hazard\` in \`{{plan.file}}\`.
{{/if}}

{{/if}}`,

  risk: `{{#if risk.length}}
### Risk on production

What each statement costs on the table it locks, sized by production's statistics (rows are the planner's estimate, sizes include indexes and TOAST).

| # | statement | table | rows | size | lock | rewrite/scan | severity |
|---:|---|---|---:|---:|---|---|---|
{{#each risk}}
| {{statement}} | \`{{cell sql}}\` | {{text table}} | {{rows}} | {{size}} | {{lock}}{{#if online}}; \`--online\` would avoid it{{/if}} | {{#unless (eq work 'none')}}{{work}}{{/unless}} | {{severity}}{{#if dataLoss}} (data loss){{/if}} |
{{/each}}
{{#if riskOmitted}}

… and {{riskOmitted}} more statements on production's tables; \`schema-bot plan\` prints every one.
{{/if}}

{{/if}}`,

  'on-merge': `### What happens on merge

\`schema-bot run\` on \`{{defaultBranch}}\` checks that production still has the base fingerprint, applies \`{{plan.file}}\` under an advisory lock (in one transaction where PostgreSQL allows), records it in the ledger, verifies that production now has the target fingerprint, removes \`{{plan.file}}\` and comments the result here. If production changed in the meantime, nothing is applied and a new plan is opened.`,

  'comment-applied': `Applied \`{{planId}}\`: {{statements}} statement{{#unless (eq statements 1)}}s{{/unless}}; production now has \`{{target}}\`.{{#if cleanupUrl}} \`{{file}}\` could not be removed directly; the cleanup is in {{cleanupUrl}}.{{/if}}`,

  'comment-apply-refused': `Not applied: \`{{planId}}\` {{reason}} and needs {{required}} approval{{#unless (eq required 1)}}s{{/unless}}{{#if approvers.length}} from {{#each approvers}}@{{this}}{{#unless @last}}, {{/unless}}{{/each}}{{/if}}; it has {{approvedBy.length}}{{#if approvedBy.length}} ({{#each approvedBy}}@{{this}}{{#unless @last}}, {{/unless}}{{/each}}){{/if}}. {{missing}} more needed.{{#if changedFrom}} \`{{file}}\` on \`{{defaultBranch}}\` is not the file approved on {{changedFrom}}, so no approval counts for it.{{/if}} Approve, then rerun the pipeline on \`{{defaultBranch}}\`.`,

  'comment-apply-failed': `Applying \`{{planId}}\` failed; production was left as it was where PostgreSQL allowed.

{{{fenced error}}}`,

  'comment-closed': `Closed: {{reason}}`,

  'comment-fleet-applied': `Applied \`{{planId}}\` to {{targets}} database{{#unless (eq targets 1)}}s{{/unless}} from {{files}} plan file{{#unless (eq files 1)}}s{{/unless}}, wave by wave; each database's ledger records it.{{#if current}} {{current}} already had the schema.{{/if}}{{#if cleanupUrl}} \`{{dir}}\` could not be removed directly; the cleanup is in {{cleanupUrl}}.{{/if}}`,

  'comment-fleet-failed': `Applying \`{{planId}}\` failed in wave {{wave}}; {{#if later}}the {{later}} database{{#unless (eq later 1)}}s{{/unless}} of later waves were not started. {{/if}}Databases that applied keep it in their ledgers; rerun the pipeline on the default branch to resume once the cause is fixed.
{{#each failures}}

**{{text target}}**
{{{fenced error}}}
{{/each}}`,

  'comment-kept-commits': `\`{{branch}}\` has commits that are not the bot's, so the bot did not overwrite it:
{{#each commits}}
- {{sha}} {{text subject}} ({{text author}})
{{/each}}

The current plan differs from this branch's \`{{file}}\`. Fold your change into \`schema/*.sql\` or close this merge request to let the bot open a fresh one.`,

  'comment-preview': `### Schema preview of {{source}}

{{#if statements}}
Once this is merged, schema-bot plans these {{statements}} statement{{#unless (eq statements 1)}}s{{/unless}} for production and opens its own merge request to review and apply them:

{{{sqlBlock}}}

{{#if failures.length}}
> [!CAUTION]
> **Production's rows make these fail as they stand:**
{{#each failures}}
> - \`{{cell statement}}\` — {{text failure}}
{{/each}}

{{/if}}
{{#if gated.length}}
> [!WARNING]
> **The plan will need approval** before it is applied:
{{#each gated}}
> - \`{{cell statement}}\` ({{kind}})
{{/each}}

{{/if}}
{{> risk}}
{{else}}
No schema change any more: production already matches the schema of this branch.

{{/if}}
{{#if lint.length}}
#### Lint

| severity | rule | where | finding |
|---|---|---|---|
{{#each lint}}
| {{severity}} | \`{{rule}}\` | {{text where}} | {{text message}} |
{{/each}}
{{#if lintOmitted}}

… and {{lintOmitted}} more; \`schema-bot lint\` prints every one.
{{/if}}

{{/if}}
{{{marker}}}
`,

  'comment-check': `{{#if ok}}\`schema-bot check\` passed: \`{{file}}\` turns production into \`schema/*.sql\` of {{source}}.{{else}}\`schema-bot check\` failed:
{{#each problems}}

{{{fenced this}}}
{{/each}}{{/if}}`,

  summary: `### schema-bot {{command}}

{{#if plan}}
- plan: \`{{plan.id}}\`, {{plan.statements.length}} statement{{#unless (eq plan.statements.length 1)}}s{{/unless}}{{#if destructive}}, **needs approval**{{/if}}
{{/if}}
{{#if mergeRequestUrl}}
- merge request: {{mergeRequestUrl}}
{{/if}}
- outcome: {{outcome}}
{{#if fleet}}

{{> fleet-table}}
{{#if fleet.current}}

{{fleet.current}} database(s) already have the schema.
{{/if}}
{{/if}}
`,
} as const;

export type TemplateName = keyof typeof DEFAULT_TEMPLATES;
