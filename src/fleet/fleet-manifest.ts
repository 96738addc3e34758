import { PlanFormatError } from '../plan/plan-file.js';

/** The file of a fleet's plan directory that says which plan file each target runs. */
export const MANIFEST_FILE = 'manifest.json';

/** One plan file and the targets, all at its base fingerprint when planned, that run it. */
export interface ManifestGroup {
  file: string;
  base: string;
  target: string;
  targets: string[];
}

/**
 * What a fleet's merge request carries beside its plan files: the plan id they share, each
 * file's targets, and the targets that were already at the target schema. A target that is in
 * no group and not current is not part of the plan: a later run plans for it.
 */
export interface FleetManifest {
  plan: string;
  groups: ManifestGroup[];
  current: string[];
}

export function renderManifest(manifest: FleetManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.sql$/;

/**
 * The manifest as written, checked for the shape the bot writes: a person may edit it on the
 * merge request, so a file name that climbs out of the directory or a target listed twice is
 * refused rather than followed.
 */
export function parseManifest(text: string, name: string): FleetManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlanFormatError(`${name}: not JSON (${(error as Error).message})`);
  }
  const fail = (what: string): never => {
    throw new PlanFormatError(`${name}: ${what}`);
  };
  const m = value as Partial<FleetManifest>;
  if (typeof m !== 'object' || m === null || typeof m.plan !== 'string' || !Array.isArray(m.groups) || !Array.isArray(m.current)) {
    fail('must hold plan (text), groups (a list) and current (a list)');
  }
  const seen = new Set<string>();
  const listOnce = (t: unknown) => {
    if (typeof t !== 'string' || t === '') fail(`a target name must be text, not ${JSON.stringify(t)}`);
    if (seen.has(t as string)) fail(`target ${String(t)} is listed twice`);
    seen.add(t as string);
  };
  const files = new Set<string>();
  for (const g of m.groups!) {
    if (typeof g?.file !== 'string' || !FILE_NAME.test(g.file)) fail(`a group's file must be a file name ending in .sql in the same directory, not ${JSON.stringify(g?.file)}`);
    if (files.has(g.file)) fail(`${g.file} is listed twice`);
    files.add(g.file);
    if (typeof g.base !== 'string' || typeof g.target !== 'string' || !Array.isArray(g.targets)) fail(`group ${g.file} must hold base, target and targets`);
    g.targets.forEach(listOnce);
  }
  m.current!.forEach(listOnce);
  return m as FleetManifest;
}

/** The group a target runs, if the manifest gives it one. */
export const groupOf = (manifest: FleetManifest, target: string) => manifest.groups.find((g) => g.targets.includes(target));
