import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config/config.js';
import type { Services } from '../../services/index.js';
import { publicClaimPath } from '../../services/claimreview.service.js';
import { claimIdParams } from '../schemas/claims.schema.js';

const claimReviewSchema = {
  type: 'object',
  properties: {
    '@context': { type: 'string' },
    '@type': { type: 'string' },
    url: { type: 'string' },
    claimReviewed: { type: 'string' },
    datePublished: { type: 'string' },
    inLanguage: { type: 'string' },
    author: { type: 'object', properties: { '@type': { type: 'string' }, name: { type: 'string', enum: ['Diskominfo', 'KIM'] } } },
    reviewRating: {
      type: 'object',
      properties: {
        '@type': { type: 'string' },
        ratingValue: { type: 'integer' },
        bestRating: { type: 'integer' },
        worstRating: { type: 'integer' },
        alternateName: { type: 'string' },
      },
    },
  },
} as const;

/** The base of public links: PUBLIC_URL, or (outside production, where it may be unset) this server's own address. */
export function publicBaseUrl(config: Pick<Config, 'http'>): string {
  if (config.http.publicUrl) return config.http.publicUrl.replace(/\/+$/, '');
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  return `http://${host}:${config.http.port}`;
}

/** What is public: the ClaimReview feed and one page per reviewed claim (its `url`). */
export const claimReviewRoutes: FastifyPluginAsync<{ services: Services; config: Config }> = async (app, { services, config }) => {
  // PUBLIC_URL only (required in production). Never the request's Host or X-Forwarded-Host: the feed
  // is cached publicly, so one forged header would rewrite every review's link for every reader.
  const baseUrl = publicBaseUrl(config);

  app.get(
    '/claimreview.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Official and community verdicts as schema.org ClaimReview (no auth)',
        response: { 200: { type: 'array', items: claimReviewSchema } },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return services.claimReview.feed(baseUrl);
    },
  );

  // The first public page lived at /klaim/:id; links already shared in groups and fact-check feeds keep working,
  // but one template (/klarifikasi/:id, with its card and JSON-LD) renders a clarification.
  app.get<{ Params: { id: number } }>(
    '/klaim/:id',
    {
      config: { access: 'public' },
      schema: { tags: ['public'], summary: 'Old address of a public clarification page: redirects to /klarifikasi/:id', params: claimIdParams },
    },
    async (req, reply) => reply.redirect(publicClaimPath(req.params.id), 301),
  );
};
