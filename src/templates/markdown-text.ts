/**
 * Text people wrote (a commit's author name and subject) as markdown that shows it literally, on
 * one line: no HTML tag, link (an escaped `:` is not autolinked either), image, emphasis, code
 * span, table-cell end or mention. GitHub and GitLab render CommonMark, where a backslash escapes
 * punctuation; `<`, `>` and `&` become entities, so no tag or entity is formed; a zero-width space
 * after `@` (as Renovate writes it) keeps both hosts from notifying whoever is named after it.
 * Text of several lines (an error, SQL) belongs in a fenced block instead: see `codeBlock`.
 */
export function markdownText(value: unknown): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]|~!#:]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@&#8203;');
}
