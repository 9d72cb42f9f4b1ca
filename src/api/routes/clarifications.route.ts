import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config/config.js';
import type { Services } from '../../services/index.js';
import { AppError } from '../../domain/errors.js';
import { VERDICT_LABELS } from '../../domain/verdict.js';
import { publicClaimPath } from '../../services/claimreview.service.js';
import { clarificationJsonLd, clarificationListPage, clarificationPage, siteLayout, SITE_CSS } from '../public/clarification-pages.js';
import { claimIdParams } from '../schemas/claims.schema.js';

const listQuery = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 200 },
    kab: { type: 'string', maxLength: 5 },
    cursor: { type: 'string', maxLength: 200 },
  },
  additionalProperties: false,
} as const;

const cardQuery = { type: 'object', properties: { v: { type: 'string', maxLength: 32 } } } as const;

/**
 * Public clarification pages that travel: server-rendered, mobile-first, OpenGraph tags whose image is
 * the clarification card (a link pasted into WhatsApp shows the card), ClaimReview JSON-LD, and only
 * what a moderator approved. Links shown to people are absolute only when PUBLIC_URL is set.
 */
export const clarificationRoutes: FastifyPluginAsync<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const base = (config.http.publicUrl ?? '').replace(/\/+$/, '');
  const site = services.publicClarifications;
  const publicOnly = { config: { access: 'public' as const } };

  app.get('/klarifikasi/assets/site.css', { ...publicOnly, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_CSS),
  );

  app.get<{ Querystring: { q?: string; kab?: string; cursor?: string } }>(
    '/klarifikasi',
    { ...publicOnly, schema: { tags: ['public'], summary: 'Published clarifications, newest first (HTML)', querystring: listQuery } },
    async (req, reply) => {
      const search = req.query.q ?? '';
      const kabupaten = req.query.kab ?? '';
      const [{ items, nextCursor }, choices] = await Promise.all([site.list({ search, kabupaten, cursor: req.query.cursor }), site.kabupatenChoices()]);
      const nextHref = nextCursor ? `/klarifikasi?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(kabupaten ? { kab: kabupaten } : {}), cursor: nextCursor })}` : null;
      const body = clarificationListPage({ items, search, kabupaten, choices, nextHref });
      reply.header('cache-control', 'public, max-age=60');
      return reply.type('text/html; charset=utf-8').send(
        siteLayout({ title: 'Klarifikasi hoaks — Saring', description: 'Klarifikasi resmi Diskominfo dan hasil pemeriksaan pengurus KIM atas pesan yang beredar di grup warga.', url: base ? `${base}/klarifikasi` : undefined }, body),
      );
    },
  );

  app.get<{ Params: { id: number } }>(
    '/klarifikasi/:id',
    { ...publicOnly, schema: { tags: ['public'], summary: 'One published clarification (HTML, OpenGraph card)', params: claimIdParams } },
    async (req, reply) => {
      const c = await site.detail(req.params.id);
      if (!c) throw new AppError('NOT_FOUND', 'Klarifikasi ini tidak ada atau belum diterbitkan.');
      const path = publicClaimPath(c.id);
      const cardPath = `${path}/kartu.png?v=${c.version}`;
      const title = `${VERDICT_LABELS[c.verdict]} ${c.summary.length > 90 ? `${c.summary.slice(0, 90)}…` : c.summary}`;
      reply.header('cache-control', 'public, max-age=60');
      return reply.type('text/html; charset=utf-8').send(
        siteLayout(
          {
            title,
            description: c.clarification.length > 200 ? `${c.clarification.slice(0, 200)}…` : c.clarification,
            url: base ? `${base}${path}` : undefined,
            image: base ? `${base}${cardPath}` : cardPath,
            jsonLd: clarificationJsonLd(c, `${base}${path}`, base),
          },
          clarificationPage(c, cardPath),
        ),
      );
    },
  );

  app.get<{ Params: { id: number }; Querystring: { v?: string } }>(
    '/klarifikasi/:id/kartu.png',
    { ...publicOnly, schema: { tags: ['public'], summary: 'The shareable clarification card (PNG 1080×1350)', params: claimIdParams, querystring: cardQuery } },
    async (req, reply) => {
      const card = await site.card(req.params.id);
      if (!card) throw new AppError('NOT_FOUND', 'Klarifikasi ini tidak ada atau belum diterbitkan.');
      // A versioned URL never changes content; the bare one follows the verdict.
      reply.header('cache-control', req.query.v === card.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      reply.header('etag', `"${card.version}"`);
      return reply.type('image/png').send(card.png);
    },
  );
};
