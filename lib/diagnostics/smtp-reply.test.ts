import { describe, expect, it } from 'vitest';
import { parseReply, type ReplyInput } from './smtp-reply';

function reply(partial: Partial<ReplyInput>) {
  return parseReply({ response: null, e_message: null, responseCode: null, ...partial });
}

describe('parseReply', () => {
  it('cleans a multi-line Gmail reply and keeps its lines', () => {
    const r = reply({
      response:
        '550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\r\n550-5.4.5 sending limits go to\r\n550 5.4.5  https://support.google.com/a/answer/166852 x - gsmtp',
      responseCode: 550,
    });
    expect(r.lines).toEqual([
      'Daily user sending limit exceeded. For more information on Gmail',
      'sending limits go to',
      'https://support.google.com/a/answer/166852 x - gsmtp',
    ]);
    expect(r.text).toBe(
      'Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 x - gsmtp',
    );
    expect(r.basicCode).toBe(550);
    expect(r.basicClass).toBe('permanent');
    expect(r.enhancedCode).toBe('5.4.5');
  });

  it('describes each part of an enhanced code and the well-known full code', () => {
    const r = reply({ response: '550 5.4.5 Daily user sending limit exceeded.' });
    expect(r.enhancedParts).toEqual({
      class: { value: 5, meaning: expect.stringMatching(/^Permanent failure/) },
      subject: { value: 4, meaning: 'Network and routing status' },
      detail: { value: 5, meaning: 'Mail system congestion' },
    });
    expect(r.enhancedMeaning).toMatch(/Gmail: daily user sending limit/);
  });

  it.each([
    ['5.4.5', /daily/i],
    ['5.7.1', /not authorized|policy/i],
    ['5.7.8', /credentials invalid/i],
    ['5.7.9', /application-specific password/i],
    ['5.7.139', /Microsoft.*SMTP AUTH/],
    ['4.7.0', /temporary/i],
    ['5.2.2', /mailbox full/i],
    ['4.3.2', /thread limit/i],
    ['5.2.0', /STOREDRV/],
    ['5.1.0', /address/i],
    ['5.7.3', /Microsoft: authentication unsuccessful/],
  ])('knows %s', (code, meaning) => {
    const basic = code.startsWith('4') ? '451' : '550';
    expect(reply({ response: `${basic} ${code} text` }).enhancedMeaning).toMatch(meaning);
  });

  it('marks detail codes outside RFC 3463 but still names class and subject', () => {
    const r = reply({ response: '535 5.7.139 Authentication unsuccessful' });
    expect(r.enhancedParts?.subject.meaning).toBe('Security or policy status');
    expect(r.enhancedParts?.detail.meaning).toBe('Detail 139 (not in RFC 3463)');
  });

  it('describes class 4 and subject 7 for 4.7.0', () => {
    const r = reply({ response: '421 4.7.0 Try again later' });
    expect(r.basicClass).toBe('temporary');
    expect(r.basicMeaning).toBe('Service not available, closing connection');
    expect(r.enhancedParts?.class.meaning).toMatch(/transient/);
    expect(r.enhancedParts?.subject.meaning).toBe('Security or policy status');
  });

  it('reads the codes out of e_message when response is missing', () => {
    const r = reply({
      e_message:
        'error: invalid login: 534-5.7.9 application-specific password required.\n534 5.7.9 https://x - gsmtp',
    });
    expect(r.basicCode).toBe(534);
    expect(r.enhancedCode).toBe('5.7.9');
    expect(r.text).toBe('application-specific password required. https://x - gsmtp');
  });

  it('keeps e_message text without the "error: " prefix when there is no reply', () => {
    const r = reply({ e_message: "error: can't create new access token for user" });
    expect(r.text).toBe("can't create new access token for user");
    expect(r.basicCode).toBeNull();
    expect(r.enhancedCode).toBeNull();
    expect(r.enhancedParts).toBeNull();
  });

  it('does not mistake IP addresses or versions for enhanced codes', () => {
    expect(reply({ e_message: 'error: connect econnrefused 5.6.7.8:465' }).enhancedCode).toBeNull();
    expect(reply({ e_message: 'error: tls 1.2 required by 209.85.220.41' }).enhancedCode).toBeNull();
    expect(reply({ response: '550-5.7.1 [5.6.7.8] Our system has detected' }).enhancedCode).toBe('5.7.1');
  });

  it('finds a free-standing enhanced code when no basic code precedes it', () => {
    const r = reply({ e_message: 'error: rejected (5.7.1) by policy' });
    expect(r.enhancedCode).toBe('5.7.1');
    expect(r.basicCode).toBeNull();
  });

  it('prefers responseCode over the text', () => {
    expect(reply({ response: '421 4.7.0 later', responseCode: 451 }).basicCode).toBe(451);
  });

  it('reads an HTTP status when the step is the API', () => {
    const r = reply({ command: 'API', responseCode: 429, e_message: 'error: 550 5.4.5 rate limit' });
    expect(r.basicMeaning).toBe('HTTP 429 Too Many Requests');
    expect(r.basicClass).toBe('temporary');
    expect(r.enhancedCode).toBeNull();
    expect(reply({ command: 'API', responseCode: 403 }).basicClass).toBe('permanent');
    expect(reply({ command: 'API', responseCode: 503 }).basicClass).toBe('temporary');
  });

  it('treats 3xx as neither success nor failure', () => {
    const r = reply({ response: '334 eyJzdGF0dXMiOiI0MDAifQ==', responseCode: 334 });
    expect(r.basicClass).toBeNull();
    expect(r.basicMeaning).toMatch(/challenge/);
  });

  it('falls back to the class meaning for unlisted codes', () => {
    expect(reply({ responseCode: 459 }).basicMeaning).toMatch(/Temporary failure/);
    expect(reply({ responseCode: 599 }).basicMeaning).toBe('Permanent failure');
  });

  it('returns an empty reply for nothing', () => {
    expect(reply({})).toEqual({
      basicCode: null,
      basicClass: null,
      basicMeaning: null,
      enhancedCode: null,
      enhancedParts: null,
      enhancedMeaning: null,
      text: '',
      lines: [],
    });
  });
});
