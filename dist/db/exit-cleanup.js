const cleanups = new Set();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
async function onSignal(signal) {
    process.stderr.write(`schema-bot: ${signal} received, cleaning up\n`);
    await Promise.allSettled([...cleanups].map((c) => c()));
    process.exit(EXIT_CODES[signal]);
}
const handlers = new Map(SIGNALS.map((s) => [s, () => void onSignal(s)]));
export function registerCleanup(cleanup) {
    if (cleanups.size === 0)
        for (const [signal, handler] of handlers)
            process.on(signal, handler);
    cleanups.add(cleanup);
    return () => {
        cleanups.delete(cleanup);
        if (cleanups.size === 0)
            for (const [signal, handler] of handlers)
                process.off(signal, handler);
    };
}
//# sourceMappingURL=exit-cleanup.js.map