import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/apply/ledger.js';
import { heldBack, type FleetProgress, type TargetProgress } from '../../src/fleet/fleet-progress.js';

const group = (file: string) => ({ file, base: `sha256:${file}`, target: 'sha256:t', targets: [] });
const applied = (sha: string): LedgerEntry => ({ file_sha256: sha, finished_at: new Date(), outcome: 'applied', steps_done: 1, step_running: null, fingerprint_before_step: null });

function target(name: string, environment: string, wave: number, file: string, entry?: LedgerEntry, promotedFrom?: string): TargetProgress {
  return { target: { name, url: `postgres://h/${name}`, environment, wave, ...(promotedFrom ? { promotedFrom } : {}) }, group: group(file), ...(entry ? { entry } : {}) };
}

const progress = (...planned: TargetProgress[]): FleetProgress => ({ planned, unplanned: [] });

describe('when a target of a fleet plan may run', () => {
  it('waits for every target of earlier waves', () => {
    const staging = target('staging', 'staging', 0, 'group-1.sql');
    const prod = target('prod', 'production', 1, 'group-1.sql');
    expect(heldBack(prod, progress(staging, prod), 'aaa')).toBe('wave 1 waits for 1 target(s) of earlier waves (staging)');
    expect(heldBack(staging, progress(staging, prod), 'aaa')).toBeUndefined();
  });

  it('runs a promoted target only on a file its environment applied, by content', () => {
    const staging = target('staging', 'staging', 0, 'group-1.sql', applied('aaa'));
    const same = target('prod', 'production', 1, 'group-1.sql', undefined, 'staging');
    expect(heldBack(same, progress(staging, same), 'aaa')).toBeUndefined();
    // Production drifted into a file of its own: staging never ran it.
    const drifted = target('prod', 'production', 1, 'group-2.sql', undefined, 'staging');
    expect(heldBack(drifted, progress(staging, drifted), 'bbb')).toMatch(/^prod is promoted from staging, and no staging database has applied group-2\.sql/);
  });
});
