import { describe, expect, it } from 'vitest';
import { forbiddenAddressReason } from '../../../src/media/links/address-guard.js';
import { LinkRefusedError, resolveCheckedHost, type HostResolver } from '../../../src/media/links/host-resolver.js';

const production = { allowLoopback: false };
const testOnly = { allowLoopback: true };

describe('which addresses a link preview may reach', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'this-network'],
    ['0.1.2.3', 'this-network'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:a00:1::', 'private'],
    ['[::1]', 'loopback'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(forbiddenAddressReason(address, production)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(forbiddenAddressReason(address, production)).toBeNull();
    },
  );

  it('refuses what is not an address at all', () => {
    expect(forbiddenAddressReason('localhost', production)).toBe('not-an-address');
    expect(forbiddenAddressReason('1.2.3', production)).toBe('not-an-address');
  });

  it('lets the test-only setting reach loopback, and nothing else private', () => {
    expect(forbiddenAddressReason('127.0.0.1', testOnly)).toBeNull();
    expect(forbiddenAddressReason('::1', testOnly)).toBeNull();
    expect(forbiddenAddressReason('::ffff:127.0.0.1', testOnly)).toBeNull();
    expect(forbiddenAddressReason('10.0.0.1', testOnly)).toBe('private');
    expect(forbiddenAddressReason('169.254.169.254', testOnly)).toBe('link-local');
  });
});

describe('resolving a host before connecting (fake resolver)', () => {
  const dns = (answers: Record<string, string[]>): HostResolver & { calls: string[] } => {
    const calls: string[] = [];
    const resolver = async (host: string) => {
      calls.push(host);
      return (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
    };
    return Object.assign(resolver, { calls });
  };

  it('refuses a public-looking name that resolves to a private, loopback or metadata address', async () => {
    const resolver = dns({ 'promo.example': ['10.1.2.3'], 'me.example': ['127.0.0.1'], 'meta.example': ['169.254.169.254'], 'v6.example': ['::ffff:127.0.0.1'] });
    for (const host of ['promo.example', 'me.example', 'meta.example', 'v6.example']) {
      await expect(resolveCheckedHost(host, resolver, production)).rejects.toBeInstanceOf(LinkRefusedError);
    }
  });

  it('refuses a name when any one of its addresses is forbidden (mixed answers start rebinding attacks)', async () => {
    const resolver = dns({ 'mixed.example': ['93.184.216.34', '10.0.0.5'] });
    await expect(resolveCheckedHost('mixed.example', resolver, production)).rejects.toThrow(/private/);
  });

  it('checks an IP literal without asking DNS, in URL bracket form too', async () => {
    const resolver = dns({});
    await expect(resolveCheckedHost('169.254.169.254', resolver, production)).rejects.toThrow(/link-local/);
    await expect(resolveCheckedHost('[::1]', resolver, production)).rejects.toThrow(/loopback/);
    await expect(resolveCheckedHost('[fd00::1]', resolver, production)).rejects.toThrow(/private/);
    expect(resolver.calls).toEqual([]);
  });

  it('answers with the one checked address of a public name', async () => {
    const resolver = dns({ 'bit.ly': ['67.199.248.10', '67.199.248.11'] });
    await expect(resolveCheckedHost('bit.ly', resolver, production)).resolves.toEqual({ address: '67.199.248.10', family: 4 });
  });

  it('fails plainly when a name has no address', async () => {
    await expect(resolveCheckedHost('nothing.example', dns({}), production)).rejects.toThrow(/no address/);
  });
});
