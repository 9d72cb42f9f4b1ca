import { describe, expect, it } from 'vitest';
import { createMemoryChoiceStore } from '../../bots/whatsapp/choice-store.js';
import { renderChoices, splitText } from '../../bots/whatsapp/outgoing-text.js';
import { createSendPacer } from '../../bots/whatsapp/send-pacer.js';

const paragraph = (n: number) => `Paragraf ${n}: ` + 'PLN tidak pernah mengumumkan pemadaman lewat pesan berantai. '.repeat(10).trim();

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('Halo warga')).toEqual(['Halo warga']);
    expect(splitText('   ')).toEqual([]);
  });

  it('splits on paragraph boundaries, each part within the limit, losing nothing', () => {
    const text = Array.from({ length: 12 }, (_, i) => paragraph(i + 1)).join('\n\n');
    const parts = splitText(text, 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p.startsWith('Paragraf')).toBe(true);
    }
    expect(parts.join('\n\n')).toBe(text);
  });

  it('falls back to sentence and word boundaries, never cutting a word', () => {
    const text = 'Kalimat yang cukup panjang untuk diuji. '.repeat(200).trim();
    const parts = splitText(text, 500);
    const words = new Set(text.split(/\s+/));
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(500);
      for (const w of p.split(/\s+/)) expect(words.has(w)).toBe(true);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('cuts a single enormous word only because it must, and not inside an emoji', () => {
    const url = 'https://contoh.id/' + 'a'.repeat(120);
    expect(splitText(url, 50).every((p) => p.length <= 50)).toBe(true);
    expect(splitText(url, 50).join('')).toBe(url);
    const emoji = 'x'.repeat(49) + '😀' + 'y'.repeat(10);
    const parts = splitText(emoji, 50);
    expect(parts.join('')).toBe(emoji);
    expect(parts.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });
});

describe('renderChoices', () => {
  it('renders buttons as numbered reply lines, in reading order', () => {
    const out = renderChoices('Kirim sebagai laporan?', [[{ text: 'Ya', data: 'y' }, { text: 'Tidak', data: 'n' }], [{ text: 'Bantuan', data: 'h' }]]);
    expect(out.text).toBe('Kirim sebagai laporan?\n\nBalas 1 untuk Ya\nBalas 2 untuk Tidak\nBalas 3 untuk Bantuan');
    expect(out.choices.map((c) => c.data)).toEqual(['y', 'n', 'h']);
  });

  it('leaves a text without buttons untouched', () => {
    expect(renderChoices('Halo', undefined)).toEqual({ text: 'Halo', choices: [] });
    expect(renderChoices('Halo', [[]])).toEqual({ text: 'Halo', choices: [] });
  });
});

describe('send pacer (per WhatsApp number)', () => {
  it('spaces consecutive sends by at least the floor plus jitter, across chats', () => {
    let t = 1_000_000;
    const pacer = createSendPacer({ minGapMs: 3_000, jitterMs: 1_000, maxWaitMs: 60_000, now: () => t, random: () => 0.5 });
    const a = pacer.reserve();
    const b = pacer.reserve();
    const c = pacer.reserve(2);
    expect(a).toEqual({ ok: true, slotsAt: [t] });
    expect(b).toEqual({ ok: true, slotsAt: [t + 3_500] });
    expect(c).toEqual({ ok: true, slotsAt: [t + 7_000, t + 10_500] });
    t += 60_000;
    expect(pacer.reserve()).toEqual({ ok: true, slotsAt: [t] });
  });

  it('sends a caller away (rate limited) instead of queueing past maxWait, without taking a slot', () => {
    const t = 0;
    const pacer = createSendPacer({ minGapMs: 3_000, jitterMs: 0, maxWaitMs: 6_000, now: () => t });
    pacer.reserve();
    pacer.reserve();
    expect(pacer.reserve()).toEqual({ ok: true, slotsAt: [6_000] });
    expect(pacer.reserve()).toEqual({ ok: false, retryAfterMs: 9_000 });
    expect(pacer.reserve()).toEqual({ ok: false, retryAfterMs: 9_000 });
  });

  it('defaults to at least 3 s between sends', () => {
    const pacer = createSendPacer({ now: () => 0, random: () => 0 });
    pacer.reserve();
    expect(pacer.reserve()).toEqual({ ok: true, slotsAt: [3_000] });
  });
});

describe('memory choice store', () => {
  it('keeps the last offer per chat until it expires', async () => {
    let t = 0;
    const store = createMemoryChoiceStore({ ttlMs: 1_000, now: () => t });
    await store.remember('a@c.us', { messageId: 'm1', choices: [{ text: 'Ya', data: 'y1' }] });
    await store.remember('a@c.us', { messageId: 'm2', choices: [{ text: 'Ya', data: 'y2' }] });
    expect(await store.lookup('a@c.us')).toEqual({ messageId: 'm2', choices: [{ text: 'Ya', data: 'y2' }] });
    expect(await store.lookup('b@c.us')).toBeUndefined();
    t = 1_001;
    expect(await store.lookup('a@c.us')).toBeUndefined();
  });

  it('forgets the oldest chat beyond its size bound', async () => {
    const store = createMemoryChoiceStore({ maxChats: 2 });
    for (const c of ['a', 'b', 'c']) await store.remember(c, { messageId: c, choices: [] });
    expect(await store.lookup('a')).toBeUndefined();
    expect(await store.lookup('c')).toBeDefined();
  });
});
