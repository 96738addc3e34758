import type { Forge, MergeRequest } from '../forge/forge.js';

/**
 * Comments unless the merge request already carries the same words. Every run is a fresh CI job
 * that sees the same state again (a plan waiting for approval, commits a person added, a plan
 * already applied), and a reviewer should read each message once, not once per pipeline. A check
 * result is not sent through here: it is news each time, even when it repeats an earlier one.
 */
export async function commentOnce(forge: Forge, mr: MergeRequest, body: string): Promise<void> {
  const said = await forge.comments(mr);
  if (!said.some((c) => c.body === body)) await forge.comment(mr, body);
}
