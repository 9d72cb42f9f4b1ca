import type { FastifyPluginAsync } from 'fastify';
import { checkHealth, type HealthProbe } from '../health.js';

const adapterState = { type: 'string' } as const;

export const healthRoutes: FastifyPluginAsync<{ probe: HealthProbe }> = async (app, { probe }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and dependency health (no auth)',
        response: {
          200: {
            type: 'object',
            required: ['status', 'db', 'redis', 'adapters'],
            properties: {
              status: { type: 'string', enum: ['ok', 'degraded'] },
              db: { type: 'boolean' },
              redis: { type: 'boolean' },
              adapters: {
                type: 'object',
                properties: { telegram: adapterState, whatsapp: adapterState },
              },
            },
          },
        },
      },
    },
    async () => checkHealth(probe),
  );
};
