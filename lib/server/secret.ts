import 'server-only';
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class SecretError extends Error {
  override name = 'SecretError';
}

export interface SealingKey {
  /** Short id of the key, stored beside the ciphertext so a rotated secret is told from tampering. */
  id: string;
  key: Buffer;
}

const SECRET_FILE = 'secret.key';

function deriveKey(secret: string | Buffer): SealingKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'instantly-fleet-dashboard', 'cookie-keyring-v1', 32));
  const id = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  return { id, key };
}

/**
 * Reads the generated secret from DATA_DIR, creating it once (32 random bytes, mode 0600) when
 * missing. A file that exists but is not exactly what we wrote stops start-up: silently replacing it
 * would lock every user out of their stored keys without saying why.
 */
export function loadOrCreateSecretFile(dataDir: string): Buffer {
  const path = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = readFileSync(path, 'utf8');
  if (!/^[0-9a-f]{64}\n?$/.test(text)) {
    throw new SecretError(
      `The secret file ${path} is corrupt. Restore it from a backup, or delete it to generate a new one ` +
        '(every stored key will then have to be entered again), or set DASHBOARD_SECRET.',
    );
  }
  return Buffer.from(text.trim(), 'hex');
}

/** The current sealing key first, then any previous one that may still open old cookies. */
export function sealingKeys(options: {
  secret?: string;
  previousSecret?: string;
  dataDir: string;
}): SealingKey[] {
  const current = deriveKey(options.secret ?? loadOrCreateSecretFile(options.dataDir));
  return options.previousSecret ? [current, deriveKey(options.previousSecret)] : [current];
}
