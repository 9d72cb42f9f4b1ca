import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.js';

/** One error boundary for HTTP: every error leaves as {"error": {code, message}} with a fitting status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
    }
    if (err.validation) {
      return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: err.message } });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const code = status === 429 ? 'RATE_LIMITED' : status === 413 || status === 415 || status === 400 ? 'VALIDATION_FAILED' : status === 404 ? 'NOT_FOUND' : status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
    return reply.code(status).send({ error: { code, message: status >= 500 ? 'Internal error' : err.message } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` } }),
  );
}
