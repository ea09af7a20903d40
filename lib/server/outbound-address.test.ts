import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundRefusedError, checkHost, checkOutboundUrl, refusalOf } from './outbound-address';
import { postToUrl } from './outbound-post';

const resolvingTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const off = { allowPrivate: false };

describe('which addresses an alert may go to', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['10.0.0.1', 'a private (RFC 1918) address'],
    ['172.16.5.4', 'a private (RFC 1918) address'],
    ['192.168.1.1', 'a private (RFC 1918) address'],
    ['169.254.169.254', 'the cloud metadata address'],
    ['169.254.10.1', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['0.0.0.0', 'the unspecified address'],
    ['::1', 'a loopback address'],
    ['fe80::1', 'a link-local address'],
    ['fd00:ec2::254', 'a unique-local (private IPv6) address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:169.254.169.254', 'the cloud metadata address'],
    ['::ffff:a00:1', 'a private (RFC 1918) address'],
  ])('refuses %s as %s', (address, why) => {
    expect(refusalOf(address)).toBe(why);
  });

  it('allows public unicast addresses', () => {
    expect(refusalOf('93.184.215.14')).toBeNull();
    expect(refusalOf('2606:2800:21f:cb07:6820:80da:af6b:8b2c')).toBeNull();
  });

  it.each([
    ['https://127.0.0.1/hook', '127.0.0.1 is a loopback address'],
    ['https://10.0.0.1/hook', '10.0.0.1 is a private (RFC 1918) address'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is the cloud metadata address'],
    ['https://[::ffff:127.0.0.1]/hook', 'is a loopback address'],
    ['https://2130706433/hook', '127.0.0.1 is a loopback address'],
  ])('refuses the URL %s with a clear message', async (url, message) => {
    const refused = checkOutboundUrl(url, off);
    await expect(refused).rejects.toThrow(OutboundRefusedError);
    await expect(refused).rejects.toThrow(message);
    await expect(refused).rejects.toThrow('ALERTS_ALLOW_PRIVATE_URLS=on');
  });

  it('refuses a name that resolves to a private address, even when another of its addresses is public', async () => {
    await expect(
      checkOutboundUrl('https://hooks.example.com/x', { ...off, resolve: resolvingTo('10.1.2.3') }),
    ).rejects.toThrow('hooks.example.com resolves to 10.1.2.3, a private (RFC 1918) address');
    await expect(
      checkHost('metadata.example.com', { ...off, resolve: resolvingTo('93.184.215.14', '169.254.169.254') }),
    ).rejects.toThrow('resolves to 169.254.169.254, the cloud metadata address');
    await expect(
      checkHost('mapped.example.com', { ...off, resolve: resolvingTo('::ffff:192.168.0.1') }),
    ).rejects.toThrow('a private (RFC 1918) address');
  });

  it('refuses http, credentials in the URL, and names that do not resolve', async () => {
    await expect(checkOutboundUrl('http://hooks.example.com/x', off)).rejects.toThrow('must be an https:// URL');
    await expect(checkOutboundUrl('https://u:p@hooks.example.com/x', off)).rejects.toThrow('user name or password');
    const nowhere = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    await expect(checkHost('nowhere.invalid', { ...off, resolve: nowhere })).rejects.toThrow(
      'nowhere.invalid does not resolve (ENOTFOUND)',
    );
  });

  it('takes a public name, and with the switch on also http and private addresses', async () => {
    const checked = await checkOutboundUrl('https://hooks.example.com/x', { ...off, resolve: resolvingTo('93.184.215.14') });
    expect(checked.checked).toEqual({ host: 'hooks.example.com', address: '93.184.215.14', family: 4 });
    const on = await checkOutboundUrl('http://10.0.0.1:8080/hook', { allowPrivate: true });
    expect(on.checked.address).toBe('10.0.0.1');
  });
});

describe('posting to a checked address', () => {
  let server: Server;
  let port = 0;
  const seen: { host: string | undefined; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ host: req.headers.host, body });
        if (req.url === '/redirect') res.writeHead(302, { Location: '/elsewhere' }).end();
        else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 2000);
        else if (req.url === '/busy') res.writeHead(429, { 'Retry-After': '7' }).end();
        else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const opts = { allowPrivate: true, timeoutMs: 2000, headers: {} };

  it('connects to the address it checked, not to what the name resolves to later', async () => {
    // receiver.invalid never resolves in DNS: the request can only arrive through the pinned address.
    const result = await postToUrl(`http://receiver.invalid:${port}/hook`, '{"a":1}', {
      ...opts,
      resolve: resolvingTo('127.0.0.1'),
    });
    expect(result).toEqual({ status: 200, retryAfter: null });
    expect(seen.at(-1)).toEqual({ host: `receiver.invalid:${port}`, body: '{"a":1}' });
  });

  it('answers a redirect with its status instead of following it, and passes Retry-After on', async () => {
    const before = seen.length;
    expect(await postToUrl(`http://127.0.0.1:${port}/redirect`, '{}', opts)).toEqual({ status: 302, retryAfter: null });
    expect(seen.length).toBe(before + 1);
    expect(await postToUrl(`http://127.0.0.1:${port}/busy`, '{}', opts)).toEqual({ status: 429, retryAfter: '7' });
  });

  it('gives up on a receiver that does not answer in time', async () => {
    await expect(
      postToUrl(`http://127.0.0.1:${port}/slow`, '{}', { ...opts, timeoutMs: 200 }),
    ).rejects.toThrow('no answer within');
  });

  it('refuses before connecting when the switch is off', async () => {
    const before = seen.length;
    await expect(postToUrl(`https://127.0.0.1:${port}/hook`, '{}', { ...opts, allowPrivate: false })).rejects.toThrow(
      'loopback',
    );
    expect(seen.length).toBe(before);
  });
});
