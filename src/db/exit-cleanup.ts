/**
 * Work that must happen even when the user presses Ctrl-C: dropping a shadow database. Handlers
 * are installed only while something is registered, so a library user's own signal handling is
 * left alone the rest of the time.
 */
type Cleanup = () => Promise<void>;

const cleanups = new Set<Cleanup>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const EXIT_CODES: Record<(typeof SIGNALS)[number], number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

async function onSignal(signal: (typeof SIGNALS)[number]): Promise<void> {
  process.stderr.write(`schema-bot: ${signal} received, cleaning up\n`);
  await Promise.allSettled([...cleanups].map((c) => c()));
  process.exit(EXIT_CODES[signal]);
}

const handlers = new Map(SIGNALS.map((s) => [s, () => void onSignal(s)]));

export function registerCleanup(cleanup: Cleanup): () => void {
  if (cleanups.size === 0) for (const [signal, handler] of handlers) process.on(signal, handler);
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
