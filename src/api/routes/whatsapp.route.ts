import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { html, layout } from '../dashboard/html.js';
import { pageLang } from '../dashboard/lang.js';
import { whatsappPage } from '../dashboard/broadcast-pages.js';
import { viewerOf } from '../dashboard/view-context.js';
import type { RegionNames } from '../../services/region-names.service.js';

/** What the dashboard needs of the WhatsApp adapter (the concrete WhatsAppAdapter satisfies it). */
export interface WhatsAppView {
  latestQr(): string | undefined;
  qrPng(): Promise<Buffer | undefined>;
  status(): unknown;
}

const adminOnly = { roles: ['admin'], via: 'session' } as const;
const hide = { hide: true } as const;
const REFRESH_S = 5;

function statusOf(view: WhatsAppView): { state?: string; lastError?: string; failures?: number; nextRetryAt?: Date } {
  const s = view.status();
  if (!s || typeof s !== 'object') return {};
  const o = s as Record<string, unknown>;
  return {
    state: typeof o.state === 'string' ? o.state : undefined,
    lastError: typeof o.lastError === 'string' ? o.lastError : undefined,
    failures: typeof o.failures === 'number' ? o.failures : undefined,
    nextRetryAt: o.nextRetryAt instanceof Date ? o.nextRetryAt : undefined,
  };
}

/**
 * Linking the bot's WhatsApp number from the dashboard: the adapter's state and the QR WhatsApp Web
 * asks to scan. Admins only — whoever scans this QR becomes the bot's number. The image is never cached.
 */
export const whatsappRoutes: FastifyPluginAsync<{ whatsapp?: WhatsAppView; names: RegionNames }> = async (app, { whatsapp, names }) => {
  app.get('/dashboard/whatsapp', { config: { access: adminOnly }, schema: hide }, async (req, reply) => {
    const status = whatsapp ? statusOf(whatsapp) : {};
    const qr = whatsapp?.latestQr();
    const body = whatsappPage({
      enabled: Boolean(whatsapp),
      ...status,
      qrVersion: qr ? createHash('sha256').update(qr).digest('hex').slice(0, 16) : undefined,
    });
    reply.header('cache-control', 'no-store');
    return reply
      .type('text/html; charset=utf-8')
      .send(layout({ title: 'WhatsApp', staff: await viewerOf(names, req.staff), csrf: reply.generateCsrf(), ...pageLang(req), body: html`<div lang="id">${body}</div>`, refreshSeconds: whatsapp && status.state !== 'ready' ? REFRESH_S : undefined }));
  });

  app.get('/dashboard/whatsapp/qr.png', { config: { access: adminOnly }, schema: hide }, async (_req, reply) => {
    const png = await whatsapp?.qrPng();
    if (!png) throw new AppError('NOT_FOUND', 'Tidak ada kode QR saat ini.');
    return reply.type('image/png').header('cache-control', 'no-store, private').send(png);
  });
};
