/** SQLSTATE of every statement a failed transaction refuses after its first error. */
const IN_FAILED_TRANSACTION = '25P02';

/**
 * Promise.all for the queries of one read, which share a transaction (and, pipelined, one queue):
 * it settles only once every query has, so none of them is still running, or still to be sent by
 * a kind's later step, when the caller rolls back and tries again; then it fails with the error
 * that broke the transaction, not with one of the "current transaction is aborted" that follow.
 */
export async function allSettledOrCause<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code?: string }] : []));
  if (failures.length) throw failures.find((e) => e?.code !== IN_FAILED_TRANSACTION) ?? failures[0];
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
