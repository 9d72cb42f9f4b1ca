import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { buttonsOf, moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { dashboardLogin } from '../helpers/dashboard.js';
import { CAPTION_MAX } from '../../src/domain/answer-card.js';
import { STAMP_COLOURS } from '../../src/media/clarification-card.js';

const PUBLIC_URL = 'https://saring.example.go.id';
const HOAX = 'Beredar kabar jembatan gantung Desa Tanjung Lamin putus dan tiga orang hanyut terbawa arus sungai Merangin tadi malam';
const LONG_HOAX = 'Pesan berantai menyebut pasar Bangko akan ditutup sebulan penuh mulai besok karena wabah penyakit menular baru di Merangin';

type BotMessage = ReturnType<Harness['emulator']['botMessagesTo']>[number];

/**
 * The card travels with the answer: a resident's verdict answer is the card (PNG, 1080×1350) with the text as
 * its caption, the public link and "did it help?" buttons; one tap counts once; three 👎 re-open the claim.
 */
describe('clarification cards with answers, and "did it help?"', () => {
  let h: Harness;
  let mods: Awaited<ReturnType<typeof moderatorGroup>>;
  let actor: { id: number; role: 'diskominfo'; regionCode: string };
  let token: string;

  beforeAll(async () => {
    h = await startHarness({ PUBLIC_URL, HOME_REGION: '15.02', FEEDBACK_REOPEN_THRESHOLD: '3' });
    await seedRegions(h);
    mods = await moderatorGroup(h, { name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    const staff = await h.saring.services.staff.add({ name: 'Diskominfo API', role: 'diskominfo', regionCode: '15.02' });
    actor = { id: staff.staff.id, role: 'diskominfo', regionCode: '15.02' };
    token = staff.token;
  }, 120_000);
  afterAll(async () => h?.stop());

  const tapAs = async (r: ReturnType<typeof resident>, data: string) =>
    r.client.sendCallback(r.client.makeCallbackQuery(data, { message: { chat: { id: r.chatId, type: 'private' } } } as never));
  const texts = (chatId: number) => h.emulator.botMessagesTo(chatId).map((m) => m.text ?? m.caption ?? '');

  /** Residents report the same text; returns the claim they joined, once each has their ticket. */
  async function report(residents: Array<ReturnType<typeof resident>>, text: string): Promise<number> {
    for (const r of residents) {
      await r.client.sendMessage(r.client.makeMessage(text));
      await waitFor(() => texts(r.chatId).some((t) => /Nomor tiket: T-\d+/.test(t)), { what: 'ticket', timeoutMs: 30_000 });
    }
    const rows = await h.saring.database.sql<{ claim_id: number }[]>`select distinct claim_id from reports where raw_text = ${text}`;
    expect(rows).toHaveLength(1);
    // Residents without a desa reach the home region's moderators: wait until the claim is routed there.
    await waitFor(async () => (await h.saring.database.sql`select 1 from claims where id = ${rows[0]!.claim_id} and routed_region is not null`).length > 0, { what: 'claim routed' });
    return rows[0]!.claim_id;
  }

  const photoTo = (chatId: number) => waitFor(() => h.emulator.botMessagesTo(chatId).find((m) => m.photo), { what: 'card photo', timeoutMs: 30_000 });

  async function expectCard(m: BotMessage, colour: string): Promise<void> {
    const bytes = h.emulator.files.bytesOf(m.photo!.at(-1)!.file_id)!;
    const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(info.format).toBe('raw');
    expect((await sharp(bytes).metadata()).format).toBe('png');
    expect([info.width, info.height]).toEqual([1080, 1350]);
    expect(`#${[...data.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0').toUpperCase()).join('')}`).toBe(colour);
  }

  it('answers every reporter with the card, the whole text as caption, the link and 👍/👎; one tap counts once', async () => {
    const a = resident(h.emulator);
    const b = resident(h.emulator);
    const claimId = await report([a, b], HOAX);
    const clarification = 'Tidak benar. Jembatan gantung Tanjung Lamin utuh dan tidak ada korban, menurut BPBD Merangin.';
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification, sources: ['https://bpbd.meranginkab.go.id/kabar'], actor });

    const photo = await photoTo(a.chatId);
    await expectCard(photo, STAMP_COLOURS.hoaks);
    expect(photo.caption).toContain('[HOAKS]');
    expect(photo.caption).toContain(clarification);
    expect(photo.caption).toContain('Sumber: https://bpbd.meranginkab.go.id/kabar');
    expect(photo.caption).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    const buttons = buttonsOf(photo);
    expect(buttons.map((x) => x.text)).toEqual(['Membantu 👍', 'Tidak 👎']);
    // One message: the card carries the answer (no separate text).
    const before = h.emulator.botMessagesTo(a.chatId).length;

    // The same bytes for every reporter (rendered once per verdict version).
    const other = await photoTo(b.chatId);
    expect(h.emulator.files.bytesOf(other.photo!.at(-1)!.file_id)!.equals(h.emulator.files.bytesOf(photo.photo!.at(-1)!.file_id)!)).toBe(true);

    await tapAs(a, buttons[0]!.callback_data);
    await waitFor(() => texts(a.chatId).some((t) => t.includes('Senang jawabannya membantu')), { what: 'thanks' });
    // A second tap (even the other button) changes nothing and gets a polite word.
    await tapAs(a, buttons[1]!.callback_data);
    await waitFor(() => texts(a.chatId).some((t) => t.includes('sudah tercatat')), { what: 'already rated' });
    const rows = await h.saring.database.sql<{ helpful: boolean }[]>`select helpful from answer_feedback where claim_id = ${claimId}`;
    expect(rows).toEqual([{ helpful: true }]);
    expect(h.emulator.botMessagesTo(a.chatId).length).toBe(before + 2);

    // A copy of the verified claim gets the instant answer the same way: the card with the text.
    const c = resident(h.emulator);
    await c.client.sendMessage(c.client.makeMessage(HOAX));
    const instant = await photoTo(c.chatId);
    await expectCard(instant, STAMP_COLOURS.hoaks);
    expect(instant.caption).toContain(clarification);
    expect(instant.caption).toMatch(/Tiket: T-\d+/);
    expect(buttonsOf(instant).map((x) => x.text)).toEqual(['Membantu 👍', 'Tidak 👎']);
  });

  it('refuses a forged feedback tap and another resident using someone else’s button', async () => {
    const a = resident(h.emulator);
    const claimId = await report([a], 'Katanya PDAM Bangko mencampur air dengan bahan kimia berbahaya mulai minggu ini sehingga warga dilarang minum');
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification: 'Tidak benar, air PDAM aman diminum.', sources: ['https://merangin.go.id/pdam'], actor });
    const photo = await photoTo(a.chatId);
    const [yes] = buttonsOf(photo);
    const intruder = resident(h.emulator);
    const refusedBefore = (await h.saring.database.sql<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'callback.refused'`)[0]!.n;
    await tapAs(intruder, 'forged-feedback-token');
    // The real token, pressed from another chat (a copy of the callback data) is bound to a's chat.
    await tapAs(intruder, yes!.callback_data);
    await waitFor(async () => {
      const [row] = await h.saring.database.sql<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'callback.refused'`;
      return row!.n >= refusedBefore + 2 ? row : null;
    }, { what: 'two refusals audited' });
    const rows = await h.saring.database.sql`select 1 from answer_feedback where claim_id = ${claimId}`;
    expect(rows).toHaveLength(0);
    expect(h.emulator.botMessagesTo(intruder.chatId)).toHaveLength(0);
  });

  it('re-opens the claim for review when three residents say the answer did not help', async () => {
    const rs = [resident(h.emulator), resident(h.emulator), resident(h.emulator)];
    const claimId = await report(rs, 'Info dari grup sebelah: mulai bulan depan setiap warga Merangin wajib membayar pajak kepemilikan ayam peliharaan');
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification: 'Tidak ada pajak ayam peliharaan.', sources: ['https://merangin.go.id/pajak'], actor });
    for (const [i, r] of rs.entries()) {
      const no = buttonsOf(await photoTo(r.chatId))[1]!;
      await tapAs(r, no.callback_data);
      await waitFor(() => texts(r.chatId).some((t) => t.includes('Terima kasih atas penilaian')), { what: `thanks ${i}` });
      const [claim] = await h.saring.database.sql<{ status: string }[]>`select status from claims where id = ${claimId}`;
      // Not before the third.
      if (i < 2) expect(claim!.status).toBe('verified');
    }
    const [claim] = await h.saring.database.sql<{ status: string }[]>`select status from claims where id = ${claimId}`;
    expect(claim!.status).toBe('in_review');
    const notice = await waitFor(() => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text?.includes(`Klaim #${claimId} dibuka lagi`)), { what: 'reopen notice' });
    expect(notice.text).toContain('3 warga menilai jawaban ini tidak membantu');
    // The claim's card in the moderators' chat says so too, with the verdict buttons back.
    const card = await waitFor(
      () => h.emulator.botMessagesTo(mods.groupId).find((m) => m.text?.startsWith(`KLAIM #${claimId}`) && m.text.includes('3 warga menilai jawaban ini tidak membantu')),
      { what: 'card with the note', timeoutMs: 20_000 },
    );
    expect(buttonsOf(card).map((x) => x.text)).toContain('Hoaks');
    const audit = await h.saring.database.sql`select 1 from audit_events where action = 'claim.reopen_feedback' and subject = ${`claim:${claimId}`}`;
    expect(audit).toHaveLength(1);

    // The dashboard's claim page shows the counts, the note, and the card to download.
    const app = h.saring.app!;
    const { cookie } = await dashboardLogin(app, token);
    const page = await app.inject({ url: `/dashboard/claims/${claimId}`, headers: { cookie } });
    expect(page.body).toContain('Membantu 👍 0 · Tidak 👎 3');
    expect(page.body).toContain('3 warga menilai jawaban ini tidak membantu');
    const href = /id="card-download" href="([^"]+)"/.exec(page.body)?.[1];
    expect(href).toMatch(new RegExp(`^/klarifikasi/${claimId}/kartu\\.png\\?v=[0-9a-f]{16}$`));
    const png = await app.inject({ url: href! });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.equals(h.emulator.files.bytesOf((await photoTo(rs[0]!.chatId)).photo!.at(-1)!.file_id)!)).toBe(true);
  });

  it('sends an answer too long for a caption as the card first, then the whole text with the buttons', async () => {
    const r = resident(h.emulator);
    const claimId = await report([r], LONG_HOAX);
    const clarification = `Tidak benar. ${'Pasar Bangko tetap buka seperti biasa dan Dinas Kesehatan tidak menemukan wabah baru. '.repeat(7)}`.trim().slice(0, 690);
    const source = `https://dinkes.meranginkab.go.id/klarifikasi/${'pasar-bangko-'.repeat(20)}`;
    await h.saring.services.verdicts.publish({ claimId, verdict: 'hoaks', clarification, sources: [source], actor });
    const text = await waitFor(() => h.emulator.botMessagesTo(r.chatId).find((m) => m.text?.includes(clarification)), { what: 'full text', timeoutMs: 30_000 });
    expect(text.text.length).toBeGreaterThan(CAPTION_MAX);
    expect(text.text).toContain(source);
    expect(text.text).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    expect(buttonsOf(text).map((x) => x.text)).toEqual(['Membantu 👍', 'Tidak 👎']);
    const all = h.emulator.botMessagesTo(r.chatId);
    const photo = all.find((m) => m.photo)!;
    await expectCard(photo, STAMP_COLOURS.hoaks);
    expect(photo.caption).toContain(`${PUBLIC_URL}/klarifikasi/${claimId}`);
    expect(buttonsOf(photo)).toEqual([]);
    // The card came first, the text right after it; each exactly once.
    expect(photo.message_id!).toBeLessThan(text.message_id!);
    await sleep(1500);
    expect(h.emulator.botMessagesTo(r.chatId).filter((m) => m.photo)).toHaveLength(1);
    expect(h.emulator.botMessagesTo(r.chatId).filter((m) => m.text?.includes(clarification))).toHaveLength(1);
  });

  it('sends the text alone when the card cannot be had (never loses the answer)', async () => {
    const r = resident(h.emulator);
    const claimId = await report([r], 'Ada yang bilang gerhana matahari minggu depan membuat semua ponsel di Merangin rusak bila tidak dimatikan');
    // "Di luar cakupan" has no public page and no card.
    await h.saring.services.verdicts.publish({ claimId, verdict: 'di_luar_cakupan', clarification: 'Ini bukan klaim yang bisa diperiksa KIM.', sources: [], actor });
    const answer = await waitFor(() => h.emulator.botMessagesTo(r.chatId).find((m) => m.text?.includes('bukan klaim yang bisa diperiksa')), { what: 'text answer' });
    expect(answer.text).not.toContain('/klarifikasi/');
    expect(h.emulator.botMessagesTo(r.chatId).some((m) => m.photo)).toBe(false);
    // The ledger marks it sent once Telegram's answer is back in the worker, a moment after the emulator stored it.
    const states = async () => (await h.saring.database.sql<{ state: string }[]>`select state from outbound_messages where idempotency_key like ${`answer-c${claimId}-%`}`).map((x) => x.state);
    await waitFor(async () => !(await states()).includes('queued'), { what: 'the answer recorded' });
    expect(await states()).toEqual(['sent']);
  });
});
