import { describe, expect, it } from 'vitest';
import { id } from '../../src/domain/messages/id.js';
import { en } from '../../src/domain/messages/en.js';
import { broadcastBodyFor, type BroadcastContent } from '../../src/services/broadcast-body.js';
import type { VerdictRow } from '../../src/db/schema/index.js';

const verdict = { id: 9, verdict: 'hoaks', kind: 'official', clarification: 'Tidak benar. Kartu BPJS tetap aktif.', sources: ['https://merangin.go.id/k'] } as unknown as VerdictRow;
const content: BroadcastContent = {
  broadcastId: 7,
  verdict,
  quoted: 'Pesan berantai: warga wajib daftar ulang BPJS di kantor desa.',
  shareLine: (t) => t.answer.link('https://saring.example.go.id/klarifikasi/3'),
};

describe('broadcastBodyFor: one composition for the start of a broadcast and for erasure re-rendering it', () => {
  it('gives Telegram the clarification, the quote and the public link', () => {
    const body = broadcastBodyFor(content, { platform: 'telegram', lang: 'id', variant: 0 });
    expect(body.startsWith(id.broadcast.header(id.verdictLabels.hoaks))).toBe(true);
    expect(body).toContain('Kartu BPJS tetap aktif');
    expect(body).toContain('daftar ulang BPJS');
    expect(body.endsWith(id.answer.link('https://saring.example.go.id/klarifikasi/3'))).toBe(true);
  });

  it('varies the WhatsApp greeting and closing by the target place and keeps the link', () => {
    const bodies = [0, 1, 2].map((variant) => broadcastBodyFor(content, { platform: 'whatsapp', lang: 'id', variant }));
    expect(new Set(bodies).size).toBe(3);
    for (const body of bodies) {
      expect(id.broadcastVariants.greetings.some((g) => body.startsWith(g))).toBe(true);
      expect(body).toContain('https://saring.example.go.id/klarifikasi/3');
    }
    // The same place gives the same text: a re-render of an unchanged claim changes nothing.
    expect(broadcastBodyFor(content, { platform: 'whatsapp', lang: 'id', variant: 1 })).toBe(bodies[1]);
  });

  it("frames it in the reader's language, link line included; no link without a public page", () => {
    const english = broadcastBodyFor(content, { platform: 'telegram', lang: 'en', variant: 0 });
    expect(english.startsWith(en.broadcast.header(en.verdictLabels.hoaks))).toBe(true);
    expect(english).toContain(en.answer.link('https://saring.example.go.id/klarifikasi/3'));
    expect(broadcastBodyFor({ ...content, shareLine: () => null }, { platform: 'telegram', lang: 'id', variant: 0 })).not.toContain('klarifikasi/3');
  });
});
