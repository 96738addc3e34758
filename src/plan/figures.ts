/**
 * Figures as a reviewer reads them at a glance: `12 GB`, `~41 M rows`. Two significant figures at
 * most, because production's counts are the planner's estimates and its sizes change by the minute.
 */
const BYTE_UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
const COUNT_UNITS = ['', ' k', ' M'];

/** `950`, `1.5`, `42`: one decimal below ten, where a whole number would hide a factor of two. */
function shortNumber(value: number): string {
  return value < 10 ? String(Math.round(value * 10) / 10) : Math.round(value).toLocaleString('en');
}

/** `~0 rows`, `~950 rows`, `~12 k rows`, `~41 M rows`, `~2,100 M rows`: an estimate, so never more exact than that. */
export function approximateRows(rows: number): string {
  let value = rows;
  let unit = 0;
  // A unit above millions (`G rows`) reads as bytes; millions of millions are still legible.
  while (value >= 999.5 && unit < COUNT_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `~${unit === 0 ? Math.round(value).toLocaleString('en') : shortNumber(value)}${COUNT_UNITS[unit]} rows`;
}

/** `8 kB`, `35 MB`, `1.5 GB`, in the binary units PostgreSQL's pg_size_pretty uses. */
export function byteSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1023.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : shortNumber(value)} ${BYTE_UNITS[unit]}`;
}
