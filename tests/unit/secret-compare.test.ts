import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secretsEqual } from '../../src/api/auth/secret-compare.js';

describe('secretsEqual (webhook secret check)', () => {
  const secret = 'Zx9_Secret-value_0123456789abcdef';

  it('accepts exactly the secret and nothing else, whatever the length', () => {
    expect(secretsEqual(secret, secret)).toBe(true);
    for (const other of [undefined, '', secret.slice(0, -1), `${secret}x`, secret.slice(1), secret.toLowerCase(), 'x'.repeat(10_000)]) {
      expect(secretsEqual(other, secret), JSON.stringify(other?.slice(0, 40))).toBe(false);
    }
  });

  it('is what the webhook route compares with (no === / !== on the secret)', () => {
    const route = readFileSync(new URL('../../src/api/routes/webhook.route.ts', import.meta.url), 'utf8');
    expect(route).toContain('secretsEqual(');
    expect(route).not.toMatch(/secret[A-Za-z]*\s*[!=]==|[!=]==\s*[A-Za-z.]*secret/i);
    const impl = readFileSync(new URL('../../src/api/auth/secret-compare.ts', import.meta.url), 'utf8');
    expect(impl).toContain('timingSafeEqual(');
  });
});
