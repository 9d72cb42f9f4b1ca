import type { FastifyRequest } from 'fastify';
import { dashboardMessagesFor, type DashboardMessages } from '../../domain/messages/dashboard.js';
import { isLang, type Lang } from '../../domain/messages/index.js';

/** The staff member's own choice (the "English / Bahasa Indonesia" switch), kept a year under /dashboard. */
export const LANG_COOKIE = 'saring_lang';
export const LANG_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/**
 * Which of our languages the browser prefers: `Accept-Language` entries by their q weight, the first
 * one we have (`en-GB` counts as `en`); nothing we have → Bahasa Indonesia.
 */
export function preferredLang(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((e) => e.q > 0 && Number.isFinite(e.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((e) => e.base).find(isLang) ?? 'id';
}

/** The cookie when set, else the browser's language. */
export function dashboardLang(req: FastifyRequest): Lang {
  const chosen = req.cookies?.[LANG_COOKIE];
  return isLang(chosen) ? chosen : preferredLang(req.headers['accept-language']);
}

export interface PageLang {
  lang: Lang;
  m: DashboardMessages;
  /** The page's own address, for the language switch to come back to. */
  path: string;
}

export function pageLang(req: FastifyRequest): PageLang {
  const lang = dashboardLang(req);
  return { lang, m: dashboardMessagesFor(lang), path: req.url };
}

/** Only our own dashboard pages are a place to come back to (no open redirect). */
export function safeBack(back: unknown): string {
  return typeof back === 'string' && /^\/dashboard(?:[/?#]|$)/.test(back) && !back.startsWith('//') && !/[\\\r\n]/.test(back) ? back : '/dashboard';
}
