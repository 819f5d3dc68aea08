/**
 * Server-side request forgery guard for bank webhook URLs (docs/api.md "Webhooks to partner
 * banks"): only https URLs whose host resolves to public addresses, unless the operator allows
 * private targets (`WEBHOOK_ALLOW_PRIVATE_TARGETS`, development and tests).
 *
 * The check alone is not enough against DNS rebinding: the sender must connect to the addresses
 * returned here (e.g. through a pinned `lookup` on the HTTP agent), not resolve the host again.
 */
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';

/** Resolves a host name to all of its addresses (the shape of `dns.promises.lookup(…, {all})`). */
export type HostLookup = (host: string) => Promise<{ address: string; family: number }[]>;

export interface WebhookUrlCheckOptions {
  /** Allow plain http and loopback/private/reserved addresses (development, tests). */
  allowPrivate: boolean;
  /** Defaults to `dns.promises.lookup(host, { all: true, verbatim: true })`. */
  lookup?: HostLookup;
}

export type WebhookUrlRejection =
  'invalid_url' | 'scheme' | 'private_address' | 'unresolvable' | 'credentials';

export type WebhookUrlCheck =
  | {
      ok: true;
      /** The URL as WHATWG normalised it: send to this, so the checked host is the one used. */
      url: string;
      /** The addresses the host resolved to (or the literal address); connect only to these. */
      addresses: string[];
    }
  | { ok: false; reason: WebhookUrlRejection };

const MAX_URL_LENGTH = 2048;

// Stryker disable next-line BooleanLiteral: verbatim only orders the addresses; every one is checked
const defaultLookup: HostLookup = (host) => dns.lookup(host, { all: true, verbatim: true });

/**
 * Checks that a webhook URL may be called: it parses, uses https (or http when private targets
 * are allowed), carries no user name or password, and its host — an IP literal, including the
 * decimal/hex/octal forms WHATWG URL normalises (`https://2130706433/` is 127.0.0.1), or a name
 * resolved through `lookup` — has only public addresses. One non-public address rejects the URL.
 *
 * @returns `{ ok: true, url, addresses }`, or `{ ok: false, reason }`
 */
export async function checkWebhookUrl(
  url: string,
  opts: WebhookUrlCheckOptions,
): Promise<WebhookUrlCheck> {
  if (url.length > MAX_URL_LENGTH) return { ok: false, reason: 'invalid_url' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'invalid_url' };
  }
  const schemeOk =
    parsed.protocol === 'https:' || (opts.allowPrivate && parsed.protocol === 'http:');
  if (!schemeOk) return { ok: false, reason: 'scheme' };
  // Credentials in a URL end up in logs and delivery records; banks authenticate us by signature.
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, reason: 'credentials' };
  // Stryker disable next-line all: defence in depth; WHATWG URL already rejects http(s) without a host
  if (parsed.hostname === '') return { ok: false, reason: 'invalid_url' };

  // Stryker disable next-line Regex: a WHATWG hostname is bracketed whole or not at all
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      const found = await (opts.lookup ?? defaultLookup)(host);
      addresses = [...new Set(found.map((entry) => entry.address))];
    } catch {
      return { ok: false, reason: 'unresolvable' };
    }
    if (addresses.length === 0 || addresses.some((address) => isIP(address) === 0)) {
      return { ok: false, reason: 'unresolvable' };
    }
  }
  if (!opts.allowPrivate && !addresses.every(isPublicAddress)) {
    return { ok: false, reason: 'private_address' };
  }
  return { ok: true, url: parsed.href, addresses };
}

// IPv4 ranges that are not globally reachable unicast (IANA special-purpose registry, RFC 6890).
const IPV4_BLOCKED: readonly (readonly [string, number])[] = [
  // Stryker disable next-line StringLiteral: '' fails to parse to null, and null & mask is 0 as well
  ['0.0.0.0', 8], // "this network", incl. the unspecified 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. the broadcast 255.255.255.255
];
const IPV4_BLOCKED_RANGES = IPV4_BLOCKED.map(([base, bits]) => {
  // Stryker disable next-line ConditionalExpression: no listed range is /0 (JS shifts by 32 mod 32)
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { network: (ipv4ToNumber(base)! & mask) >>> 0, mask };
});

/**
 * Whether an IP address is globally reachable unicast, i.e. a safe webhook target. IPv4: not
 * loopback, private, link-local, CGNAT, `0.0.0.0/8`, multicast, reserved/broadcast or a
 * documentation/benchmark range. IPv6: inside global unicast `2000::/3` but not documentation,
 * Teredo or other IETF-reserved blocks; IPv4-mapped (`::ffff:a.b.c.d`), NAT64 (`64:ff9b::/96`)
 * and 6to4 (`2002::/16`) addresses are judged by the IPv4 address they embed. Anything that is
 * not an IP address is not public.
 */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return isPublicIPv4(ipv4ToNumber(ip)!);
  if (family !== 6) return false;
  const g = ipv6ToGroups(ip);
  // Stryker disable next-line all: defence in depth; isIP() has accepted the address already
  if (g === null) return false;
  const embedded = (hi: number, lo: number) => ((hi << 16) | lo) >>> 0;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);

  if (zeros(0, 5) && g[5] === 0xffff) return isPublicIPv4(embedded(g[6], g[7]));
  if (g[0] === 0x0064 && g[1] === 0xff9b && zeros(2, 6)) {
    return isPublicIPv4(embedded(g[6], g[7]));
  }
  if (g[0] === 0x2002) return isPublicIPv4(embedded(g[1], g[2]));
  // Everything outside global unicast is loopback, unspecified, ULA, link-local, multicast, …
  if ((g[0] & 0xe000) !== 0x2000) return false;
  if (g[0] === 0x2001 && g[1] < 0x0200) return false; // 2001::/23 IETF, incl. Teredo 2001::/32
  if (g[0] === 0x2001 && g[1] === 0x0db8) return false; // documentation 2001:db8::/32
  if ((g[0] & 0xfff0) === 0x3ff0) return false; // documentation 3fff::/20 (RFC 9637)
  return true;
}

function isPublicIPv4(address: number): boolean {
  return !IPV4_BLOCKED_RANGES.some(({ network, mask }) => (address & mask) >>> 0 === network);
}

/** Dotted-quad IPv4 text as a 32-bit unsigned number, or null when it is not one. */
export function ipv4ToNumber(ip: string): number | null {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    return null;
  }
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** Expands a valid IPv6 address (zone id allowed) into its eight 16-bit groups. */
export function ipv6ToGroups(ip: string): number[] | null {
  // Stryker disable next-line Regex: '.' stops at a line break either way, and no address has one
  let text = ip.replace(/%.*$/, '');
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const v4 = ipv4ToNumber(v4Tail[1]);
    if (v4 === null) return null;
    const hex = `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
    text = `${text.slice(0, v4Tail.index)}${hex}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  // Stryker disable next-line ConditionalExpression: without '::' missing is 0 here anyway
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const numbers = groups.map((group) =>
    /^[0-9a-f]{1,4}$/i.test(group) ? parseInt(group, 16) : NaN,
  );
  return numbers.some(Number.isNaN) ? null : numbers;
}
