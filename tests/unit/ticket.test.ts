import { describe, expect, it } from 'vitest';
import { formatTicket, parseTicket } from '../../src/domain/ticket.js';

describe('tickets', () => {
  it('formats a report id as T-<n>', () => {
    expect(formatTicket(1042)).toBe('T-1042');
  });

  it.each([
    ['T-1042', 1042],
    ['t-1042', 1042],
    ['T1042', 1042],
    ['#1042', 1042],
    [' 1042 ', 1042],
    ['t - 77', 77],
  ])('reads %j as %d', (input, expected) => {
    expect(parseTicket(input)).toBe(expected);
  });

  it.each(['', 'T-', 'T-abc', 'T-0', "1; drop table reports", 'T-99999999999999', '1042 1043'])('rejects %j', (input) => {
    expect(parseTicket(input)).toBeNull();
  });

  it('round-trips', () => {
    for (const n of [1, 1000, 987654]) expect(parseTicket(formatTicket(n))).toBe(n);
  });
});
