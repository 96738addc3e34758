import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../support/git-remote.js';
import { listJobs } from '../support/gitlab-ci-local.js';
import { branchPipeline, mergeRequestPipeline, templateProject, type TemplateProject } from './template-project.js';

/**
 * Which of the template's jobs each kind of pipeline gets, as gitlab-ci-local evaluates the rules
 * (nothing runs). The bot's own pushes — its change-schema-* branches and the commit that removes
 * an applied plan — must start neither job, or each run would start the next.
 */
let project: TemplateProject;

beforeAll(async () => {
  project = await templateProject({ command: 'schema-bot' }, 'CREATE TABLE users (id int);');
  // Only read for the project path; nothing is fetched.
  git(project.checkout, 'remote', 'set-url', 'origin', 'http://127.0.0.1:9/acme/app.git');
});
afterAll(() => project?.remove());

const PERSON = { CI_COMMIT_TITLE: 'Add users.name', CI_COMMIT_AUTHOR: 'Pat Person <pat@example.com>' };
const BOT = { CI_COMMIT_AUTHOR: 'schema-bot <schema-bot@users.noreply.github.com>' };

async function jobsOf(kind: { variables: Record<string, string>; unset: string[] }, commit: Record<string, string>, inputs: string[] = [], validate = false): Promise<string[]> {
  const jobs = await listJobs({ cwd: project.checkout, variables: { ...kind.variables, ...commit }, unset: kind.unset, inputs, validate });
  return jobs.map((j) => j.name);
}

describe('the jobs of .gitlab-ci-template.yml', () => {
  it('runs on the default branch for pushes and schedules, checks merge requests from the bot branches and previews the others', async () => {
    // Once against GitLab's JSON schema of .gitlab-ci.yml, as included and with its inputs filled in.
    expect(await jobsOf(branchPipeline('main'), PERSON, [], true)).toEqual(['schema-bot-run']);
    expect(await jobsOf(branchPipeline('main', 'schedule'), PERSON)).toEqual(['schema-bot-run']);
    expect(await jobsOf(mergeRequestPipeline('change-schema-20261124T050607Z', 1), { ...BOT, CI_COMMIT_TITLE: 'Schema change: add users.name' })).toEqual(['schema-bot-check']);
    expect(await jobsOf(mergeRequestPipeline('feature/users-name', 2), PERSON)).toEqual(['schema-bot-preview']);
  });

  // The bot's commit removing an applied plan from main is left out too: pipeline.test.ts shows it on the real commit.
  it('leaves out the bot’s own pushes: its branches and its cleanup merge requests', async () => {
    expect(await jobsOf(branchPipeline('change-schema-20261124T050607Z'), { ...BOT, CI_COMMIT_TITLE: 'Schema change: add users.name' })).toEqual([]);
    expect(await jobsOf(mergeRequestPipeline('change-schema-20261124T050607Z-cleanup', 3), { ...BOT, CI_COMMIT_TITLE: 'Applied change-schema-20261124T050607Z: remove pending.sql' })).toEqual([]);
  });

  it('drops a job its input turns off', async () => {
    expect(await jobsOf(branchPipeline('main'), PERSON, ['run=false'])).toEqual([]);
    expect(await jobsOf(mergeRequestPipeline('change-schema-20261124T050607Z', 1), BOT, ['check=false'])).toEqual([]);
    expect(await jobsOf(mergeRequestPipeline('feature/users-name', 2), PERSON, ['preview=false'])).toEqual([]);
  });
});
