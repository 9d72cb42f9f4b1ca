import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Harness } from './saring.js';

let nextGroupId = -2_000_000;

/** KIM groups registered directly (as staff would through the API), for broadcast tests. */
export async function registerGroups(h: Harness, regionCodes: string[]): Promise<Array<{ telegramChatId: number; chatId: number; regionCode: string }>> {
  const out = [];
  for (const regionCode of regionCodes) {
    const telegramChatId = nextGroupId--;
    const { chat } = await h.saring.services.identity.resolve({
      platform: 'telegram',
      chat: { id: String(telegramChatId), kind: 'group', title: `KIM ${regionCode}` },
      sender: { id: '1', isBot: false },
    });
    await h.saring.services.repos.groups.register({ chatId: chat.id, platform: 'telegram', name: `KIM ${regionCode}`, regionCode });
    out.push({ telegramChatId, chatId: chat.id, regionCode });
  }
  return out;
}

/**
 * A claim with an official verdict, as Diskominfo would publish it, and so with a public page (card and link).
 * `summary`: the short form approved for that page; without one the publish approves the default, the claim's
 * text masked (verdict.service publicSummaryOf).
 */
export async function officialHoax(h: Harness, text: string, clarification = 'Tidak benar. Diskominfo sudah memastikan ke instansi terkait.', summary?: string) {
  const [claim] = await h.saring.database.sql<{ id: number }[]>`
    insert into claims (text, basic_text, basic_hash, region_code, status)
    values (${text}, ${text.toLowerCase()}, ${`test-${Date.now()}-${Math.random()}`}, '15.02', 'verified') returning id`;
  const staff = await h.saring.services.staff.add({ name: 'Diskominfo Merangin', role: 'diskominfo', regionCode: '15.02' });
  const actor = { id: staff.staff.id, role: 'diskominfo' as const, regionCode: '15.02' };
  await h.saring.services.verdicts.publish({ claimId: claim!.id, verdict: 'hoaks', clarification, sources: ['https://merangin.go.id/klarifikasi'], ...(summary ? { summary } : {}), actor });
  return { claimId: claim!.id, actor };
}

/**
 * The longest stall of this process's event loop while `run` ran. The emulator runs in the test's process and
 * stamps a message when its handler runs: a loaded machine stalls the loop, and messages sent at their paced slots
 * are stamped late and bunched by up to about that stall (a send's way to the stamp crosses a few loop turns).
 */
export async function withLoopStall<T>(run: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await run();
    return { result, stallMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}

/**
 * Arrivals at most `stallMs` late of slots that hold "≤ N in any window": no window of `windowMs − 2 × stallMs − 50`
 * can hold more than N arrivals. On a quiet machine that is nearly the whole window.
 */
export function arrivalWindowMs(windowMs: number, stallMs: number): number {
  return Math.max(1, windowMs - 2 * stallMs - 50);
}

/** Largest number of timestamps inside any window of `windowMs`. */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * A claim of `regionCode` with its approved summary and a published official verdict (the week's clarifications
 * a digest lists). `actor` is the kabupaten's Diskominfo; a claim outside its region is published by an admin.
 */
export async function publishClaim(
  h: Pick<Harness, 'saring'>,
  actor: { id: number; role: 'diskominfo'; regionCode: string },
  claim: { text: string; summary: string; regionCode: string; reportCount: number },
): Promise<number> {
  const [row] = await h.saring.database.sql<{ id: number }[]>`
    insert into claims (text, basic_text, basic_hash, region_code, status, report_count)
    values (${claim.text}, ${claim.text.toLowerCase()}, ${`published-${Math.random()}`}, ${claim.regionCode}, 'verified', ${claim.reportCount}) returning id`;
  const admin = { id: actor.id, role: 'admin' as const, regionCode: '15' };
  await h.saring.services.verdicts.publish({
    claimId: row!.id,
    verdict: 'hoaks',
    clarification: 'Tidak benar. Diskominfo sudah memastikan ke instansi terkait.',
    sources: ['https://merangin.go.id/klarifikasi'],
    summary: claim.summary,
    actor: claim.regionCode.startsWith(actor.regionCode) ? actor : admin,
  });
  return row!.id;
}
