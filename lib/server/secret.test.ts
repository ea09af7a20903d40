import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretError, loadOrCreateSecretFile, sealingKeys } from './secret';

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'fleet-data-')), 'nested');

describe('the sealing secret', () => {
  it('is generated once into DATA_DIR with mode 0600 and reused', () => {
    const dir = freshDir();
    const first = loadOrCreateSecretFile(dir);
    const path = join(dir, 'secret.key');
    expect(first).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(loadOrCreateSecretFile(dir).equals(first)).toBe(true);
  });

  it('is random: two data folders get different secrets', () => {
    expect(loadOrCreateSecretFile(freshDir()).equals(loadOrCreateSecretFile(freshDir()))).toBe(false);
  });

  it('stops with a clear message when the file is corrupt, and leaves it alone', () => {
    const dir = freshDir();
    loadOrCreateSecretFile(dir);
    const path = join(dir, 'secret.key');
    writeFileSync(path, 'not a secret');
    expect(() => loadOrCreateSecretFile(dir)).toThrow(SecretError);
    expect(() => loadOrCreateSecretFile(dir)).toThrow(/corrupt.*DASHBOARD_SECRET/s);
    expect(readFileSync(path, 'utf8')).toBe('not a secret');
  });

  it('uses DASHBOARD_SECRET when set, without touching the data folder', () => {
    const dir = freshDir();
    const keys = sealingKeys({ secret: 'x'.repeat(32), dataDir: dir });
    expect(keys).toHaveLength(1);
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });

  it('gives different keys for different secrets and keeps the previous one for rotation', () => {
    const [current, previous] = sealingKeys({
      secret: 'n'.repeat(32),
      previousSecret: 'o'.repeat(32),
      dataDir: freshDir(),
    });
    expect(current!.id).not.toBe(previous!.id);
    expect(current!.key.equals(previous!.key)).toBe(false);
  });
});
