import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { buttonsOf, moderatorGroup, seedRegions } from '../helpers/moderation.js';
import { waitFor } from '../helpers/wait.js';

const HOAX = 'Beredar kabar PLN Merangin akan memadamkan listrik selama tujuh hari penuh mulai besok untuk semua desa di Pamenang Barat, siapkan lilin';
const HOAX2 = 'Pesan berantai: air sumur di Mampun Baru tercemar racun dari tambang emas ilegal, warga dilarang minum air sumur sampai bulan depan';

/** Nobody unrouted: HOME_REGION Kabupaten Merangin (15.02) takes the claims of residents who set no desa. */
describe('HOME_REGION: a resident without a desa still reaches moderators, and is re-routed once they set it', () => {
  let h: Harness;
  let home: Awaited<ReturnType<typeof moderatorGroup>>;
  let desa: Awaited<ReturnType<typeof moderatorGroup>>;
  let apiToken: string;
  const w = { current: undefined as ReturnType<typeof resident> | undefined };
  let claimId = 0;

  beforeAll(async () => {
    h = await startHarness({ HOME_REGION: '15.02' });
    await seedRegions(h);
    home = await moderatorGroup(h, { name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
    desa = await moderatorGroup(h, { name: 'KIM Simpang Limbur', role: 'moderator', regionCode: '15.02.13.2005' });
    apiToken = (await h.saring.services.staff.add({ name: 'Diskominfo Merangin (API)', role: 'diskominfo', regionCode: '15.02' })).token;
  });
  afterAll(async () => h?.stop());

  const cards = (groupId: number) => h.emulator.botMessagesTo(groupId).filter((m) => m.text.startsWith('KLAIM #'));
  const cardOf = (groupId: number, id: number) => cards(groupId).find((m) => m.text.startsWith(`KLAIM #${id}\n`) || m.text.startsWith(`KLAIM #${id} `));
  const tap = (r: ReturnType<typeof resident>, data: string) => r.client.sendCallback(r.client.makeCallbackQuery(data, { message: { chat: { id: r.chatId, type: 'private' } } } as never));
  const nth = (r: ReturnType<typeof resident>, n: number, what: string) => waitFor(() => h.emulator.botMessagesTo(r.chatId)[n - 1], { what, timeoutMs: 15_000 });
  const claimRow = async (id: number) => (await h.saring.database.sql`select region_code, routed_region from claims where id = ${id}`)[0]!;

  it('asks for the desa under the ticket, routes the claim to the home region\'s chat and shows it to its Diskominfo', async () => {
    const r = (w.current = resident(h.emulator));
    await r.client.sendMessage(r.client.makeMessage(HOAX));
    const ticket = await nth(r, 1, 'ticket');
    expect(ticket.text).toMatch(/Nomor tiket: T-\d+/);
    expect(ticket.text).toContain('Dari desa mana Anda?');
    expect(buttonsOf(ticket).map((b) => b.text)).toEqual(['📍 Pilih desa saya']);

    const card = await waitFor(() => cards(home.groupId)[0], { what: 'card in the home region chat', timeoutMs: 15_000 });
    expect(card.text).toContain('Asal: desa pelapor belum diketahui');
    claimId = Number(/KLAIM #(\d+)/.exec(card.text)?.[1]);
    expect(await claimRow(claimId)).toEqual({ region_code: null, routed_region: '15.02' });

    const auth = { authorization: `Bearer ${apiToken}` };
    const one = await h.saring.app!.inject({ method: 'GET', url: `/api/claims/${claimId}`, headers: auth });
    expect(one.statusCode).toBe(200);
    const list = await h.saring.app!.inject({ method: 'GET', url: '/api/claims?limit=50', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).toContain(`"id":${claimId}`);
  });

  it('sets the desa in a few taps from the ticket (kecamatan → desa) and re-routes the open claim to that desa\'s moderators', async () => {
    const r = w.current!;
    await tap(r, buttonsOf(h.emulator.botMessagesTo(r.chatId)[0]!)[0]!.callback_data);
    const kecamatan = await nth(r, 2, 'kecamatan choices');
    expect(kecamatan.text).toBe('Pilih kecamatan Anda:');
    await tap(r, buttonsOf(kecamatan).find((b) => b.text === 'Kec. Pamenang Barat')!.callback_data);
    const desaChoices = await nth(r, 3, 'desa choices');
    expect(buttonsOf(desaChoices).map((b) => b.text)).toContain('Desa Simpang Limbur Merangin');
    await tap(r, buttonsOf(desaChoices).find((b) => b.text === 'Desa Simpang Limbur Merangin')!.callback_data);
    const saved = await nth(r, 4, 'confirmation');
    expect(saved.text).toContain('Desa Simpang Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin');

    const moved = await waitFor(() => cardOf(desa.groupId, claimId), { what: 'card in the desa moderators chat', timeoutMs: 15_000 });
    expect(moved.text).toContain('Asal: Desa Simpang Limbur Merangin, Kab. Merangin');
    expect(await claimRow(claimId)).toEqual({ region_code: '15.02.13.2005', routed_region: '15.02.13.2005' });
  });

  it('/moderasi in a new chat posts the cards of the claims already waiting in its region at once', async () => {
    const r = resident(h.emulator);
    await r.client.sendCommand(r.client.makeCommand('/desa Mampun Baru'));
    await nth(r, 1, '/desa saved');
    await r.client.sendMessage(r.client.makeMessage(HOAX2));
    // No chat for Mampun Baru or its kecamatan yet: the kabupaten's chat takes it.
    const atHome = await waitFor(() => cards(home.groupId).find((m) => m.text.includes('Mampun Baru')), { what: 'card at the kabupaten', timeoutMs: 15_000 });
    const second = Number(/KLAIM #(\d+)/.exec(atHome.text)?.[1]);
    expect(second).toBeGreaterThan(claimId);

    const mampun = await moderatorGroup(h, { name: 'KIM Mampun Baru', role: 'moderator', regionCode: '15.02.13.2006' });
    expect(h.emulator.botMessagesTo(mampun.groupId)[0]!.text).toContain('Desa Mampun Baru, Kec. Pamenang Barat, Kab. Merangin');
    expect(h.emulator.botMessagesTo(mampun.groupId)[0]!.text).toContain('1 klaim yang masih menunggu');
    // The reconciler runs every 60 s here: a card within seconds can only come from /moderasi itself.
    const card = await waitFor(() => cardOf(mampun.groupId, second), { what: 'card posted by /moderasi', timeoutMs: 10_000 });
    expect(card.text).toContain('Asal: Desa Mampun Baru, Kab. Merangin');
  });
});
