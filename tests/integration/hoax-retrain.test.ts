import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusAvailable, corpusReader, DEFAULT_CORPUS_DIR } from '../../src/services/hoax-corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { openPostgres, type Database } from '../../src/db/client.js';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.js';
import { createModelKeeper, retrainHoaxModel } from '../../src/services/hoax-model.service.js';
import { trainHoaxModel } from '../../src/nlp/train/trainer.js';
import { everydayMessages } from '../../src/nlp/train/everyday.js';
import { createNlp } from '../../src/nlp/index.js';
import { LOCAL_REASON } from '../../src/nlp/hoax-scorer.js';

/**
 * Retraining against real PostgreSQL, on a slice of the corpus so it takes seconds: the live model is one
 * trained on the same slice; published verdicts enter the local memory; a retrain on poisoned verdicts is refused
 * by the held-out check and the old model stays live; an honest one goes live with the old one kept.
 */
const SLICE = { maxRowsPerSource: 150, C: 0.03 };
/**
 * The real corpus stays in ../shared (it is not shipped in the project), so a clone without it — CI clones to
 * /tmp — trains on the synthetic fixture corpus (tests/fixtures/hoax-corpus, same format) instead of skipping:
 * the refusal is tested everywhere. HOAX_CORPUS_DIR, or SARING_SHARED_DATA as the benches use it (a git
 * worktree), names the real one; named but missing is an error, not a quiet switch to the fixture.
 */
const FIXTURE_CORPUS = fileURLToPath(new URL('../fixtures/hoax-corpus', import.meta.url));
const named = process.env.HOAX_CORPUS_DIR ?? (process.env.SARING_SHARED_DATA ? join(process.env.SARING_SHARED_DATA, 'hoax') : undefined);
const corpusDir = named ?? (corpusAvailable(DEFAULT_CORPUS_DIR) ? DEFAULT_CORPUS_DIR : FIXTURE_CORPUS);
const logger = pino({ level: 'silent' });

describe(`hoax model retrain and local memory (${corpusDir === FIXTURE_CORPUS ? 'fixture corpus' : `corpus in ${corpusDir}`})`, () => {
  let tdb: TestDatabase;
  let database: Database;
  let repos: Repositories;
  let residentId: number;
  let chatId: number;
  let n = 0;
  // Trained in beforeAll, where its time counts against the hook's timeout rather than the file's collection.
  let baseline!: ReturnType<typeof trainHoaxModel>;

  /** A claim with these reports and a published verdict, as the verdict service leaves them. */
  async function decided(texts: string[], verdict: 'hoaks' | 'benar' | 'di_luar_cakupan'): Promise<number> {
    const sql = database.sql;
    const [claim] = await sql`insert into claims (text, basic_text, basic_hash, status) values (${texts[0]!}, ${texts[0]!}, ${`retrain-${n++}`}, 'verified') returning id`;
    for (const text of texts) {
      await sql`insert into reports (dedupe_key, platform, resident_id, chat_id, platform_message_id, raw_text, status, claim_id)
        values (${`retrain-r-${n++}`}, 'telegram', ${residentId}, ${chatId}, ${String(n)}, ${text}, 'analyzed', ${claim!.id})`;
    }
    await sql`insert into verdicts (claim_id, verdict, kind, clarification) values (${claim!.id}, ${verdict}, 'community', 'Penjelasan.')`;
    await repos.hoaxModels.rememberVerdict(claim!.id as number, verdict);
    return claim!.id as number;
  }

  beforeAll(async () => {
    if (!corpusAvailable(corpusDir)) throw new Error(`no hoax corpus in ${corpusDir} (HOAX_CORPUS_DIR / SARING_SHARED_DATA)`);
    baseline = trainHoaxModel({ ...SLICE, corpus: corpusReader(corpusDir) });
    tdb = await createTestDatabase();
    database = openPostgres(tdb.url, logger, { max: 2 });
    repos = createRepositories(database.db);
    const [res] = await database.sql`insert into residents (pseudonym, platform) values ('retrain-r1', 'telegram') returning id`;
    const [chat] = await database.sql`insert into chats (platform, kind, chat_key, address_enc, resident_id) values ('telegram', 'private', 'retrain-c1', 'x', ${res!.id}) returning id`;
    residentId = res!.id as number;
    chatId = chat!.id as number;
    await repos.hoaxModels.activate({ version: baseline.modelVersion, model: JSON.stringify(baseline), check: { seeded: true }, localCount: 0 });
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it('keeps published verdicts in the local memory, reading the texts from the reports', async () => {
    await decided(['Air sumur di Kecamatan Tabir tercemar limbah pabrik sawit, jangan diminum', 'Sumur warga Tabir kena limbah pabrik sawit, airnya jangan diminum dulu'], 'hoaks');
    const unhelpful = await decided(['Harga cabai naik minggu ini'], 'di_luar_cakupan');
    const memory = await repos.hoaxModels.localExamples();
    expect(memory.map((m) => m.label)).toEqual([1, 1]);
    expect(memory).toHaveLength(2);
    expect(memory.some((m) => m.text.includes('Tabir'))).toBe(true);
    // A later verdict that teaches nothing takes the claim's reports out again.
    await repos.hoaxModels.rememberVerdict(unhelpful, 'di_luar_cakupan');
    expect(await repos.hoaxModels.localExamples()).toHaveLength(2);

    const nlp = createNlp();
    await createModelKeeper(nlp, repos, logger).refresh();
    expect(nlp.hoaxModelVersion).toBe(baseline.modelVersion);
    expect(nlp.localMemorySize).toBe(2);
    expect(nlp.score('katanya limbah pabrik sawit mencemari sumur warga di kecamatan Tabir, jangan minum air sumurnya').signals).toContain(LOCAL_REASON);

    // An erased report leaves the memory at the next refresh (its text is read from the report, never copied).
    const keeper = createModelKeeper(nlp, repos, logger);
    await keeper.refresh();
    const [erased] = await database.sql`update reports set raw_text = null where raw_text like 'Air sumur di Kecamatan Tabir%' returning id`;
    expect(erased).toBeDefined();
    await keeper.refresh();
    expect(nlp.localMemorySize).toBe(1);
  });

  it('refuses a model trained on poisoned verdicts and keeps the old one live', async () => {
    // Someone marks ordinary village announcements as hoaks, over and over.
    const poison = everydayMessages()
      .filter((m) => m.split === 'train')
      .filter((_, i) => i % 4 === 0)
      .map((m) => m.text);
    const poisonClaim = await decided(poison, 'hoaks');
    const result = await retrainHoaxModel(repos, { train: SLICE, corpusDir });
    expect(result.outcome).toBe('refused');
    expect(result.worse.join(' ')).toMatch(/everyday false hoaks/);
    expect(result.candidate!.everydayFalseHoaks).toBeGreaterThan(result.live!.everydayFalseHoaks);
    expect(await repos.hoaxModels.liveVersion()).toBe(baseline.modelVersion);
    const refused = (await repos.hoaxModels.history()).find((h) => h.version === result.candidateVersion);
    expect(refused?.status).toBe('refused');
    const nlp = createNlp();
    await createModelKeeper(nlp, repos, logger).refresh();
    expect(nlp.hoaxModelVersion).toBe(baseline.modelVersion);
    // The moderators correct themselves: the poisoned claim's verdict no longer teaches anything.
    await repos.hoaxModels.rememberVerdict(poisonClaim, 'di_luar_cakupan');
  }, 240_000);

  it('makes an honest retrain live, deterministic and versioned, and keeps the previous model', async () => {
    const first = await retrainHoaxModel(repos, { train: SLICE, corpusDir });
    expect(first.outcome, first.worse.join('; ')).toBe('activated');
    expect(first.candidateVersion).toMatch(/^v4-l\d+-[0-9a-f]{10}$/);
    expect(await repos.hoaxModels.liveVersion()).toBe(first.candidateVersion);
    const history = await repos.hoaxModels.history();
    expect(history.find((h) => h.version === baseline.modelVersion)?.status).toBe('previous');
    // Same data, same model: the next run changes nothing.
    const again = await retrainHoaxModel(repos, { train: SLICE, corpusDir });
    expect(again.outcome).toBe('unchanged');
    expect(again.candidateVersion).toBe(first.candidateVersion);
  }, 240_000);
});
