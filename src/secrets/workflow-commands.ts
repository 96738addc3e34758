import { randomUUID } from 'node:crypto';

/**
 * The runner's workflow commands, printed on stdout: `::name key=value,…::message`. The runner
 * reads one command per line, so data loses its line breaks and percent signs to %-escapes, and
 * property values also their `:` and `,`, which would otherwise end the value early.
 */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function workflowCommand(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}\n`;
}

/**
 * Tells the runner to hide `secret` in every later log line. A value of several lines (a PEM key)
 * is masked line by line, as the runner matches masks within one line.
 */
export function maskCommands(secret: string): string {
  return secret
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 4)
    .map((line) => workflowCommand('add-mask', {}, line))
    .join('');
}

/**
 * Text the action did not write itself, framed so that the runner reads none of its lines as a
 * workflow command: `::stop-commands::<token>` before, `::<token>::` after, GitHub's documented
 * way. The runner strips leading whitespace before it looks for `::`, so indenting is no defence;
 * the token is fresh each time, so the text cannot know it to resume commands early.
 */
export function untrustedLines(text: string): string {
  const token = randomUUID();
  return `::stop-commands::${token}\n${text.replace(/\n?$/, '\n')}::${token}::\n`;
}
