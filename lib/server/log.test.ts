import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '@/lib/simulator/registry';
import { createLogger, scrubText } from './log';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger({ destination }), lines };
}

// An Instantly-shaped key (base64 of a workspace id and a secret), made up.
const REAL_SHAPED = 'ZjQ5ZTRmNzctOWE1Yi00YzFiLWE2NDctNmRmM2Q4NmJlOTE2OmtTdlBxT0xSZXRvcQ==';
const SIM_KEY = 'sim_acme_2f9d4c61b8e04a7f';

describe('log redaction', () => {
  it('writes one JSON object a line with level and message', () => {
    const { log, lines } = capture();
    log.info({ workspaceId: 'demo', accounts: 300 }, 'sync done');
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', msg: 'sync done', workspaceId: 'demo', accounts: 300 });
  });

  it('never writes a key: named fields, headers, nested values, messages and errors', () => {
    const { log, lines } = capture();
    log.info({ apiKey: 'anything-at-all', key: 'short', workspace: { apiKey: SIM_KEY } }, 'with fields');
    log.info({ headers: { Authorization: `Bearer ${REAL_SHAPED}`, accept: 'application/json' } }, 'request');
    log.warn({ note: `tried ${DEMO_API_KEY} and ${REAL_SHAPED}` }, `calling with ${SIM_KEY}`);
    log.error({ err: new Error(`401 for Bearer ${REAL_SHAPED}`) }, 'failed');
    log.error(new Error(`key ${SIM_KEY} revoked`));
    const text = lines.join('\n');
    for (const secret of ['anything-at-all', 'short', SIM_KEY, REAL_SHAPED, DEMO_API_KEY])
      expect(text).not.toContain(secret);
    expect(text.match(/\[Redacted\]/g)?.length).toBeGreaterThanOrEqual(8);
    // What is not a key stays readable.
    const request = JSON.parse(lines[1] ?? '{}') as { headers: Record<string, string> };
    expect(request.headers.accept).toBe('application/json');
    expect(JSON.parse(lines[3] ?? '{}')).toMatchObject({ err: { message: '401 for [Redacted]' } });
  });

  it('leaves ids, UUIDs, emails and times alone', () => {
    const plain =
      'ba_3f9a0c2d1e4b5a6c job 0a1b2c3d-4e5f-6789-abcd-ef0123456789 for jo@acme.io at 2026-01-02T03:04:05.000Z';
    expect(scrubText(plain)).toBe(plain);
  });
});
