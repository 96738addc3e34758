/** Wrong usage: the message is printed with a pointer to --help and the exit code is 1. */
export class UsageError extends Error {
}
//# sourceMappingURL=command.js.map