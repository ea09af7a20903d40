import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/schemas/config';
import { allowedHostEntries, isHostAllowed, parseHostHeader } from './allowed-hosts';

const defaults = allowedHostEntries(parseConfig({}));

describe('host allowlist (DNS rebinding)', () => {
  it('answers for the localhost forms on any port by default', () => {
    expect(defaults).toEqual(['localhost', '127.0.0.1', '[::1]']);
    for (const host of ['localhost:3000', '127.0.0.1:3100', '[::1]:3000', 'LOCALHOST', 'localhost.']) {
      expect(isHostAllowed(host, defaults), host).toBe(true);
    }
  });

  it('refuses a rebound name even when its port is ours, and anything unreadable', () => {
    for (const host of [
      'evil.example:3300',
      'evil.example',
      '127.0.0.1.evil.example',
      'localhost@evil',
      '',
      null,
    ]) {
      expect(isHostAllowed(host, defaults), String(host)).toBe(false);
    }
  });

  it('adds a specific HOST, but not a wildcard bind, to the defaults', () => {
    expect(allowedHostEntries(parseConfig({ HOST: '10.0.0.5' }))).toContain('10.0.0.5');
    expect(allowedHostEntries(parseConfig({ HOST: '0.0.0.0' }))).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(allowedHostEntries(parseConfig({ HOST: '::1' }))).toContain('[::1]');
  });

  it('takes ALLOWED_HOSTS as given: a name admits any port, name:port only that port', () => {
    const entries = allowedHostEntries(
      parseConfig({ ALLOWED_HOSTS: 'Fleet.Example.com, ops.example.com:8443' }),
    );
    expect(entries).toEqual(['fleet.example.com', 'ops.example.com:8443']);
    expect(isHostAllowed('fleet.example.com', entries)).toBe(true);
    expect(isHostAllowed('fleet.example.com:443', entries)).toBe(true);
    expect(isHostAllowed('ops.example.com:8443', entries)).toBe(true);
    expect(isHostAllowed('ops.example.com', entries)).toBe(false);
    expect(isHostAllowed('localhost:3000', entries)).toBe(false);
  });

  it('refuses a malformed ALLOWED_HOSTS at start-up, naming the variable', () => {
    expect(() => parseConfig({ ALLOWED_HOSTS: 'https://fleet.example.com' })).toThrow(/ALLOWED_HOSTS:/);
    expect(() => parseConfig({ ALLOWED_HOSTS: ' , ' })).toThrow(/ALLOWED_HOSTS:/);
  });

  it('reads host headers with and without ports', () => {
    expect(parseHostHeader('Example.COM:80')).toEqual({ name: 'example.com', port: '80' });
    expect(parseHostHeader('[::1]')).toEqual({ name: '[::1]', port: null });
    expect(parseHostHeader('a b')).toBeNull();
  });
});
