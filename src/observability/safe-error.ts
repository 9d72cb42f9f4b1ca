import { pino } from 'pino';

/**
 * Database errors carry the SQL, its parameters (drizzle's "Failed query … params: …") and
 * messages that quote values ('value "…" is out of range', 'Key (…)=(…) already exists'): residents'
 * texts, encrypted addresses, pseudonyms. None of that may reach a log, so a database error is
 * logged as its SQLSTATE code only — whole, not field by field, because any field may quote a value.
 */
export function isDatabaseError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as Record<string, unknown>;
    if (o.name === 'PostgresError' || o.constructor?.name === 'DrizzleQueryError') return true;
    if ('query' in o && ('params' in o || 'parameters' in o)) return true;
  }
  return false;
}

function sqlState(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
}

/** pino's `err` serializer, with database errors reduced to their code. */
export function safeError(err: unknown): SafeError {
  if (isDatabaseError(err)) {
    const code = sqlState(err);
    return { type: 'DatabaseError', message: `database error${code ? ` ${code}` : ''} (details withheld: they may quote personal data)`, ...(code ? { code } : {}) };
  }
  if (err instanceof Error) return pino.stdSerializers.err(err) as SafeError;
  // Already reduced (a caller passed safeError(err) to a logger that serializes again).
  if (err && typeof err === 'object' && typeof (err as SafeError).type === 'string' && typeof (err as SafeError).message === 'string') return err as SafeError;
  return { type: typeof err, message: String(err) };
}

/** One line for logs that keep only a message string. */
export function safeMessage(err: unknown): string {
  return safeError(err).message;
}
