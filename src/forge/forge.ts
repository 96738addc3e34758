import type { HostName } from './hosts.js';

/**
 * What the bot needs from a code host, and nothing more. A merge request is found again by its
 * branch prefix and a hidden marker in its description, never by local state, so a rerun on a
 * fresh CI runner sees what the last one did.
 */
export type MergeRequestState = 'open' | 'closed' | 'merged';

export interface MergeRequest {
  /** GitHub's pull request number, GitLab's iid, the local file's sequence number. */
  number: number;
  url: string;
  branch: string;
  baseBranch: string;
  title: string;
  body: string;
  state: MergeRequestState;
  /** Login of the account that opened it: the bot's own, so it is never asked to review. */
  author: string;
  headSha: string;
  labels: string[];
}

export interface MergeRequestDraft {
  branch: string;
  baseBranch: string;
  title: string;
  body: string;
}

export type CommitState = 'pending' | 'success' | 'failure' | 'error';

export interface CommitStatus {
  /** The status's name, e.g. `schema-bot/destructive-approval`. */
  context: string;
  state: CommitState;
  description: string;
  targetUrl?: string;
}

/** A comment on a merge request, by the id the host edits it by. */
export interface Comment {
  id: number;
  body: string;
}

/** Username and password for git over HTTPS; the password is a secret. */
export interface GitCredentials {
  username: string;
  password: string;
}

export interface Forge {
  readonly host: HostName;
  /** The longest merge request description the host takes, in characters. */
  readonly bodyLimit: number;
  defaultBranch(): Promise<string>;
  /**
   * Whether the host may refuse the bot's direct push to `branch` (GitHub: the branch is
   * protected; GitLab: the token's user cannot push there): a hint to open a cleanup MR instead.
   */
  pushRestricted(branch: string): Promise<boolean>;
  /** The open merge request whose branch starts with `branchPrefix` and whose body holds `marker`. */
  findOpenBotMergeRequest(branchPrefix: string, marker: string): Promise<MergeRequest | undefined>;
  /** The most recent merge request from `branch`, in any state. */
  findMergeRequestByBranch(branch: string): Promise<MergeRequest | undefined>;
  openMergeRequest(draft: MergeRequestDraft): Promise<MergeRequest>;
  updateMergeRequest(mr: MergeRequest, change: { title?: string; body?: string }): Promise<MergeRequest>;
  closeMergeRequest(mr: MergeRequest): Promise<void>;
  deleteBranch(branch: string): Promise<void>;
  comment(mr: MergeRequest, body: string): Promise<void>;
  /** The merge request's comments, oldest first; the host's own notes left out. */
  comments(mr: MergeRequest): Promise<Comment[]>;
  /** Replaces the text of comment `id`, one the bot wrote: the one comment a preview keeps up to date. */
  editComment(mr: MergeRequest, id: number, body: string): Promise<void>;
  /** Adds and removes labels, leaving labels people set alone. */
  setLabels(mr: MergeRequest, change: { add: string[]; remove: string[] }): Promise<void>;
  /** Requests reviews; the MR's author (the bot) is filtered out. Returns who was asked. */
  requestReviewers(mr: MergeRequest, usernames: string[]): Promise<string[]>;
  /**
   * Usernames whose approval stands for exactly `head` (given on that commit, or after it was
   * pushed), from people with write access who are neither the merge request's author (the bot)
   * nor the author of a commit on its branch. Which of them and how many are enough is for
   * workflow/approvals.ts to say, not the host.
   */
  approvals(mr: MergeRequest, head: string): Promise<string[]>;
  setCommitStatus(sha: string, status: CommitStatus): Promise<void>;
  /** What git should authenticate with when pushing; undefined when the remote needs none. */
  gitCredentials(): Promise<GitCredentials | undefined>;
}
