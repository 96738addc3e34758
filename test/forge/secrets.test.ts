import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Forge } from '../../src/forge/forge.js';
import { selectForge } from '../../src/forge/select.js';
import { openRepository } from '../../src/git/repository.js';
import type { Exchange } from '../support/fake-host.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { startFakeGitLab } from '../support/fake-gitlab.js';
import { bareRemote, git } from '../support/git-remote.js';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server.js';
import { tempDir } from '../support/temp-dir.js';

const MARKER = '<!-- schema-bot:merge-request -->';
const BRANCH = 'change-schema-20261124T050607Z';
const CREDENTIAL_HEADERS = new Set(['authorization', 'private-token', 'job-token']);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Everything a run printed, raised and sent, apart from the credential headers that must carry the token. */
class Witness {
  readonly seen: string[] = [];
  log = (message: string) => void this.seen.push(message);
  error(error: unknown) {
    this.seen.push(String(error), inspect(error, { depth: 5 }), JSON.stringify(error) ?? '');
  }
  hosts(traffic: Exchange[]) {
    for (const { request } of traffic) {
      const headers = Object.entries(request.headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k));
      this.seen.push(`${request.method} ${request.url} ${JSON.stringify(headers)} ${request.body}`);
    }
  }
  git(server: GitHttpServer) {
    for (const request of server.traffic) {
      this.seen.push(`${request.method} ${request.url} ${JSON.stringify(Object.entries(request.headers).filter(([k]) => k !== 'authorization'))}`);
    }
  }
  /** Each secret, and the forms it travels in, must appear nowhere. */
  expectNone(secrets: string[]) {
    const forms = secrets.flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64'), ...s.split('\n').filter((l) => l.length > 40)]);
    const text = this.seen.join('\n');
    expect(this.seen.length).toBeGreaterThan(10);
    for (const form of forms) expect(text.includes(form), `a secret (${form.slice(0, 6)}…) was printed or sent`).toBe(false);
  }
}

/** What the bot does on a host: publish a plan, open and tend its merge request, see it merged, remove the plan, fail now and then. */
async function scenario(forge: Forge, wrongForge: Forge, merge: (number: number) => void, remoteUrl: string, root: string, witness: Witness) {
  const botDir = path.join(root, 'bot');
  git(root, 'clone', '-q', path.join(root, 'app.git'), botDir);
  git(botDir, 'remote', 'set-url', 'origin', remoteUrl);
  const repo = openRepository({ dir: botDir, author: { name: 'schema-bot', email: 'bot@example.invalid' }, credentials: () => forge.gitCredentials() });
  const files = { 'pending.sql': 'ALTER TABLE users DROP COLUMN legacy;\n' };
  const sha = await repo.publish({ branch: BRANCH, from: await forge.defaultBranch(), files, message: `Plan ${BRANCH}` });
  const mr = await forge.openMergeRequest({ branch: BRANCH, baseBranch: 'main', title: 'Schema change', body: `DROP COLUMN legacy\n${MARKER}` });
  expect(mr.headSha).toBe(sha);
  await forge.setLabels(mr, { add: ['schema-change', 'destructive'], remove: [] });
  await forge.requestReviewers(mr, ['dba']);
  await forge.setCommitStatus(sha, { context: 'schema-bot/destructive-approval', state: 'pending', description: 'needs 1 approval' });
  witness.log(`approvals: ${(await forge.approvals(mr, mr.headSha)).join(',')}`);
  await forge.comment(mr, 'Not applied: needs 1 approval.');
  merge(mr.number);
  await repo.fetch('main');
  expect(await repo.show('origin/main', 'pending.sql')).toBe(files['pending.sql']);
  expect(await repo.removeFiles('main', ['pending.sql'], `Applied ${BRANCH}`)).toBe(true);
  expect((await forge.findMergeRequestByBranch(BRANCH))?.state).toBe('merged');
  await forge.deleteBranch(BRANCH);

  await wrongForge.openMergeRequest({ branch: 'main', baseBranch: 'main', title: 'x', body: 'x' }).catch((e: unknown) => witness.error(e));
  const wrongRepo = openRepository({ dir: botDir, author: { name: 'b', email: 'b@example.invalid' }, credentials: () => wrongForge.gitCredentials() });
  await wrongRepo.publish({ branch: 'elsewhere', from: 'main', files, message: 'x' }).catch((e: unknown) => witness.error(e));
}

async function remoteFor(accepts: (username: string, password: string) => boolean) {
  const dir = await tempDir();
  cleanups.push(dir.remove);
  const { bare } = bareRemote(dir.path, 'app', { 'README.md': 'app\n' });
  const server = await startGitHttpServer(dir.path, accepts);
  cleanups.push(server.close);
  return { root: dir.path, bare, server, url: server.urlOf('app.git') };
}

describe('secrets', () => {
  it('never prints or sends a GitHub token or App key, in success or failure', async () => {
    const token = 'ghp_scanMeToken0123456789abcdef';
    const wrong = 'ghp_scanMeWrongToken9876543210';
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const remote = await remoteFor((user, password) => user === 'x-access-token' && fake.acceptsToken(password));
    const fake = await startFakeGitHub({
      tokens: { [token]: 'schema-bot' },
      bareRepo: remote.bare,
      app: { id: '99', slug: 'schema-bot-app', installationId: 5, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
    cleanups.push(fake.close);
    const witness = new Witness();
    const base = { GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/app', GITHUB_API_URL: fake.apiUrl };
    const select = (env: NodeJS.ProcessEnv) =>
      selectForge({ host: 'auto', env, local: { dir: remote.root, defaultBranch: 'main', print: witness.log }, log: witness.log, retryAfterBaseMs: 1, paceWrites: false });
    fake.inject({ status: 502, body: { message: 'Server Error' } });
    await scenario(select({ ...base, GITHUB_TOKEN: token }), select({ ...base, GITHUB_TOKEN: wrong }), fake.merge, remote.url, remote.root, witness);

    const app = select({ ...base, GITHUB_APP_ID: '99', GITHUB_APP_PRIVATE_KEY: pem.replace(/\n/g, '\\n'), GITHUB_APP_INSTALLATION_ID: '5' });
    const appRepo = openRepository({ dir: path.join(remote.root, 'bot'), author: { name: 'b', email: 'b@example.invalid' }, credentials: () => app.gitCredentials() });
    await appRepo.publish({ branch: `${BRANCH}-app`, from: 'main', files: { 'pending.sql': '-- app\n' }, message: 'as the app' });
    const installationTokens = [...fake.traffic.filter((e) => e.request.url.endsWith('/access_tokens')).map((e) => (JSON.parse(e.response.body) as { token: string }).token)];
    expect(installationTokens).toHaveLength(1);

    witness.hosts(fake.traffic);
    witness.git(remote.server);
    expect(fake.violations).toEqual([]);
    witness.expectNone([token, wrong, pem, ...installationTokens]);
  });

  it('never prints or sends a GitLab token, in success or failure', async () => {
    const token = 'glpat-scanMeToken0123456789ab';
    const wrong = 'glpat-scanMeWrongToken98765432';
    const jobToken = 'glcbt-scanMeJobToken012345678';
    const remote = await remoteFor((user, password) => user === 'oauth2' && password === token);
    const fake = await startFakeGitLab({ tokens: { [token]: 'project_17_bot' }, users: ['dba'], bareRepo: remote.bare });
    cleanups.push(fake.close);
    const witness = new Witness();
    const base = { GITLAB_CI: 'true', CI_SERVER_URL: fake.url, CI_PROJECT_ID: '17', CI_JOB_TOKEN: jobToken };
    const select = (env: NodeJS.ProcessEnv) => selectForge({ host: 'auto', env, local: { dir: remote.root, defaultBranch: 'main', print: witness.log } });
    fake.inject({ status: 429, body: { message: 'Retry later' } });
    await scenario(select({ ...base, GITLAB_TOKEN: token }), select({ ...base, GITLAB_TOKEN: wrong }), fake.merge, remote.url, remote.root, witness);
    try {
      select({ ...base, GITLAB_TOKEN: jobToken });
    } catch (error) {
      witness.error(error);
    }
    witness.hosts(fake.traffic);
    witness.git(remote.server);
    expect(fake.violations).toEqual([]);
    witness.expectNone([token, wrong, jobToken]);
  });
});
