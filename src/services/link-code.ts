import { createHmac, randomBytes } from 'node:crypto';

/**
 * One-time `/masuk` codes. 64 random bits (16 hex digits, shown as four groups), so guessing one
 * is hopeless even without the attempt limits; stored as an HMAC keyed by a secret derived from the
 * pseudonym key, so a leaked staff table does not let anyone try codes offline.
 */
export function newLinkCode(): string {
  return randomBytes(8).toString('hex').toUpperCase().match(/.{4}/g)!.join('-');
}

/** What people type: any case, with or without the dashes or spaces. */
export function normalizeLinkCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function linkCodeHash(pseudonymSecret: string, code: string): string {
  const key = createHmac('sha256', pseudonymSecret).update('saring:link-code:v1').digest();
  return createHmac('sha256', key).update(normalizeLinkCode(code)).digest('hex');
}
