import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from '../../src/net/address-policy.js';
import { safeFetch } from '../../src/net/safe-fetch.js';

async function read(body: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString();
}

describe('safeFetch', () => {
  let server: http.Server;
  let port: number;
  let hits = 0;
  const LOCAL = ['127.0.0.1/32'];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/hello') res.end('hello');
      else if (url.pathname === '/redirect') {
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/hello' });
        res.end();
      } else if (url.pathname.startsWith('/chain/')) {
        const n = Number(url.pathname.slice(7));
        res.writeHead(302, { location: n > 0 ? `/chain/${n - 1}` : '/hello' });
        res.end();
      } else if (url.pathname === '/big') res.end('x'.repeat(1000));
      else if (url.pathname === '/big-chunked') {
        for (let i = 0; i < 10; i++) res.write('y'.repeat(100));
        res.end();
      } else if (url.pathname === '/slow') setTimeout(() => res.end('late'), 5000).unref();
      else if (url.pathname === '/missing') {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const refusedWith = (pattern: RegExp) => expect.objectContaining({ statusCode: 400, code: 'LAOSHI_OUTBOUND_REFUSED', message: expect.stringMatching(pattern) });

  it('fetches from an address the allow-list opens (the positive path)', async () => {
    const res = await safeFetch(`http://127.0.0.1:${port}/hello`, { allow: LOCAL });
    expect(res.status).toBe(200);
    expect(await read(res.body)).toBe('hello');
  });

  it.each([
    ['loopback', 'http://127.0.0.1:PORT/hello', /loopback/],
    ['IPv6 loopback', 'http://[::1]:PORT/hello', /loopback/],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', /link-local/],
    ['10/8', 'http://10.0.0.1/', /private/],
    ['172.16/12', 'http://172.16.5.4/', /private/],
    ['192.168/16', 'http://192.168.1.1/', /private/],
    ['CGNAT (Alibaba metadata)', 'http://100.100.100.200/', /carrier-grade NAT/],
    ['0.0.0.0', 'http://0.0.0.0:PORT/hello', /unspecified/],
    ['IPv4-mapped IPv6 (dotted)', 'http://[::ffff:127.0.0.1]:PORT/hello', /IPv4-mapped .*loopback/],
    ['IPv4-mapped IPv6 (hex)', 'http://[::ffff:a9fe:a9fe]/', /IPv4-mapped .*link-local/],
    ['unique-local IPv6 (AWS metadata)', 'http://[fd00:ec2::254]/', /unique-local/],
    ['decimal IPv4', 'http://2130706433:PORT/hello', /127\.0\.0\.1 is a loopback/],
    ['octal IPv4', 'http://0177.0.0.1:PORT/hello', /127\.0\.0\.1 is a loopback/],
    ['hex IPv4', 'http://0x7f.0x0.0x0.0x1:PORT/hello', /127\.0\.0\.1 is a loopback/],
    ['short IPv4', 'http://127.1:PORT/hello', /127\.0\.0\.1 is a loopback/],
  ])('refuses %s without connecting', async (_name, url, why) => {
    const before = hits;
    await expect(safeFetch(url.replace('PORT', String(port)))).rejects.toEqual(refusedWith(why));
    expect(hits).toBe(before);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'gopher://127.0.0.1:70/', 'data:text/plain,hi', 'javascript:alert(1)'])('refuses the scheme of %s', async (url) => {
    await expect(safeFetch(url, { allow: LOCAL })).rejects.toEqual(refusedWith(/scheme .* is not allowed/));
  });

  it('refuses a host name that resolves to loopback, checking the address the socket uses', async () => {
    const before = hits;
    const lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    await expect(safeFetch(`http://rebind.example:${port}/hello`, { lookup })).rejects.toEqual(refusedWith(/rebind\.example resolves to 127\.0\.0\.1, a loopback address/));
    expect(hits).toBe(before);
  });

  it('resolves once per connection, so a name cannot pass a check and then rebind (DNS rebinding)', async () => {
    let calls = 0;
    // Public for a first look-up, loopback for any later one: with one look-up there is no "later".
    const lookup = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '93.184.216.34', family: 4 }]);
    await expect(safeFetch(`http://flip.example:${port}/hello`, { lookup })).rejects.toMatchObject({ code: 'LAOSHI_OUTBOUND_REFUSED' });
    expect(calls).toBe(1);
  });

  it('re-checks every redirect: an allowed host redirecting inside is refused', async () => {
    for (const to of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', `http://[::1]:${port}/hello`, `http://2130706433:${port}/hello`]) {
      await expect(safeFetch(`http://allowed.example:${port}/redirect?to=${encodeURIComponent(to)}`, { allow: ['allowed.example'], lookup: async () => [{ address: '127.0.0.1', family: 4 }] }), to).rejects.toMatchObject({ code: 'LAOSHI_OUTBOUND_REFUSED' });
    }
    const res = await safeFetch(`http://127.0.0.1:${port}/redirect?to=/hello`, { allow: LOCAL });
    expect(res.url).toBe(`http://127.0.0.1:${port}/hello`);
    expect(await read(res.body)).toBe('hello');
  });

  it('follows at most 5 redirects', async () => {
    expect(await read((await safeFetch(`http://127.0.0.1:${port}/chain/4`, { allow: LOCAL })).body)).toBe('hello');
    await expect(safeFetch(`http://127.0.0.1:${port}/chain/5`, { allow: LOCAL })).rejects.toMatchObject({ code: 'LAOSHI_FETCH_FAILED', message: expect.stringContaining('more than 5 redirects') });
  });

  it('caps the body size, by Content-Length and while streaming', async () => {
    await expect(safeFetch(`http://127.0.0.1:${port}/big`, { allow: LOCAL, maxBytes: 100 })).rejects.toMatchObject({ statusCode: 413 });
    const res = await safeFetch(`http://127.0.0.1:${port}/big-chunked`, { allow: LOCAL, maxBytes: 500 });
    await expect(read(res.body)).rejects.toMatchObject({ statusCode: 413 });
  });

  it('caps the time and reports HTTP errors naming the URL', async () => {
    await expect(safeFetch(`http://127.0.0.1:${port}/slow`, { allow: LOCAL, timeoutMs: 200 })).rejects.toMatchObject({ statusCode: 504 });
    await expect(safeFetch(`http://127.0.0.1:${port}/missing`, { allow: LOCAL })).rejects.toMatchObject({ code: 'LAOSHI_FETCH_FAILED', message: expect.stringMatching(/\/missing: the server answered HTTP 404/) });
  });
});

describe('AddressPolicy', () => {
  it('allows public unicast and what the allow-list names, nothing else', () => {
    const open = new AddressPolicy();
    expect(open.refusal('93.184.216.34')).toBeNull();
    expect(open.refusal('2606:2800:220:1:248:1893:25c8:1946')).toBeNull();
    for (const ip of ['127.0.0.1', '::1', '10.1.2.3', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', 'fe80::1', 'fc00::1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:a00:1::', '224.0.0.1', '255.255.255.255']) {
      expect(open.refusal(ip), ip).not.toBeNull();
    }
    expect(open.refusal('172.32.0.1')).toBeNull();
    const allow = new AddressPolicy(['10.0.0.0/8', '192.168.1.7', 'minio.internal', '*.corp.example']);
    expect(allow.refusal('10.9.9.9')).toBeNull();
    expect(allow.refusal('::ffff:10.9.9.9')).toBeNull();
    expect(allow.refusal('192.168.1.7')).toBeNull();
    expect(allow.refusal('192.168.1.8')).not.toBeNull();
    expect(allow.allowsHost('MINIO.internal')).toBe(true);
    expect(allow.allowsHost('s3.corp.example')).toBe(true);
    expect(allow.allowsHost('corp.example.evil.com')).toBe(false);
  });
});
