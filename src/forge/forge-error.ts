import { redactText } from '../secrets/redact.js';

/**
 * A host's refusal, reduced to what a person can act on. Library errors carry the request they
 * failed on (headers, URLs with tokens), so they are never passed on as `cause`: only a message
 * built here, scrubbed of the secrets the forge holds, leaves the forge.
 */
export class ForgeError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ForgeError';
  }
}

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; cause?: { response?: { status?: unknown } } };
  if (typeof e?.status === 'number') return e.status;
  const nested = e?.cause?.response?.status;
  return typeof nested === 'number' ? nested : undefined;
}

/** Runs one host call; any failure becomes a ForgeError naming `what`, free of `secrets`. */
export async function hostCall<T>(what: string, secrets: () => string[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ForgeError) throw error;
    const status = statusOf(error);
    const reason = error instanceof Error ? error.message : String(error);
    const message = `${what} failed${status ? ` (HTTP ${status})` : ''}: ${reason}`;
    throw new ForgeError(redactText(message, { tokens: secrets() }), status);
  }
}
