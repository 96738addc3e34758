import path from 'node:path';
import { ConfigError, loadConfig, readFromDisk, type ConfigRequest } from './load-config.js';
import type { Config } from './options.js';

/** A repository's files as they were at a commit. */
export interface RevisionFiles {
  dir: string;
  show(ref: string, file: string): Promise<string | undefined>;
}

/**
 * The settings with the settings file as it stood at `rev`, flags and environment winning over it
 * as always (they come from the CI configuration, not from a merge request). The gate reads its
 * settings here, from the default branch before a merge, so that a merge request that edits the
 * file cannot lower its own bar. A settings file outside the repository belongs to the runner,
 * not to any commit, and is read from disk.
 */
export async function loadConfigAt(repo: RevisionFiles, rev: string, request: ConfigRequest): Promise<Config> {
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
