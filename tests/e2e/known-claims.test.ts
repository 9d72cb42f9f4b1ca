import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reports } from '../../src/db/schema/index.js';
import type { Harness } from '../helpers/saring.js';
import { startHarnessWithKnownClaims } from '../helpers/known-claims.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';


describe('reports matched against known claims, over the Bot API emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarnessWithKnownClaims();
  });
  afterAll(async () => h?.stop());

  const first = async (chatId: number) => waitFor(() => h.emulator.botMessagesTo(chatId)[0]?.text, { what: 'first reply' });

  it('answers a reworded copy of a verified hoax with the clarification in the first reply', async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(
      r.client.makeMessage('Diteruskan\nSEBARKAN!! vaksin booster covid-19 ternyata mengandung chip 5G yg dipakai pemerintah utk melacak keberadaan warga 😱😱'),
    );
    const reply = await first(r.chatId);
    expect(reply).toContain('[HOAKS]');
    expect(reply).toContain('Vaksin tidak mengandung chip');
    expect(reply).toContain('Sumber: https://www.kemkes.go.id/id/klarifikasi-vaksin-chip');
    expect(reply).toMatch(/Tiket: T-\d+/);
    expect(h.emulator.botMessagesTo(r.chatId)).toHaveLength(1);
  });

  it('warns at once about a scam, even before any moderator has seen it', async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(
      r.client.makeMessage('Selamat! Anda mendapatkan hadiah Rp 50 juta dari Bank BRI. Kirim kode OTP yang masuk ke nomor ini dan transfer biaya admin ke rekening 1234567890'),
    );
    const reply = await first(r.chatId);
    expect(reply).toContain('PENIPUAN');
    expect(reply).toContain('OTP');
    expect(reply).toMatch(/Nomor tiket: T-\d+/);
  });

  it('does not tell a resident that a true claim is a hoax', async () => {
    const r = resident(h.emulator);
    await r.client.sendMessage(
      r.client.makeMessage('KPU menetapkan hari pemungutan suara pemilihan kepala daerah serentak hari Rabu, dan hari itu diliburkan secara nasional'),
    );
    const reply = await first(r.chatId);
    expect(reply).not.toContain('[HOAKS]');
    expect(reply).not.toContain('PENIPUAN');
  });

  it('clusters reworded variants of a new claim into one claim', async () => {
    const base = 'Air sumur di Kecamatan Pamenang Barat tercemar limbah pabrik sawit sehingga warga dilarang memakai air sumur untuk minum dan memasak';
    const a = resident(h.emulator);
    const b = resident(h.emulator);
    await a.client.sendMessage(a.client.makeMessage(base));
    await first(a.chatId);
    await b.client.sendMessage(b.client.makeMessage(`info dari grup sebelah: ${base.replace('sehingga', 'jadi')} !!`));
    await first(b.chatId);
    const db = h.saring.database.db;
    const rows = await db.select().from(reports).where(eq(reports.status, 'analyzed'));
    const ra = rows.find((x) => x.rawText === base);
    const rb = rows.find((x) => x.rawText?.startsWith('info dari grup sebelah'));
    expect(rb?.claimId).toBe(ra?.claimId);
    expect(rb?.matchLevel).toBe('auto');
  });
});
