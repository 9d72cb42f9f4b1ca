import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chatKeyOf, decryptAddress, encryptAddress, pseudonymize } from '../../src/domain/privacy.js';

describe('pseudonyms', () => {
  const secret = 'a-long-enough-secret-0001';
  it('is stable for a user under one secret', () => {
    expect(pseudonymize(secret, 'telegram', '12345')).toBe(pseudonymize(secret, 'telegram', '12345'));
  });
  it('differs between users and between platforms', () => {
    expect(pseudonymize(secret, 'telegram', '12345')).not.toBe(pseudonymize(secret, 'telegram', '12346'));
    expect(pseudonymize(secret, 'telegram', '12345')).not.toBe(pseudonymize(secret, 'whatsapp', '12345'));
  });
  it('changes with the secret and does not contain the id', () => {
    const p = pseudonymize(secret, 'whatsapp', '6281234567890@c.us');
    expect(p).not.toBe(pseudonymize('another-long-secret-0002', 'whatsapp', '6281234567890@c.us'));
    expect(p).not.toContain('6281234567890');
  });
  it('keeps chat keys apart from resident pseudonyms', () => {
    expect(chatKeyOf(secret, 'telegram', '12345')).not.toBe(pseudonymize(secret, 'telegram', '12345'));
  });
});

describe('encrypted chat addresses', () => {
  const key = randomBytes(32);
  it('round-trips and hides the address', () => {
    const sealed = encryptAddress(key, '6281234567890@c.us');
    expect(sealed).not.toContain('6281234567890');
    expect(decryptAddress(key, sealed)).toBe('6281234567890@c.us');
  });
  it('uses a fresh nonce each time', () => {
    expect(encryptAddress(key, '42')).not.toBe(encryptAddress(key, '42'));
  });
  it('refuses a wrong key or a tampered value', () => {
    const sealed = encryptAddress(key, '42');
    expect(() => decryptAddress(randomBytes(32), sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('43').toString('base64url');
    expect(() => decryptAddress(key, parts.join('.'))).toThrow();
  });
});
