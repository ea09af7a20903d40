import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { causeCatalog, causeIds, dashboardActions, severities, steps } from './cause-catalog';
import { corpus, realMessages, referenceMessages, variantMessages, type CorpusEntry } from './corpus';
import { diagnose, type Diagnosis } from './diagnose';
import { rules } from './rules';

function mustDiagnose(message: unknown, account?: Parameters<typeof diagnose>[1]): Diagnosis {
  const result = diagnose(message, account);
  if (result === null) throw new Error(`expected a diagnosis for ${JSON.stringify(message)}`);
  return result;
}

describe('corpus', () => {
  it.each(corpus.map((entry): [string, CorpusEntry] => [`${entry.source}: ${entry.name}`, entry]))(
    '%s',
    (_label, entry) => {
      const d = mustDiagnose(entry.message, entry.account);
      expect(d.cause, `rule ${d.rule}`).toBe(entry.expect.cause);
      if (entry.expect.step !== undefined) expect(d.step).toBe(entry.expect.step);
      if (entry.expect.basicCode !== undefined) expect(d.reply.basicCode).toBe(entry.expect.basicCode);
      if (entry.expect.enhancedCode !== undefined)
        expect(d.reply.enhancedCode).toBe(entry.expect.enhancedCode);
      if (entry.expect.text !== undefined) expect(d.reply.text).toBe(entry.expect.text);
    },
  );

  it('has unique names, 100+ distinct messages and every cause at least once', () => {
    const names = corpus.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    const distinct = new Set(corpus.map((e) => JSON.stringify(e.message)));
    expect(distinct.size).toBeGreaterThanOrEqual(100);
    const causes = new Set(corpus.map((e) => e.expect.cause));
    expect([...causes].sort()).toEqual([...causeIds].sort());
    expect(corpus.filter((e) => e.expect.cause === 'unknown').length).toBeGreaterThanOrEqual(5);
  });

  it('keeps each source in its own list', () => {
    expect(realMessages.every((e) => e.source === 'real')).toBe(true);
    expect(referenceMessages.every((e) => e.source === 'reference')).toBe(true);
    expect(variantMessages.every((e) => e.source === 'variant')).toBe(true);
  });

  it('exercises every classification rule except none', () => {
    const used = new Set(corpus.map((e) => mustDiagnose(e.message, e.account).rule));
    const unused = rules.map((r) => r.id).filter((id) => !used.has(id));
    expect(unused).toEqual([]);
  });
});

describe('real fixtures', () => {
  const fixtureDir = fileURLToPath(new URL('../schemas/fixtures/instantly-api/', import.meta.url));
  const files = readdirSync(fixtureDir).filter(
    (f) => f === 'status-message.examples.real.json' || (f.startsWith('account') && f.endsWith('.json')),
  );

  function collectStatusMessages(value: unknown, found: unknown[]): unknown[] {
    if (Array.isArray(value)) value.forEach((v) => collectStatusMessages(v, found));
    else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'status_message') found.push(v);
        else collectStatusMessages(v, found);
      }
    }
    return found;
  }

  const found = files.flatMap((f) =>
    collectStatusMessages(JSON.parse(readFileSync(`${fixtureDir}${f}`, 'utf8')), []).map(
      (m): [string, unknown] => [f, m],
    ),
  );

  it('finds the fixture messages', () => {
    // status-message.examples.real.json (3), account.response.real-leonidsvb-* (1), account.response.spec-example (1), accounts-list.* (4).
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  it.each(found)('%s status_message is in the real corpus and classified as it says', (_file, message) => {
    const entry = realMessages.find((e) => JSON.stringify(e.message) === JSON.stringify(message));
    expect(entry, JSON.stringify(message)).toBeDefined();
    expect(mustDiagnose(message).cause).toBe(entry?.expect.cause);
  });
});

describe('diagnose: shapes', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty object', {}],
    ['empty string', ''],
    ['whitespace', '   \n '],
    ['all keys null', { code: null, command: null, response: null, e_message: null, responseCode: null }],
    ['only unknown keys', { foo: 'bar', at: 1 }],
    ['a number', 42],
    ['an array', ['EAUTH']],
    ['blank strings', { code: '', e_message: '  ' }],
  ])('returns null for %s', (_label, input) => {
    expect(diagnose(input)).toBeNull();
  });

  it('normalizes raw values for display', () => {
    const d = mustDiagnose({
      code: ' EAUTH ',
      command: 'AUTH LOGIN',
      response: '535 5.7.8 Bad',
      responseCode: ' 535 ',
      extra: {},
    });
    expect(d.raw).toEqual({
      code: 'EAUTH',
      command: 'AUTH LOGIN',
      response: '535 5.7.8 Bad',
      e_message: null,
      responseCode: 535,
    });
  });

  it('accepts nodemailer `message` when `e_message` is missing', () => {
    const d = mustDiagnose({ code: 'EAUTH', message: 'Invalid login: 535 Authentication failed' });
    expect(d.raw.e_message).toBe('Invalid login: 535 Authentication failed');
    expect(d.cause).toBe('auth-failed');
  });

  it('drops an out-of-range or non-numeric responseCode instead of failing', () => {
    expect(mustDiagnose({ code: 'EAUTH', responseCode: 99 }).raw.responseCode).toBeNull();
    expect(mustDiagnose({ code: 'EAUTH', responseCode: '5xx' }).raw.responseCode).toBeNull();
    expect(mustDiagnose({ code: 'EAUTH', responseCode: 550.5 }).raw.responseCode).toBeNull();
  });

  it('keeps a bare string as e_message and unwraps a JSON-encoded object', () => {
    expect(mustDiagnose('Connection timeout').raw.e_message).toBe('Connection timeout');
    const fromJson = mustDiagnose('{"code":"ETIMEDOUT","command":"CONN"}');
    expect(fromJson.raw.code).toBe('ETIMEDOUT');
    expect(fromJson.cause).toBe('connection-timeout');
    expect(mustDiagnose('{not json').raw.e_message).toBe('{not json');
  });
});

describe('diagnose: account context', () => {
  const daily = realMessages[1]?.message;

  it('uses the catalog severity without context', () => {
    expect(mustDiagnose(daily).severity).toBe(causeCatalog['daily-sending-limit'].severity);
  });

  it('raises severity when autofix failed and lowers it when the message is stale', () => {
    expect(mustDiagnose(daily, { autofix_failed: true }).severity).toBe('critical');
    expect(mustDiagnose(daily, { status: 1 }).severity).toBe('medium');
    expect(mustDiagnose(daily, { status: 1, autofix_failed: true }).severity).toBe('high');
    expect(mustDiagnose(daily, { autofix_failed: null }).severity).toBe('high');
  });

  it('stays within the scale', () => {
    expect(mustDiagnose({ code: 'EOAUTH2' }, { autofix_failed: true }).severity).toBe('critical');
    expect(mustDiagnose('552 5.2.2 Mailbox full', { status: 1 }).severity).toBe('low');
  });

  it('flags stale and autofix failures in the result and the explanation', () => {
    const stale = mustDiagnose(daily, { status: 1 });
    expect(stale.stale).toBe(true);
    expect(stale.explanation).toMatch(/old error/);
    const failed = mustDiagnose(daily, { status: -3, autofix_failed: true });
    expect(failed.stale).toBe(false);
    expect(failed.autofixFailed).toBe(true);
    expect(failed.explanation).toMatch(/given up/);
  });

  it('offers actions that fit the account', () => {
    const oauth = { code: 'EAUTH', command: 'AUTH XOAUTH2' };
    expect(mustDiagnose(oauth, { status: -1 }).actions).toEqual(['reconnect', 'mark-fixed']);
    expect(mustDiagnose(oauth, { status: 1 }).actions).toEqual([]);
    expect(mustDiagnose(daily, { status: 2 }).actions).toEqual([
      'set-daily-limit',
      'pause',
      'mark-fixed',
      'resume',
    ]);
    expect(mustDiagnose(daily, { status: 1 }).actions).toEqual(['set-daily-limit', 'pause']);
    expect(mustDiagnose(daily, { warmup_status: -1 }).actions).toContain('disable-warmup');
    expect(mustDiagnose(daily, { warmup_status: -3 }).actions).toContain('disable-warmup');
    expect(mustDiagnose(daily, { warmup_status: 1 }).actions).not.toContain('disable-warmup');
  });

  it('writes the fix for the provider family', () => {
    const oauth = {
      code: 'EAUTH',
      command: 'AUTH XOAUTH2',
      e_message: "error: can't create new access token for user",
    };
    const google = mustDiagnose(oauth, { provider_code: 2 });
    expect(google.title).toBe('Google sign-in expired');
    expect(google.fix[0]).toMatch(/Google OAuth/);
    expect(google.fix.join(' ')).toMatch(/Workspace admin|admin/);
    const microsoft = mustDiagnose(oauth, { provider_code: 3 });
    expect(microsoft.title).toBe('Microsoft sign-in expired');
    expect(microsoft.fix[0]).toMatch(/Microsoft OAuth/);
    expect(mustDiagnose(oauth, { provider_code: 1 }).provider).toBe('custom');
    expect(mustDiagnose(oauth, { provider_code: 4 }).provider).toBe('other');
    expect(mustDiagnose(oauth, { provider_code: 11 }).provider).toBe('other');
  });

  it('infers the provider from the reply only when provider_code is missing', () => {
    expect(mustDiagnose(daily).provider).toBe('google');
    expect(mustDiagnose('535 5.7.3 Authentication unsuccessful [x.prod.outlook.com]').provider).toBe(
      'microsoft',
    );
    expect(mustDiagnose('535 Authentication failed').provider).toBe('other');
    expect(mustDiagnose(daily, { provider_code: 1 }).provider).toBe('custom');
  });

  it('ignores a malformed account instead of failing', () => {
    const weird = { status: 'active', provider_code: '2', autofix_failed: 'yes' } as unknown as Parameters<
      typeof diagnose
    >[1];
    const d = mustDiagnose(daily, weird);
    expect(d.stale).toBe(false);
    expect(d.autofixFailed).toBe(false);
  });
});

describe('diagnose: result fields', () => {
  it('summarizes for a table cell', () => {
    expect(mustDiagnose(realMessages[1]?.message).summary).toBe('Daily sending limit exceeded (550 5.4.5)');
    expect(mustDiagnose({ code: 'EAUTH', command: 'AUTH XOAUTH2' }, { provider_code: 2 }).summary).toBe(
      'Google sign-in expired (EAUTH)',
    );
    expect(mustDiagnose('Connection timeout').summary).toBe('Connection timed out');
    expect(mustDiagnose('lorem ipsum dolor sit amet').summary).toBe(
      'Unrecognized error: lorem ipsum dolor sit amet',
    );
  });

  it('takes fault, title and explanation from the catalog', () => {
    expect(mustDiagnose('550 5.1.1 User unknown').fault).toBe('recipient');
    expect(mustDiagnose('421 4.7.0 Try again later, closing connection.').fault).toBe('provider');
    expect(mustDiagnose({ code: 'EAUTH' }).fault).toBe('account');
    const d = mustDiagnose({ code: 'EDNS' });
    expect(d.title).toBe(causeCatalog['dns-error'].title);
    expect(d.explanation).toBe(causeCatalog['dns-error'].explanation);
    expect(d.fix).toEqual(causeCatalog['dns-error'].fix.other);
  });

  it('returns copies the caller may change', () => {
    const d = mustDiagnose({ code: 'EDNS' });
    d.fix.push('x');
    d.actions.push('resume');
    expect(causeCatalog['dns-error'].fix.other).not.toContain('x');
    expect(causeCatalog['dns-error'].actions).not.toContain('resume');
  });
});

describe('cause catalog', () => {
  it('has exactly one entry per cause id', () => {
    expect(Object.keys(causeCatalog).sort()).toEqual([...causeIds].sort());
  });

  it.each(causeIds.map((id) => [id]))('%s is complete', (id) => {
    const info = causeCatalog[id];
    expect(info.title.length).toBeGreaterThan(0);
    expect(severities).toContain(info.severity);
    expect(['account', 'recipient', 'provider']).toContain(info.fault);
    if (info.step !== null) expect(steps).toContain(info.step);
    // Up to two sentences here leaves room for the stale / autofix sentence diagnose() may add.
    const explanations = [info.explanation, ...Object.values(info.byProvider).map((w) => w.explanation)];
    for (const explanation of explanations.filter((e) => e !== undefined)) {
      const sentences = explanation.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(sentences, explanation).toBeLessThanOrEqual(2);
    }
    for (const family of ['google', 'microsoft', 'custom', 'other'] as const) {
      expect(info.fix[family].length).toBeGreaterThan(0);
    }
    for (const action of info.actions) expect(dashboardActions).toContain(action);
  });

  it('gives every cause its own urgency so a board sorts the same way every time', () => {
    const urgencies = causeIds.map((id) => causeCatalog[id].urgency);
    expect(new Set(urgencies).size).toBe(causeIds.length);
    expect(causeCatalog['oauth-token-revoked'].urgency).toBeLessThan(causeCatalog.throttled.urgency);
    expect(causeCatalog['blocked-for-spam'].urgency).toBeLessThan(causeCatalog['recipient-problem'].urgency);
  });

  it('has unique rule ids that point at known causes', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) expect(causeIds).toContain(rule.cause);
  });
});

describe('diagnose never throws', () => {
  function checkResult(result: Diagnosis | null): void {
    if (result === null) return;
    expect(causeIds).toContain(result.cause);
    expect(severities).toContain(result.severity);
    if (result.step !== null) expect(steps).toContain(result.step);
    for (const action of result.actions) expect(dashboardActions).toContain(action);
    expect(typeof result.summary).toBe('string');
  }

  it('for anything at all', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (message, account) => {
        checkResult(diagnose(message, account as Parameters<typeof diagnose>[1]));
      }),
      { numRuns: 500 },
    );
  });

  const fragment = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '550-5.4.5 ',
      '550 5.4.5 ',
      '\n',
      'error: ',
      'data command failed: ',
      '535 5.7.139 ',
      '[AUTHENTICATIONFAILED]',
      'getaddrinfo ENOTFOUND',
      '1.2.3.4',
      '5.6.7.8.9',
      '421-',
      'try again later',
      '  ',
    ),
  );
  const replyText = fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(''));

  it('for status_message-like objects', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            code: fc.oneof(
              fc.constantFrom('EAUTH', 'EENVELOPE', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL'),
              fc.string(),
            ),
            command: fc.oneof(
              fc.constantFrom('CONN', 'AUTH XOAUTH2', 'AUTH PLAIN', 'MAIL FROM', 'RCPT TO', 'DATA', 'API'),
              fc.string(),
            ),
            response: fc.oneof(replyText, fc.anything()),
            e_message: fc.oneof(replyText, fc.anything()),
            responseCode: fc.oneof(fc.integer(), fc.string(), fc.constantFrom('550', 421, 535)),
          },
          { requiredKeys: [] },
        ),
        fc.record(
          {
            provider_code: fc.oneof(fc.integer(), fc.constant(null)),
            status: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(null)),
            warmup_status: fc.oneof(fc.integer({ min: -3, max: 1 }), fc.constant(null)),
            autofix_failed: fc.oneof(fc.boolean(), fc.constant(null)),
          },
          { requiredKeys: [] },
        ),
        (message, account) => {
          checkResult(diagnose(message, account));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('for strings', () => {
    fc.assert(
      fc.property(fc.oneof(replyText, fc.string({ unit: 'binary' })), (message) => {
        checkResult(diagnose(message));
      }),
      { numRuns: 500 },
    );
  });
});
