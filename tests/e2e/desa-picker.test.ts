import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { buttonsOf } from '../helpers/moderation.js';
import { importWilayah } from '../helpers/regions.js';
import { sleep, waitFor } from '../helpers/wait.js';

/**
 * `/desa` as a resident uses it, over the Bot API emulator, against real Kemendagri rows: Jambi (the home
 * provinsi, HOME_REGION Kabupaten Merangin), Jawa Barat and Maluku in full, and all 65 desa "Sukamaju" of the country.
 */
describe('/desa always gets there: names, qualifiers, many matches, other provinces', () => {
  let h: Harness;
  type Warga = ReturnType<typeof resident>;

  beforeAll(async () => {
    h = await startHarness({ HOME_REGION: '15.02' });
    await importWilayah(h, { provinces: ['15', '32', '81'], names: ['Sukamaju'] });
  }, 120_000);
  afterAll(async () => h?.stop());

  const messages = (w: Warga) => h.emulator.botMessagesTo(w.chatId);
  /** The bot's answer number `n` (1-based) to this resident. */
  const answer = (w: Warga, n: number, what: string) => waitFor(() => messages(w)[n - 1], { what, timeoutMs: 15_000 });
  const tap = (w: Warga, data: string) => w.client.sendCallback(w.client.makeCallbackQuery(data, { message: { chat: { id: w.chatId, type: 'private' } } } as never));
  const press = async (w: Warga, msg: { reply_markup?: unknown }, label: RegExp | string) => {
    const button = buttonsOf(msg).find((b) => (typeof label === 'string' ? b.text === label : label.test(b.text)));
    expect(button, `button ${String(label)} in ${JSON.stringify(buttonsOf(msg).map((b) => b.text))}`).toBeDefined();
    await tap(w, button!.callback_data);
  };
  const regionOf = async (w: Warga) =>
    (await h.saring.services.identity.resolve({ platform: 'telegram', chat: { id: String(w.chatId), kind: 'private' }, sender: { id: String(w.userId), isBot: false } })).resident.regionCode;

  it('reaches one of 65 desa "Sukamaju" in three taps: provinsi → kabupaten → desa, and names its kecamatan and kabupaten', async () => {
    const w = resident(h.emulator);
    await w.client.sendCommand(w.client.makeCommand('/desa Sukamaju'));
    const ask = await answer(w, 1, 'question');
    expect(ask.text).toContain('Ada 65 desa/kelurahan bernama "Sukamaju"');
    expect(ask.text).toContain('provinsi');
    await press(w, ask, /^Jawa Barat \(32\)$/);
    const kabupaten = await answer(w, 2, 'kabupaten choices');
    const labels = buttonsOf(kabupaten).map((b) => b.text);
    expect(labels).toContain('Kab. Sukabumi (6)');
    expect(labels).toContain('Kab. Cianjur (4)');
    await press(w, kabupaten, 'Kab. Sukabumi (6)');
    const desa = await answer(w, 3, 'desa choices');
    expect(buttonsOf(desa)).toHaveLength(6);
    // 32.02.10 is Kecamatan Cikembar in the Kemendagri list.
    await press(w, desa, /^Desa Sukamaju, Kec. Cikembar, Kab. Sukabumi$/);
    const saved = await answer(w, 4, 'confirmation');
    expect(saved.text).toContain('Desa Sukamaju, Kec. Cikembar, Kab. Sukabumi');
    expect(buttonsOf(saved).map((b) => b.text)).toEqual(['Bukan, ganti']);
    expect(await regionOf(w)).toBe('32.02.10.2006');
  });

  it('takes "NAMA KABUPATEN" as a qualifier and offers only that kabupaten\'s desa', async () => {
    const w = resident(h.emulator);
    await w.client.sendCommand(w.client.makeCommand('/desa Sukamaju Cianjur'));
    const ask = await answer(w, 1, 'choices in Cianjur');
    const labels = buttonsOf(ask).map((b) => b.text);
    expect(labels).toHaveLength(4);
    for (const l of labels) expect(l).toMatch(/^Desa Sukamaju, Kec\. .+, Kab\. Cianjur$/);
    await press(w, ask, 'Desa Sukamaju, Kec. Cibeber, Kab. Cianjur');
    await answer(w, 2, 'confirmation');
    expect(await regionOf(w)).toBe('32.03.03.2013');

    // "bukan, ganti" puts back what they had before (nothing) and tells them how to try again.
    await press(w, messages(w)[1]!, 'Bukan, ganti');
    const undone = await answer(w, 3, 'undo');
    expect(undone.text).toContain('/desa Sukamaju Cianjur');
    expect(await regionOf(w)).toBeNull();
  });

  it('never saves silently a name found only in another provinsi ("Jakarta" → Jakarta Baru, Maluku)', async () => {
    const w = resident(h.emulator);
    await w.client.sendCommand(w.client.makeCommand('/desa Jakarta'));
    const ask = await answer(w, 1, 'question');
    expect(ask.text).toContain('Maksud Anda Desa Jakarta Baru');
    expect(ask.text).toContain('Maluku');
    await sleep(500);
    expect(await regionOf(w)).toBeNull();
    await press(w, ask, 'Ya, ini desa saya');
    const saved = await answer(w, 2, 'confirmation');
    expect(saved.text).toMatch(/Desa Jakarta Baru, Kec\. .+, Kab\. /);
    expect(await regionOf(w)).toBe('81.05.12.2007');
  });

  it('saves at once a desa of the home provinsi named as typed, confirming with kecamatan and kabupaten', async () => {
    const w = resident(h.emulator);
    await w.client.sendCommand(w.client.makeCommand('/desa simpang limbur'));
    const saved = await answer(w, 1, 'confirmation');
    expect(saved.text).toContain('Desa Simpang Limbur Merangin, Kec. Pamenang Barat, Kab. Merangin');
    expect(await regionOf(w)).toBe('15.02.13.2005');
  });

  it('says plainly when nothing is found, and a code still works', async () => {
    const w = resident(h.emulator);
    await w.client.sendCommand(w.client.makeCommand('/desa Qwxyzabc'));
    expect((await answer(w, 1, 'not found')).text).toContain('belum ketemu');
    await w.client.sendCommand(w.client.makeCommand('/desa 15.02.13.2006'));
    expect((await answer(w, 2, 'saved by code')).text).toContain('Desa Mampun Baru, Kec. Pamenang Barat, Kab. Merangin');
  });
});
