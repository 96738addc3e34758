/**
 * Wrong usage: a setting missing or malformed. The command line prints it with a pointer to
 * --help; every front end exits 1.
 */
export class UsageError extends Error {}
