import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealingKey } from './secret';

// Sealed values look like `v1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>`: AES-256-GCM with a fresh
// 12-byte IV each time; the version and key id are bound in as associated data, so neither can be
// swapped without the tag check failing.

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type UnsealResult =
  { ok: true; value: unknown } | { ok: false; reason: 'malformed' | 'unknown-key' | 'tampered' };

export function seal(value: unknown, key: SealingKey, purpose: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${key.id}.${purpose}`));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${VERSION}.${key.id}.${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url')}`;
}

/** Fails closed: any change to any byte, or a secret we no longer hold, gives a reason, never a throw. */
export function unseal(sealed: string, keys: readonly SealingKey[], purpose: string): UnsealResult {
  const [version, keyId, data, ...rest] = sealed.split('.');
  if (version !== VERSION || !keyId || !data || rest.length > 0) return { ok: false, reason: 'malformed' };
  const key = keys.find((k) => k.id === keyId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const bytes = Buffer.from(data, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES + 1 || bytes.toString('base64url') !== data) {
    return { ok: false, reason: 'malformed' };
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(`${VERSION}.${key.id}.${purpose}`));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return { ok: true, value: JSON.parse(plain.toString('utf8')) as unknown };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}
