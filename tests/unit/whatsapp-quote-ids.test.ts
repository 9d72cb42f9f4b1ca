import { describe, expect, it } from 'vitest';
import { createQuoteIds } from '../../bots/whatsapp/quote-ids.js';

const GROUP = '120363012345678901@g.us';
const message = (id: string, author: string) => ({ from: GROUP, id: { fromMe: false, remote: GROUP, id, _serialized: `false_${GROUP}_${id}_${author}` } });

describe('the full ids of recent group messages (they hold the author’s number)', () => {
  it('gives the full key for a quote while it is recent, and forgets it after the keeping time', () => {
    let t = 0;
    const ids = createQuoteIds({ keepMs: 60_000, now: () => t });
    ids.remember(message('3EB0AA', '6281234567890@c.us'));
    t = 59_000;
    expect(ids.fullId(GROUP, '3EB0AA')).toBe(`false_${GROUP}_3EB0AA_6281234567890@c.us`);
    expect(ids.fullId(GROUP, 'UNKNOWN')).toBeUndefined();
    t = 61_000;
    expect(ids.fullId(GROUP, '3EB0AA')).toBeUndefined();
    expect(ids.size()).toBe(0);
  });

  it('holds at most `max` entries, dropping the oldest first', () => {
    const ids = createQuoteIds({ max: 2, now: () => 0 });
    ids.remember(message('A', '62811@c.us'));
    ids.remember(message('B', '62812@c.us'));
    ids.remember(message('C', '62813@c.us'));
    expect(ids.size()).toBe(2);
    expect(ids.fullId(GROUP, 'A')).toBeUndefined();
    expect(ids.fullId(GROUP, 'C')).toBe(`false_${GROUP}_C_62813@c.us`);
  });
});
