import path from 'node:path';
import { ConfigError, loadConfig, readFromDisk, type ConfigRequest } from './load-config.js';
import { GATE_CLASSES } from '../plan/classify-statement.js';
import type { Config } from './options.js';

/** A repository's files as they were at a commit. */
export interface RevisionFiles {
  dir: string;
  show(ref: string, file: string): Promise<string | undefined>;
}

/**
 * The settings with the settings file as it stood at `rev`. The gate reads its settings here, from
 * the default branch before a merge, so that a merge request that edits the file cannot lower its
 * own bar. Flags and environment win over the file as always, except for the bar itself: they come
 * from the CI configuration, which a merge request can edit too (a workflow's `env:`), so for the
 * gate's settings they may only raise what the file at `rev` asks. A settings file outside the
 * repository belongs to the runner, not to any commit, and is read from disk.
 */
export async function loadConfigAt(repo: RevisionFiles, rev: string, request: ConfigRequest): Promise<Config> {
  const withInputs = await settingsAt(repo, rev, request);
  const fileAlone = await settingsAt(repo, rev, { ...request, env: { SCHEMA_BOT_CONFIG: request.env.SCHEMA_BOT_CONFIG }, flags: { config: request.flags?.config } });
  return { ...withInputs, ...stricterBar(fileAlone, withInputs) };
}

/** Of two bars, the one no lower than either: every class either gates, the most approvals, the file's approvers when it names any. */
function stricterBar(file: Config, inputs: Config): Pick<Config, 'gated' | 'requiredApprovals' | 'approvers'> {
  return {
    gated: GATE_CLASSES.filter((k) => file.gated.includes(k) || inputs.gated.includes(k)),
    requiredApprovals: Math.max(file.requiredApprovals, inputs.requiredApprovals),
    approvers: file.approvers.length > 0 ? file.approvers : inputs.approvers,
  };
}

async function settingsAt(repo: RevisionFiles, rev: string, request: ConfigRequest): Promise<Config> {
  const read = (file: string) => {
    const inRepo = path.relative(repo.dir, file);
    return inRepo.startsWith('..') || path.isAbsolute(inRepo) ? readFromDisk(file) : repo.show(rev, inRepo.split(path.sep).join('/'));
  };
  try {
    return await loadConfig({ ...request, read });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(`the settings at ${rev.slice(0, 12)}: ${error.message}`);
  }
}
