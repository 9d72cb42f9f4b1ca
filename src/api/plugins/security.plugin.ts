import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../../domain/errors.js';

export interface SecurityOptions {
  /** Signs the session and CSRF cookies. */
  cookieSecret: string;
  /** Cookies get `Secure` when the public URL is https (behind a TLS proxy in production). */
  secureCookies: boolean;
  /** Requests per minute per client IP across the app. */
  globalPerMinute?: number;
}

export const COOKIE_PATH = '/dashboard';

/**
 * The external plugins every request passes: security headers, rate limits, cookies, form bodies
 * and CSRF tokens. Registered before any route so their hooks cover all of them.
 */
export const securityPlugin = fp<SecurityOptions>(
  async (app, opts) => {
    await app.register(helmet, {
      // The dashboard serves only its own stylesheet and one same-origin script (the region picker): nothing inline is allowed,
      // so an escaped-wrong string can still not run. Swagger UI sets its own CSP on /docs (staticCSP).
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(opts.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // Served over plain http in development and tests; HSTS only makes sense behind TLS.
      strictTransportSecurity: opts.secureCookies,
    });
    await app.register(rateLimit, {
      global: true,
      max: opts.globalPerMinute ?? 600,
      timeWindow: '1 minute',
      // Thrown into the error handler, which gives it the API's error shape (or an HTML page).
      errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', `too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`),
    });
    await app.register(cookie, { secret: opts.cookieSecret });
    await app.register(formbody, { bodyLimit: 64 * 1024 });
    await app.register(csrf, {
      cookieKey: 'saring_csrf',
      cookieOpts: { path: COOKIE_PATH, sameSite: 'strict', httpOnly: true, signed: true, secure: opts.secureCookies },
    });
  },
  { name: 'saring-security' },
);

/** The stricter limit for credential checks: guessing tokens should be slow. */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;
