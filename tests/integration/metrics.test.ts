import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/saring.js';
import { resident } from '../helpers/telegram.js';
import { waitFor } from '../helpers/wait.js';

/** One sample's value from Prometheus text format, or undefined when the series is absent. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of body.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics (Prometheus text format, admin token only)', () => {
  let h: Harness;
  let adminToken: string;
  let moderatorToken: string;
  beforeAll(async () => {
    h = await startHarness();
    adminToken = (await h.saring.services.staff.add({ name: 'Ops', role: 'admin', regionCode: '62' })).token;
    moderatorToken = (await h.saring.services.staff.add({ name: 'Mod', role: 'moderator', regionCode: '15.02.13' })).token;
  });
  afterAll(async () => h?.stop());

  const scrape = (token?: string) =>
    fetch(`${h.saring.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('refuses a scrape without a token (401), with a bad one (401) and with a non-admin token (403)', async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await scrape('not-a-real-token-123456')).status).toBe(401);
    expect((await scrape(moderatorToken)).status).toBe(403);
  });

  it('after a resident got a ticket: queue counts, the reply-latency histogram, adapter states, ledger counts, process metrics', async () => {
    const r = resident(h.emulator, 'Rina');
    await r.client.sendMessage(r.client.makeMessage('Katanya besok ada pemadaman listrik total se-Sumatra selama seminggu, benarkah?'));
    await waitFor(() => h.emulator.botMessagesTo(r.chatId).find((m) => /T-\d+/.test(m.text)), { what: 'ticket reply' });
    // The ledger is counted at most every 15 s: scrape only once its row says sent.
    await waitFor(async () => (await h.saring.database.sql`select 1 from outbound_messages where state = 'sent'`).length > 0, { what: 'ledger row sent' });
    // The job is marked completed just after the send returns.
    const body = await waitFor(
      async () => {
        const res = await scrape(adminToken);
        const text = await res.text();
        return res.status === 200 && (sample(text, 'saring_queue_jobs', { queue: 'outbound', state: 'completed' }) ?? 0) >= 1 ? text : null;
      },
      { what: 'outbound completed job in /metrics' },
    );
    const res = await scrape(adminToken);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('cache-control')).toBe('no-store');

    for (const queue of ['inbound', 'analyze', 'outbound', 'review']) {
      for (const state of ['waiting', 'active', 'delayed', 'completed', 'failed']) {
        expect(sample(body, 'saring_queue_jobs', { queue, state }), `${queue}/${state}`).toBeTypeOf('number');
      }
      expect(sample(body, 'saring_queue_depth', { queue })).toBeGreaterThanOrEqual(0);
      expect(sample(body, 'saring_metrics_source_up', { source: `queue:${queue}` })).toBe(1);
    }
    expect(sample(body, 'saring_queue_jobs', { queue: 'inbound', state: 'completed' })).toBeGreaterThanOrEqual(1);
    // Reports are analysed in the inbound worker's pass: the analyze queue only drains an older version's jobs.
    expect(sample(body, 'saring_queue_jobs', { queue: 'analyze', state: 'completed' })).toBe(0);

    expect(sample(body, 'saring_reply_latency_seconds_count', { purpose: 'ticket' })).toBeGreaterThanOrEqual(1);
    const sum = sample(body, 'saring_reply_latency_seconds_sum', { purpose: 'ticket' })!;
    // Message times are whole seconds: the observed latency is under a few seconds, never negative.
    expect(sum).toBeGreaterThanOrEqual(0);
    expect(sum).toBeLessThan(10);
    expect(sample(body, 'saring_reply_latency_seconds_bucket', { purpose: 'ticket', le: '+Inf' })).toBeGreaterThanOrEqual(1);

    expect(sample(body, 'saring_adapter_state', { platform: 'telegram', state: 'ready' })).toBe(1);
    expect(sample(body, 'saring_adapter_state', { platform: 'telegram', state: 'failed' })).toBe(0);
    expect(sample(body, 'saring_adapter_state', { platform: 'whatsapp', state: 'disabled' })).toBe(1);
    expect(sample(body, 'saring_adapter_state', { platform: 'whatsapp', state: 'ready' })).toBe(0);

    expect(sample(body, 'saring_outbound_messages', { state: 'sent' })).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'saring_outbound_messages', { state: 'failed' })).toBe(0);
    expect(sample(body, 'saring_metrics_source_up', { source: 'ledger' })).toBe(1);

    expect(sample(body, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(body, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    // Nothing of a resident leaks into the metrics.
    expect(body).not.toContain('pemadaman');
    expect(body).not.toContain(String(r.chatId));
  });

  it('keeps answering and marks the source down when a queue does not answer in time', async () => {
    const { createMetrics } = await import('../../src/observability/metrics.js');
    const hung = { getJobCounts: () => new Promise<Record<string, number>>(() => undefined) };
    const ok = { getJobCounts: async () => ({ waiting: 3, delayed: 2, active: 1, completed: 7 }) };
    const m = createMetrics({ queues: { outbound: ok, inbound: hung }, adapters: () => ({ telegram: 'failed' }), sourceTimeoutMs: 100 });
    // render() resolving at all proves the hung source was cut off (it never answers).
    const { body } = await m.render();
    expect(sample(body, 'saring_metrics_source_up', { source: 'queue:inbound' })).toBe(0);
    expect(sample(body, 'saring_queue_jobs', { queue: 'inbound', state: 'waiting' })).toBeUndefined();
    expect(sample(body, 'saring_queue_depth', { queue: 'outbound' })).toBe(5);
    expect(sample(body, 'saring_queue_jobs', { queue: 'outbound', state: 'failed' })).toBe(0);
    expect(sample(body, 'saring_adapter_state', { platform: 'telegram', state: 'failed' })).toBe(1);
    expect(sample(body, 'saring_adapter_state', { platform: 'whatsapp', state: 'disabled' })).toBe(1);
    // Purposes other than ticket replies are not latency subjects.
    m.observeReplyLatency('broadcast', 3);
    m.observeReplyLatency('ticket', -2);
    const after = (await m.render()).body;
    expect(sample(after, 'saring_reply_latency_seconds_count', { purpose: 'broadcast' })).toBeUndefined();
    expect(sample(after, 'saring_reply_latency_seconds_sum', { purpose: 'ticket' })).toBe(0);
  });
});
