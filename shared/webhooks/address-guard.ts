/**
 * Where webhooks may not go: private, loopback, link-local (the cloud's metadata service among
 * them), carrier-grade NAT, unique-local IPv6 and unspecified addresses, and IPv4 ones written as
 * IPv6. Checked on the addresses DNS gives, and the connection is made to the address checked, so
 * a name that resolves differently a moment later (DNS rebinding) cannot slip past.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  forbidden.addSubnet(network, prefix, 'ipv6');

export class ForbiddenAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused address ${address}: private, loopback, link-local or metadata`);
  }
}

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return forbidden.check(address, 'ipv4');
  if (family !== 6) return true;
  // ::ffff:10.0.0.1 reaches 10.0.0.1.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ? forbidden.check(mapped[1], 'ipv4') : forbidden.check(address, 'ipv6');
}

/**
 * A `lookup` for http(s).request: resolves the name, refuses it if any address is forbidden
 * (unless the deployment allows them) and hands the socket the address it checked.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const all = addresses as unknown as LookupAddress[];
      const refused = allowPrivate ? undefined : all.find((a) => isForbiddenAddress(a.address));
      const chosen = all[0];
      if (refused) return callback(new ForbiddenAddressError(refused.address), '', 0);
      if (!chosen) return callback(new Error(`${hostname} has no address`), '', 0);
      if (options.all) return callback(null, [chosen] as unknown as string, chosen.family);
      callback(null, chosen.address, chosen.family);
    });
  };
}
