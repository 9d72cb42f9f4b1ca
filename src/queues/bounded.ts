/**
 * Wait for a Redis-bound step at most `ms`; past that, carry on without its result. Used where
 * Postgres already holds the truth (a stored report, a queued ledger row): the step itself keeps
 * running and lands when Redis is back, and the reconciler repeats it under the same job id anyway.
 * Resolves true when the step finished in time, false when it timed out or failed.
 */
export async function settleWithin(step: Promise<unknown>, ms: number, onLate: (err: unknown) => void): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    const outcome = await Promise.race([step.then(() => 'done' as const), late]);
    if (outcome === 'late') {
      onLate(new Error(`no answer from Redis within ${ms} ms`));
      // Still running: its eventual failure must not become an unhandled rejection.
      step.catch(() => undefined);
      return false;
    }
    return true;
  } catch (err) {
    onLate(err);
    return false;
  } finally {
    clearTimeout(timer);
  }
}
