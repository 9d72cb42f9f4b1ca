/**
 * Which IP addresses a link preview may connect to. Pure: the resolver asks this about every address of every
 * hop before it connects, so a link (or a redirect, or a DNS answer) can never make Saring reach its own
 * network, the machine itself or a cloud metadata service.
 */
import { isIP } from 'node:net';

export interface AddressPolicy {
  /** Test-only: loopback (127/8, ::1) is reachable, so tests can serve pages from loopback servers. */
  allowLoopback: boolean;
}

type V4Range = readonly [base: number, bits: number, reason: string];

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** IANA special-purpose IPv4 blocks that are not the public internet. */
const V4_FORBIDDEN: readonly V4Range[] = [
  [v4(0, 0, 0, 0), 8, 'this-network'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'cgnat'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 0, 0), 16, 'link-local'],
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'reserved'],
  [v4(192, 0, 2, 0), 24, 'documentation'],
  [v4(192, 88, 99, 0), 24, 'reserved'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(198, 18, 0, 0), 15, 'benchmark'],
  [v4(198, 51, 100, 0), 24, 'documentation'],
  [v4(203, 0, 113, 0), 24, 'documentation'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(240, 0, 0, 0), 4, 'reserved'],
];

function parseV4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n >>> 0;
}

function inV4(addr: number, base: number, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (addr & mask) >>> 0 === (base & mask) >>> 0;
}

function v4Reason(addr: number, policy: AddressPolicy): string | null {
  for (const [base, bits, reason] of V4_FORBIDDEN) {
    if (!inV4(addr, base, bits)) continue;
    if (reason === 'loopback' && policy.allowLoopback) return null;
    return reason;
  }
  return null;
}

/** Eight 16-bit groups, or null. Accepts `::` compression and a dotted IPv4 tail (`::ffff:127.0.0.1`). */
function parseV6(s: string): number[] | null {
  let text = s.toLowerCase().split('%')[0] ?? '';
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const n = parseV4(last);
    if (n === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (h: string | undefined) => (h ? h.split(':') : []);
  const head = groupsOf(halves[0]);
  const rest = groupsOf(halves[1]);
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const written = head.length + rest.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return null;
  const zeros = new Array<number>(8 - written).fill(0);
  return [...head, ...zeros.map(String), ...rest].map((g) => parseInt(g, 16));
}

function v6Reason(g: number[], policy: AddressPolicy): string | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g6 = 0, h = 0] = g;
  const embedded = (hi: number, lo: number) => v4Reason(((hi << 16) | lo) >>> 0, policy);
  const firstFiveZero = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (firstFiveZero && f === 0 && g6 === 0 && h === 0) return 'unspecified';
  if (firstFiveZero && f === 0 && g6 === 0 && h === 1) return policy.allowLoopback ? null : 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) reaches the IPv4 address itself; ::a.b.c.d (IPv4-compatible) is deprecated.
  if (firstFiveZero && f === 0xffff) return embedded(g6, h);
  if (firstFiveZero && f === 0) return 'ipv4-compatible';
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address a gateway will reach.
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return embedded(g6, h);
  if (a === 0x2002) return embedded(b, c);
  if (a === 0x2001 && b === 0) return 'teredo';
  if (a === 0x2001 && b === 0x0db8) return 'documentation';
  if (a === 0x0100 && b === 0 && c === 0 && d === 0) return 'discard';
  if ((a & 0xfe00) === 0xfc00) return 'private';
  if ((a & 0xffc0) === 0xfe80) return 'link-local';
  if ((a & 0xffc0) === 0xfec0) return 'site-local';
  if ((a & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/**
 * Why an address must not be fetched (`'private'`, `'loopback'`, `'link-local'`, …), or null when it is a
 * public address. Anything that does not parse as an IP address is refused too.
 */
export function forbiddenAddressReason(address: string, policy: AddressPolicy): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0] ?? '');
  if (family === 4) {
    const n = parseV4(bare);
    return n === null ? 'not-an-address' : v4Reason(n, policy);
  }
  if (family === 6) {
    const groups = parseV6(bare);
    return groups ? v6Reason(groups, policy) : 'not-an-address';
  }
  return 'not-an-address';
}
