import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../domain/errors.js';
import type { Services } from '../../services/index.js';
import { ANY_STAFF } from '../auth/access-rule.js';

/**
 * A picture (or file) forwarded for a claim, for the dashboard's claim page: only to staff whose region
 * covers the claim (the access rule checks `:id`), only files of that claim, re-encoded without EXIF,
 * and never cached by a shared cache.
 */
export const claimMediaRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Params: { id: string; mediaId: string } }>(
    '/dashboard/claims/:id/media/:mediaId',
    {
      config: { access: { roles: ANY_STAFF, via: 'session', claim: 'id' } },
      schema: {
        hide: true,
        params: {
          type: 'object',
          properties: { id: { type: 'string', pattern: '^[0-9]{1,9}$' }, mediaId: { type: 'string', pattern: '^[0-9]{1,9}$' } },
          required: ['id', 'mediaId'],
        },
      },
    },
    async (req, reply) => {
      const claimId = Number(req.params.id);
      const mediaId = Number(req.params.mediaId);
      const object = (await services.repos.media.ofClaim(claimId)).find((m) => m.id === mediaId);
      if (!object) throw new AppError('NOT_FOUND', 'Berkas tidak ditemukan.');
      const shown = await services.media.forDisplay(object);
      if (!shown) throw new AppError('NOT_FOUND', 'Berkas tidak ditemukan.');
      return reply
        .header('content-type', shown.mime)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="klaim-${claimId}-${mediaId}.${shown.mime === 'image/jpeg' ? 'jpg' : 'bin'}"`)
        .send(shown.data);
    },
  );
};
