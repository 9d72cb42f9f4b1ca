import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRegions } from '../helpers/moderation.js';
import { startWhatsAppHarness, waGroup, waUser, type WhatsAppHarness } from '../helpers/whatsapp.js';
import { sleep, waitFor } from '../helpers/wait.js';

const HOAX = 'Pabrik sawit di Pamenang Barat membuang limbah ke sungai Merangin sehingga ikan mati dan air sungai beracun jangan dipakai mandi';
const CLARIFICATION = 'Tidak ada pencemaran. DLH Merangin sudah menguji air sungai dan hasilnya aman. https://merangin.go.id/dlh/uji-air';

/** "Balas 3 untuk Terbitkan" → 3: WhatsApp Web has no buttons, choices are numbered lines. */
function choiceNumber(text: string, label: string): number {
  const m = new RegExp(`^Balas (\\d+) untuk ${label}$`, 'm').exec(text);
  if (!m) throw new Error(`no choice "${label}" in:\n${text}`);
  return Number(m[1]);
}

describe('moderation on WhatsApp: /masuk, /moderasi, card with numbered choices, verdict, answer', () => {
  let h: WhatsAppHarness;
  const moderator = waUser();
  const outsider = waUser();
  const group = waGroup();
  const warga = waUser();
  let ticket = 0;

  const groupTexts = () => h.wa.texts(group);
  const card = () => groupTexts().find((t) => t.startsWith('KLAIM #'));
  const refusals = async () =>
    ((await h.saring.database.sql`select count(*)::int as n from audit_events where action = 'callback.refused'`)[0]!.n as number) ?? 0;

  beforeAll(async () => {
    h = await startWhatsAppHarness();
    await seedRegions(h);
  });
  afterAll(async () => h?.stop());

  it('links a staff member with /masuk KODE from WhatsApp, and /moderasi makes their group the moderators’ chat', async () => {
    const { linkCode } = await h.saring.services.staff.add({ name: 'Pengurus KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    // Before linking, /moderasi is refused.
    h.wa.deliver({ from: group, author: moderator, body: '/moderasi' });
    await h.wa.waitText(group, (t) => t.includes('/masuk KODE'), 'not staff yet');

    h.wa.deliver({ from: moderator, body: `/masuk ${linkCode.toLowerCase()}` });
    const linked = await h.wa.waitText(moderator, (t) => t.includes('tersambung'), 'linked');
    expect(linked).toContain('Desa Simpang Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin');
    // The code is single-use.
    h.wa.deliver({ from: outsider, body: `/masuk ${linkCode}` });
    await h.wa.waitText(outsider, (t) => t.includes('tidak berlaku'), 'spent code');

    h.wa.deliver({ from: group, author: moderator, body: '/moderasi' });
    const set = await h.wa.waitText(group, (t) => t.includes('grup moderasi'), '/moderasi');
    expect(set).toContain('Desa Simpang Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin');
    const [row] = await h.saring.database.sql`select platform, region_code from moderator_chats`;
    expect(row).toMatchObject({ platform: 'whatsapp', region_code: '15.02.13.2005' });
  });

  it('routes a report of a resident of that desa to the group as a card with numbered choices', async () => {
    h.wa.deliver({ from: warga, body: '/desa Simpang Limbur' });
    await h.wa.waitText(warga, (t) => t.includes('Simpang Limbur Merangin'), '/desa saved');
    h.wa.deliver({ from: warga, body: HOAX, isForwarded: true, forwardingScore: 3 });
    const reply = await h.wa.waitText(warga, (t) => /T-\d+/.test(t), 'ticket');
    ticket = Number(/T-(\d+)/.exec(reply)?.[1]);

    const text = await waitFor(card, { what: 'card in the WhatsApp moderators group', timeoutMs: 15_000 });
    expect(text.toLowerCase()).toContain('pabrik sawit');
    expect(text).toContain('Laporan: 1');
    expect(choiceNumber(text, 'Hoaks')).toBe(1);
    for (const label of ['Penipuan', 'Menyesatkan', 'Benar', 'Belum terbukti', 'Di luar cakupan']) expect(choiceNumber(text, label)).toBeGreaterThan(1);
    // Reporters' identities never reach moderators.
    expect(text).not.toContain(warga.split('@')[0]);
    expect(groupTexts().filter((t) => t.startsWith('KLAIM #'))).toHaveLength(1);
  });

  it('ignores a number from a moderator of another region and from a group member who is not staff', async () => {
    const other = await h.saring.services.staff.add({ name: 'KIM Kota Besi', role: 'moderator', regionCode: '62.02.01' });
    h.wa.deliver({ from: outsider, body: `/masuk ${other.linkCode}` });
    await h.wa.waitText(outsider, (t) => t.includes('tersambung'), 'outsider linked');
    const before = groupTexts().length;
    const refused = await refusals();

    h.wa.deliver({ from: group, author: outsider, body: '1' });
    h.wa.deliver({ from: group, author: waUser(), body: '1' });
    await waitFor(async () => (await refusals()) >= refused + 2, { what: 'two refused choices' });
    await sleep(1_500);
    expect(groupTexts()).toHaveLength(before);
    expect(await h.saring.database.sql`select count(*)::int as n from verdict_drafts`).toEqual([{ n: 0 }]);
  });

  it('publishes a verdict: "1" → prompt → clarification with a link → preview → the number for Terbitkan; the resident gets it once', async () => {
    h.wa.deliver({ from: group, author: moderator, body: '1' });
    const prompt = await h.wa.waitText(group, (t) => t.includes('Balas pesan ini'), 'clarification prompt');
    expect(prompt).toMatch(/Klaim #\d+ → \[HOAKS\]|Klaim #\d+ → .*Hoaks/i);

    h.wa.deliver({ from: group, author: moderator, body: CLARIFICATION });
    const preview = await h.wa.waitText(group, (t) => t.startsWith('Pratinjau'), 'preview');
    expect(preview).toContain('[HOAKS]');
    expect(preview).toContain('DLH Merangin');
    const publish = choiceNumber(preview, 'Terbitkan');
    choiceNumber(preview, 'Batal');

    h.wa.deliver({ from: group, author: moderator, body: String(publish) });
    const done = await h.wa.waitText(group, (t) => t.includes('terbit'), 'published');
    expect(done).toContain('1 warga diberi jawaban');
    // The same number again (a double tap, or the message delivered twice) publishes nothing more.
    h.wa.deliver({ from: group, author: moderator, body: String(publish) });

    const answer = await h.wa.waitText(warga, (t) => t.includes('[HOAKS]'), 'answer to the resident');
    expect(answer).toContain('DLH Merangin');
    expect(answer).toContain('https://merangin.go.id/dlh/uji-air');
    await sleep(2_000);
    expect(h.wa.texts(warga).filter((t) => t.includes('[HOAKS]'))).toHaveLength(1);
    expect(groupTexts().filter((t) => t.includes('terbit'))).toHaveLength(1);

    h.wa.deliver({ from: warga, body: `/status T-${ticket}` });
    const status = await h.wa.waitText(warga, (t) => t.startsWith(`Tiket T-${ticket}:`), 'status after verdict');
    expect(status).toContain('sudah diperiksa');
  });

  it('a number quote-replying to an older card answers that card, not the latest one', async () => {
    const reports = [
      { word: 'vaksin', text: 'Vaksin booster mengandung chip 5G untuk melacak warga Merangin, jangan mau divaksin di puskesmas minggu depan' },
      { word: 'ambulans', text: 'Ada penculikan anak pakai mobil ambulans di Bangko, para orang tua harap waspada dan jemput anak di sekolah' },
    ];
    const cards = [];
    for (const { word, text } of reports) {
      const r = waUser();
      h.wa.deliver({ from: r, body: '/desa Simpang Limbur' });
      await h.wa.waitText(r, (t) => t.includes('Simpang Limbur Merangin'), '/desa saved');
      h.wa.deliver({ from: r, body: text });
      await h.wa.waitText(r, (t) => /T-\d+/.test(t), 'ticket');
      const sent = await waitFor(() => h.wa.sentTo(group).find((x) => x.content.startsWith('KLAIM #') && x.content.toLowerCase().includes(word)), {
        what: `card about ${word}`,
        timeoutMs: 15_000,
      });
      cards.push({ claim: /KLAIM #(\d+)/.exec(sent.content)![1]!, message: h.wa.client().sentMessage(sent.id) });
    }
    const [older, latest] = cards;
    expect(older!.claim).not.toBe(latest!.claim);
    const prompts = () => groupTexts().filter((t) => t.includes('Balas pesan ini'));
    const before = prompts().length;

    h.wa.deliver({ from: group, author: moderator, body: '1', quoted: older!.message });
    const prompt = await waitFor(() => prompts()[before], { what: 'prompt for the quoted card' });
    expect(prompt.startsWith(`Klaim #${older!.claim} `)).toBe(true);

    // Back out through the preview's Batal: nothing is published.
    h.wa.deliver({ from: group, author: moderator, body: 'Hoaks lama, sudah dibantah Dinkes. https://merangin.go.id/dinkes/vaksin' });
    const preview = await h.wa.waitText(group, (t) => t.startsWith('Pratinjau') && t.includes('Dinkes'), 'second preview');
    h.wa.deliver({ from: group, author: moderator, body: String(choiceNumber(preview, 'Batal')) });
    await h.wa.waitText(group, (t) => t.startsWith('Dibatalkan'), 'cancelled');
    const published = await h.saring.database.sql`select count(*)::int as n from verdicts where claim_id = ${Number(older!.claim)}`;
    expect(published).toEqual([{ n: 0 }]);
  });
});
