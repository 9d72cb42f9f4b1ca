import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { VerdictCode } from '../domain/verdict.js';
import { VERDICT_LABELS } from '../domain/verdict.js';

/**
 * The shareable clarification card (1080×1350, the portrait size WhatsApp and Instagram show whole):
 * residents forward pictures more than links, so the answer travels as a picture too. Rendered from
 * an SVG template with fonts shipped in an npm package and system fonts off, so the same verdict
 * gives the same bytes on every machine (cache by verdict version, compare in tests).
 */
export const CARD_WIDTH = 1080;
export const CARD_HEIGHT = 1350;

/** The colours residents know from Komdigi/Diskominfo stamps. */
export const STAMP_COLOURS: Record<VerdictCode, string> = {
  hoaks: '#C62828',
  penipuan: '#C62828',
  menyesatkan: '#EF6C00',
  belum_terbukti: '#616161',
  benar: '#2E7D32',
  di_luar_cakupan: '#455A64',
};

export interface CardContent {
  verdict: VerdictCode;
  /** The claim in a short, scam-safe form (links defanged, numbers masked): the caller quotes it. */
  claim: string;
  clarification: string;
  /** Domain of the first source, e.g. "kemkes.go.id". */
  sourceDomain?: string | undefined;
  /** "KIM Desa Limbur Merangin" or "Diskominfo Kab. Merangin". */
  issuer: string;
  official: boolean;
  /** Already formatted for people, e.g. "3 Desember 2026". */
  date: string;
  /** How to reach the bot, e.g. "Cek pesan mencurigakan: t.me/SaringBot". */
  contact: string;
  labels: { claim: string; facts: string; source: string; official: string; community: string };
}

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(FONT_DIR, 'DejaVuSans.ttf'), join(FONT_DIR, 'DejaVuSans-Bold.ttf')];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/**
 * Greedy word wrap by a character budget: DejaVu Sans averages about 0.55 em per character, so
 * `maxChars` ≈ width / (0.55 × font size). Over-long words are cut; the last line gets an ellipsis
 * when text remains.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    let word = words[i] as string;
    if (word.length > maxChars) word = `${word.slice(0, maxChars - 1)}…`;
    const next = line ? `${line} ${word}` : word;
    if (next.length <= maxChars) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) {
    lines.push(line);
    line = '';
    i = words.length;
  }
  if (i < words.length || line) {
    const last = lines[lines.length - 1] ?? '';
    lines[lines.length - 1] = `${last.length >= maxChars ? last.slice(0, maxChars - 1) : last}…`;
  }
  return lines;
}

function textBlock(lines: string[], x: number, y: number, size: number, lineHeight: number, attrs: string): string {
  return lines.map((l, n) => `<text x="${x}" y="${y + n * lineHeight}" font-size="${size}" ${attrs}>${escapeXml(l)}</text>`).join('');
}

export function clarificationCardSvg(c: CardContent): string {
  const colour = STAMP_COLOURS[c.verdict];
  const stamp = VERDICT_LABELS[c.verdict];
  const pad = 72;
  const inner = CARD_WIDTH - 2 * pad;
  const stampSize = stamp.length > 12 ? 88 : 112;
  const claimLines = wrapText(c.claim, Math.floor(inner / (0.55 * 40)), 5);
  let y = 330;
  const parts: string[] = [];
  parts.push(`<text x="${pad}" y="${y}" font-size="34" font-weight="bold" fill="#424242">${escapeXml(c.labels.claim)}</text>`);
  y += 56;
  parts.push(textBlock(claimLines, pad, y, 40, 52, 'fill="#616161" font-style="italic"'));
  y += claimLines.length * 52 + 48;
  parts.push(`<rect x="${pad}" y="${y - 40}" width="${inner}" height="4" fill="${colour}"/>`);
  y += 30;
  parts.push(`<text x="${pad}" y="${y}" font-size="34" font-weight="bold" fill="${colour}">${escapeXml(c.labels.facts)}</text>`);
  y += 60;
  // The clarification gets the room left above the footer (y = 1100): the largest size at which it fits
  // whole, else the smallest size, cut with an ellipsis (the caption always carries the whole text).
  const fit = [42, 38, 34, 30].map((size) => {
    const lineHeight = Math.round(size * 1.33);
    const maxLines = Math.max(1, Math.floor((1100 - 50 - y) / lineHeight) + 1);
    const lines = wrapText(c.clarification, Math.floor(inner / (0.55 * size)), maxLines);
    return { size, lineHeight, lines, whole: !(lines[lines.length - 1] ?? '').endsWith('…') };
  });
  const facts = fit.find((f) => f.whole) ?? (fit[fit.length - 1] as (typeof fit)[number]);
  parts.push(textBlock(facts.lines, pad, y, facts.size, facts.lineHeight, 'fill="#212121"'));
  const badge = c.official ? c.labels.official : c.labels.community;
  const footer = [
    c.sourceDomain ? `<text x="${pad}" y="1100" font-size="32" fill="#424242">${escapeXml(`${c.labels.source}: ${c.sourceDomain}`)}</text>` : '',
    `<rect x="${pad}" y="1140" width="${Math.min(inner, 40 + badge.length * 19)}" height="56" rx="28" fill="${c.official ? '#0D47A1' : '#00695C'}"/>`,
    `<text x="${pad + 24}" y="1178" font-size="30" font-weight="bold" fill="#FFFFFF">${escapeXml(badge)}</text>`,
    `<text x="${pad}" y="1240" font-size="32" fill="#212121">${escapeXml(`${c.issuer} · ${c.date}`)}</text>`,
    `<rect x="0" y="1270" width="${CARD_WIDTH}" height="80" fill="#263238"/>`,
    `<text x="${CARD_WIDTH / 2}" y="1322" font-size="32" fill="#FFFFFF" text-anchor="middle">${escapeXml(c.contact)}</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="DejaVu Sans">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#FAFAFA"/>`,
    `<rect width="${CARD_WIDTH}" height="240" fill="${colour}"/>`,
    `<text x="${CARD_WIDTH / 2}" y="${120 + stampSize * 0.36}" font-size="${stampSize}" font-weight="bold" fill="#FFFFFF" text-anchor="middle">${escapeXml(stamp)}</text>`,
    ...parts,
    ...footer,
    '</svg>',
  ].join('');
}

/** PNG bytes of the card: deterministic (same content → same bytes). */
export function renderClarificationCard(c: CardContent): Buffer {
  const resvg = new Resvg(clarificationCardSvg(c), {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'original' },
  });
  return resvg.render().asPng();
}
