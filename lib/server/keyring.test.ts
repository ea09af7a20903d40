import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './keyring';
import { sealingKeys } from './secret';

const keyA = sealingKeys({ secret: 'a'.repeat(40), dataDir: '/nonexistent' })[0]!;
const keyB = sealingKeys({ secret: 'b'.repeat(40), dataDir: '/nonexistent' })[0]!;

describe('keyring (AES-256-GCM sealed values)', () => {
  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const opened = unseal(seal(value, keyA, 'session'), [keyA], 'session');
        expect(opened).toEqual({ ok: true, value: JSON.parse(JSON.stringify(value)) });
      }),
      { numRuns: 200 },
    );
  });

  it('never produces the same ciphertext twice (fresh IV each time)', () => {
    const value = { key: 'sk_live_same' };
    const sealed = new Set(Array.from({ length: 50 }, () => seal(value, keyA, 'session')));
    expect(sealed.size).toBe(50);
  });

  it('does not contain the plaintext', () => {
    expect(seal({ key: 'canary-secret-value' }, keyA, 'session')).not.toContain('canary');
  });

  it('fails closed when any byte of the payload is flipped', () => {
    const sealed = seal({ workspaces: ['x'], key: 'abcdefgh' }, keyA, 'session');
    const [version, id, data] = sealed.split('.') as [string, string, string];
    const bytes = Buffer.from(data, 'base64url');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (index, mask) => {
          const tampered = Buffer.from(bytes);
          tampered[index] = (tampered[index] ?? 0) ^ mask;
          const result = unseal(`${version}.${id}.${tampered.toString('base64url')}`, [keyA], 'session');
          expect(result).toEqual({ ok: false, reason: 'tampered' });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells a secret it does not hold (rotation, lost secret) from tampering', () => {
    expect(unseal(seal({ a: 1 }, keyA, 'session'), [keyB], 'session')).toEqual({
      ok: false,
      reason: 'unknown-key',
    });
  });

  it('opens with a previous key during rotation', () => {
    const sealedWithOld = seal({ a: 1 }, keyA, 'session');
    expect(unseal(sealedWithOld, [keyB, keyA], 'session')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('refuses a wrong key that claims the right id, a changed purpose, and garbage', () => {
    const sealed = seal({ a: 1 }, keyA, 'session');
    expect(unseal(sealed, [{ id: keyA.id, key: randomBytes(32) }], 'session')).toEqual({
      ok: false,
      reason: 'tampered',
    });
    expect(unseal(sealed, [keyA], 'other')).toEqual({ ok: false, reason: 'tampered' });
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        expect(unseal(garbage, [keyA], 'session').ok).toBe(false);
      }),
    );
    expect(unseal(sealed.replace(/^v1/, 'v2'), [keyA], 'session')).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('derives the same key from the same generated secret file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-secret-'));
    const first = sealingKeys({ dataDir: dir })[0]!;
    const second = sealingKeys({ dataDir: dir })[0]!;
    expect(first.key.equals(second.key)).toBe(true);
    expect(unseal(seal({ a: 1 }, first, 'session'), [second], 'session')).toEqual({
      ok: true,
      value: { a: 1 },
    });
  });
});
