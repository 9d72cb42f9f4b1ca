import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Platform } from './inbound.js';

/**
 * Reporters are personal data (UU PDP 27/2022): they are keyed by an HMAC pseudonym, stable for a
 * user under one secret, and unlinkable without it.
 */
export function pseudonymize(secret: string, platform: Platform, userId: string): string {
  return createHmac('sha256', secret).update(`${platform}:${userId}`).digest('base64url');
}

/** Chats get the same treatment under a separate label, so a chat key is never a resident pseudonym. */
export function chatKeyOf(secret: string, platform: Platform, chatId: string): string {
  return createHmac('sha256', secret).update(`chat:${platform}:${chatId}`).digest('base64url').slice(0, 32);
}

const VERSION = 'v1';

/** AES-256-GCM; the output carries version, nonce and tag so keys can be rotated later. */
export function encryptAddress(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decryptAddress(key: Buffer, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Unknown sealed address format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
