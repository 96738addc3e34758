/** The URL with its database replaced: the same server, user and options. */
export function onDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database a URL names: its path, else (as libpq does) its user's name. */
export function databaseOf(url: string): string | undefined {
  const parsed = new URL(url);
  return decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || undefined;
}
