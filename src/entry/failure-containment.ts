import type { Logger } from 'pino';

/** A part of the process that can absorb its own failures (an adapter reconnecting) instead of the process ending. */
export interface FailureOwner {
  name: string;
  /** Whether `reason` (an unhandled rejection or uncaught exception) is this part's. */
  owns(reason: unknown): boolean;
  /** Take the part down to a degraded state and recover it; must not throw. */
  contain(reason: unknown): void;
}

export interface FailureContainment {
  register(owner: FailureOwner): void;
  /** The owner of `reason`, if one registered claims it. */
  ownerOf(reason: unknown): FailureOwner | undefined;
  /** Contains `reason` when an owner claims it; false when nobody does. */
  tryContain(reason: unknown, kind: string): boolean;
}

/**
 * Process-level `unhandledRejection` handling. Libraries reject in places nobody awaits (whatsapp-web.js's
 * async `framenavigated` listener; see bots/whatsapp/page-failure.ts); Node would end the whole process —
 * API, workers and Telegram with it. A rejection a registered part claims is contained to that part;
 * anything else is a bug of unknown reach and still ends the process (`exitOnOther`, default true).
 */
export function containUnhandledRejections(logger: Logger, opts: { exitOnOther?: boolean } = {}): FailureContainment {
  const exitOnOther = opts.exitOnOther ?? true;
  const owners: FailureOwner[] = [];
  const containment: FailureContainment = {
    register(owner) {
      owners.push(owner);
    },
    ownerOf(reason) {
      return owners.find((o) => {
        try {
          return o.owns(reason);
        } catch {
          return false;
        }
      });
    },
    tryContain(reason, kind) {
      const owner = containment.ownerOf(reason);
      if (!owner) return false;
      logger.error({ owner: owner.name, err: describe(reason) }, `${kind} contained to ${owner.name}`);
      try {
        owner.contain(reason);
      } catch (err) {
        logger.error({ owner: owner.name, err: describe(err) }, 'containing a failure failed');
      }
      return true;
    },
  };
  process.on('unhandledRejection', (reason) => {
    if (containment.tryContain(reason, 'unhandled rejection')) return;
    if (!exitOnOther) {
      logger.error({ err: describe(reason) }, 'unhandled rejection');
      return;
    }
    logger.fatal({ err: describe(reason) }, 'unhandled rejection');
    process.exit(1);
  });
  return containment;
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.stack ?? reason.message;
  return typeof reason === 'string' ? reason : JSON.stringify(reason) ?? String(reason);
}
