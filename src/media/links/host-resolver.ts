/**
 * DNS for link previews: resolve a host once, refuse it when ANY of its addresses is not public, and hand the
 * socket exactly the address that was checked (a pinned `lookup`), so a second DNS answer cannot swap in a
 * private address between the check and the connect (DNS rebinding).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { forbiddenAddressReason, type AddressPolicy } from './address-guard.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name has; injectable so tests can answer with any address. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** The link leads somewhere Saring must not go; not retried, not fetched. */
export class LinkRefusedError extends Error {
  constructor(
    public readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'LinkRefusedError';
  }
}

/** `[::1]` (URL hostname form) → `::1`. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

/**
 * The one address to connect to for `hostname`, checked. An IP literal is checked as it is; a name is resolved
 * and refused if any of its addresses is forbidden (a mixed answer is how rebinding attacks start).
 */
export async function resolveCheckedHost(hostname: string, resolver: HostResolver, policy: AddressPolicy): Promise<ResolvedAddress> {
  const host = bareHost(hostname);
  const literal = isIP(host);
  const addresses: ResolvedAddress[] = literal ? [{ address: host, family: literal === 6 ? 6 : 4 }] : await resolver(host);
  if (addresses.length === 0) throw new Error(`no address for ${host}`);
  for (const a of addresses) {
    const reason = forbiddenAddressReason(a.address, policy);
    if (reason) throw new LinkRefusedError(reason, `refused ${reason} address for ${host}`);
  }
  return addresses[0] as ResolvedAddress;
}

/**
 * A `lookup` for http(s).request that answers every query with the checked address only. Node asks with
 * `all: true` when it races address families (autoSelectFamily), with a single answer otherwise.
 */
export function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean } | number | undefined, callback: (...args: unknown[]) => void) => {
    if (typeof options === 'object' && options?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as LookupFunction;
}
