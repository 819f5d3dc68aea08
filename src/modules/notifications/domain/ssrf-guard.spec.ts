import {
  HostLookup,
  checkWebhookUrl,
  ipv4ToNumber,
  ipv6ToGroups,
  isPublicAddress,
} from './ssrf-guard';

// A fake resolver: no real DNS in unit tests. Unknown names fail like ENOTFOUND.
const ZONE: Record<string, string[]> = {
  'bank.example.com': ['93.184.215.14'],
  'dual.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  localhost: ['127.0.0.1', '::1'],
  'metadata.google.internal': ['169.254.169.254'],
  'intranet.example.com': ['10.1.2.3'],
  'mixed.example.com': ['93.184.215.14', '192.168.1.10'],
  'mapped.example.com': ['::ffff:10.0.0.1'],
  'ula.example.com': ['fd12:3456:789a::1'],
  'empty.example.com': [],
  'garbage.example.com': ['not-an-ip'],
  'half-garbage.example.com': ['93.184.215.14', 'not-an-ip'],
};
const lookups: string[] = [];
const fakeLookup: HostLookup = async (host) => {
  lookups.push(host);
  const addresses = ZONE[host];
  if (addresses === undefined)
    throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const strict = { allowPrivate: false, lookup: fakeLookup };
const lenient = { allowPrivate: true, lookup: fakeLookup };

beforeEach(() => {
  lookups.length = 0;
});

describe('checkWebhookUrl', () => {
  it.each([
    ['https://bank.example.com/hooks/sfm', ['93.184.215.14']],
    ['https://bank.example.com:8443/hooks?x=1', ['93.184.215.14']],
    ['https://dual.example.com/', ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']],
    ['https://93.184.215.14/hook', ['93.184.215.14']],
    ['https://[2606:4700:4700::1111]/hook', ['2606:4700:4700::1111']],
  ])(
    'should accept %s when it is https and resolves to public addresses',
    async (url, addresses) => {
      const result = await checkWebhookUrl(url, strict);
      expect(result).toEqual({ ok: true, url: new URL(url).href, addresses });
    },
  );

  it.each([
    ['not a url', 'invalid_url'],
    ['', 'invalid_url'],
    ['https://', 'invalid_url'],
    ['https://1.2.3.4.5/', 'invalid_url'],
    [`https://bank.example.com/${'a'.repeat(2048)}`, 'invalid_url'],
    ['http://bank.example.com/hook', 'scheme'],
    ['ftp://bank.example.com/hook', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['gopher://127.0.0.1:6379/_INFO', 'scheme'],
    ['https://user:secret@bank.example.com/hook', 'credentials'],
    ['https://user@bank.example.com/hook', 'credentials'],
    ['https://:secret@bank.example.com/hook', 'credentials'],
    ['https://nowhere.example.com/hook', 'unresolvable'],
    ['https://empty.example.com/hook', 'unresolvable'],
    ['https://garbage.example.com/hook', 'unresolvable'],
    ['https://half-garbage.example.com/hook', 'unresolvable'],
    ['https://localhost/hook', 'private_address'],
    ['https://metadata.google.internal/computeMetadata/v1/', 'private_address'],
    ['https://intranet.example.com/hook', 'private_address'],
    ['https://mixed.example.com/hook', 'private_address'],
    ['https://mapped.example.com/hook', 'private_address'],
    ['https://ula.example.com/hook', 'private_address'],
    ['https://127.0.0.1/hook', 'private_address'],
    ['https://2130706433/', 'private_address'],
    ['https://0x7f.1/', 'private_address'],
    ['https://017700000001/', 'private_address'],
    ['https://127.1/', 'private_address'],
    ['https://%31%32%37.0.0.1/', 'private_address'],
    ['https://0/', 'private_address'],
    ['https://169.254.169.254/latest/meta-data/', 'private_address'],
    ['https://0xa9fea9fe/', 'private_address'],
    ['https://10.0.0.1/', 'private_address'],
    ['https://172.16.0.1/', 'private_address'],
    ['https://192.168.0.1/', 'private_address'],
    ['https://100.64.0.1/', 'private_address'],
    ['https://255.255.255.255/', 'private_address'],
    ['https://224.0.0.1/', 'private_address'],
    ['https://[::1]/', 'private_address'],
    ['https://[::]/', 'private_address'],
    ['https://[::ffff:127.0.0.1]/', 'private_address'],
    ['https://[::ffff:a9fe:a9fe]/', 'private_address'],
    ['https://[fd00::1]/', 'private_address'],
    ['https://[fe80::1]/', 'private_address'],
    ['https://[64:ff9b::a00:1]/', 'private_address'],
    ['https://[2002:7f00:1::]/', 'private_address'],
  ])('should reject %j when private targets are not allowed (%s)', async (url, reason) => {
    expect(await checkWebhookUrl(url, strict)).toEqual({ ok: false, reason });
  });

  it.each([
    ['http://127.0.0.1:4010/hook', ['127.0.0.1']],
    ['http://localhost:4010/hook', ['127.0.0.1', '::1']],
    ['https://intranet.example.com/hook', ['10.1.2.3']],
    ['https://2130706433/', ['127.0.0.1']],
    ['http://[::1]:4010/', ['::1']],
  ])('should accept %s when private targets are allowed', async (url, addresses) => {
    expect(await checkWebhookUrl(url, lenient)).toEqual({
      ok: true,
      url: new URL(url).href,
      addresses,
    });
  });

  it.each([
    ['ftp://127.0.0.1/hook', 'scheme'],
    ['http://user:pw@127.0.0.1/hook', 'credentials'],
    ['http://nowhere.example.com/hook', 'unresolvable'],
    ['nope', 'invalid_url'],
  ])('should still reject %s when private targets are allowed (%s)', async (url, reason) => {
    expect(await checkWebhookUrl(url, lenient)).toEqual({ ok: false, reason });
  });

  it('should not call the resolver when the host is an IP literal', async () => {
    await checkWebhookUrl('https://0x7f.1/', strict);
    await checkWebhookUrl('https://[2606:4700:4700::1111]/', strict);
    expect(lookups).toEqual([]);
  });

  it('should resolve the punycode name when the host is an internationalised domain', async () => {
    await checkWebhookUrl('https://中国.example.com/hook', strict);
    expect(lookups).toEqual(['xn--fiqs8s.example.com']);
  });

  it('should accept a URL of exactly 2048 characters', async () => {
    const url = `https://bank.example.com/${'a'.repeat(2048 - 'https://bank.example.com/'.length)}`;
    expect(url).toHaveLength(2048);
    expect(await checkWebhookUrl(url, strict)).toMatchObject({ ok: true });
  });

  // The one test on the real resolver: localhost resolves from /etc/hosts, no network needed.
  it('should resolve through the system resolver when no lookup is injected', async () => {
    const allowed = await checkWebhookUrl('http://localhost:4010/hook', { allowPrivate: true });
    expect(allowed).toMatchObject({ ok: true, url: 'http://localhost:4010/hook' });
    expect(allowed.ok && allowed.addresses).toContain('127.0.0.1');
    expect(await checkWebhookUrl('https://localhost/hook', { allowPrivate: false })).toEqual({
      ok: false,
      reason: 'private_address',
    });
  });

  it('should dedupe addresses when the resolver repeats one', async () => {
    const repeat: HostLookup = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '93.184.215.14', family: 4 },
    ];
    expect(
      await checkWebhookUrl('https://x.example.com/', { allowPrivate: false, lookup: repeat }),
    ).toEqual({ ok: true, url: 'https://x.example.com/', addresses: ['93.184.215.14'] });
  });
});

describe('isPublicAddress', () => {
  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '1.1.1.1',
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '126.255.255.255',
    '128.0.0.0',
    '169.253.255.255',
    '169.255.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.167.255.255',
    '192.169.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2400:cb00::1',
    '2001:4860:4860::8888',
    '2001:200::1',
    '::ffff:8.8.8.8',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '::ffff:93.184.215.14',
    '2600:1::1',
    '2600:db8::1',
    '2606:4700::1%eth0',
    '192.88.98.255',
    '192.88.100.0',
  ])('should be public when the address is %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.255.255.255', 'this network'],
    ['10.0.0.0', 'private 10/8'],
    ['10.255.255.255', 'private 10/8'],
    ['100.64.0.0', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.0.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['172.16.0.0', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12'],
    ['192.168.0.0', 'private 192.168/16'],
    ['192.168.255.255', 'private 192.168/16'],
    ['192.0.0.8', 'IETF'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.1', 'documentation'],
    ['203.0.113.1', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback, long form'],
    ['::ffff:127.0.0.1', 'mapped loopback'],
    ['::ffff:7f00:1', 'mapped loopback, hex'],
    ['::ffff:10.0.0.1', 'mapped private'],
    ['::ffff:169.254.169.254', 'mapped metadata'],
    ['::ffff:0:0', 'mapped unspecified'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b:1::1', 'local NAT64'],
    ['64:ff9b:1::808:808', 'local-use NAT64 64:ff9b:1::/48 (RFC 8215) of a public address'],
    ['64:ff9b::1:808:808', 'outside the NAT64 /96 (RFC 6052)'],
    ['2002:a00:1::1', '6to4 of private'],
    ['100::1', 'discard-only'],
    ['fc00::1', 'unique local'],
    ['fdff:ffff::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with zone'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['2001:10::1', 'ORCHID'],
    ['3fff::1', 'documentation'],
    ['localhost', 'not an IP'],
    ['', 'empty'],
    ['1.2.3', 'not an IP'],
    ['01.2.3.4', 'not an IP'],
    ['[::1]', 'bracketed'],
    ['192.88.99.0', '6to4 relay anycast'],
    ['192.88.99.255', '6to4 relay anycast'],
    ['::8.8.8.8', 'IPv4-compatible, deprecated'],
    ['fe80::ffff:808:808', 'link-local that looks IPv4-mapped'],
    ['fe80::808:808', 'link-local ending in a public IPv4'],
    ['64:ff9a::808:808', 'next to NAT64'],
    ['64:1::808:808', 'next to NAT64'],
    ['2606:4700::1%', 'empty zone id'],
  ])('should not be public when the address is %s (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });
});

describe('ipv4ToNumber', () => {
  it.each([
    ['0.0.0.0', 0],
    ['1.2.3.4', 0x01020304],
    ['255.255.255.255', 0xffffffff],
    ['1.2.3', null],
    ['1.2.3.4.5', null],
    ['1.2.3.256', null],
    ['1.2.3.-1', null],
    ['1.2.3.1.5', null],
    ['1.2.3.x', null],
    ['', null],
  ])('should read %j as %p', (ip, expected) => {
    expect(ipv4ToNumber(ip)).toBe(expected);
  });
});

describe('ipv6ToGroups', () => {
  it.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['1::', [1, 0, 0, 0, 0, 0, 0, 0]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['1::2:3:4:5:6:7', [1, 0, 2, 3, 4, 5, 6, 7]],
    ['FE80::1%eth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]],
    ['::ffff:93.184.215.14', [0, 0, 0, 0, 0, 0xffff, 0x5db8, 0xd70e]],
  ])('should expand %s', (ip, groups) => {
    expect(ipv6ToGroups(ip)).toEqual(groups);
  });

  it.each([
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4::5:6:7:8',
    '1::2::3',
    '::ffff:1.2.3.256',
    '::1.2.3.4:1',
    '1::g',
    '1::ag12',
    '12345::1',
    '',
  ])('should reject %j', (ip) => {
    expect(ipv6ToGroups(ip)).toBeNull();
  });
});
