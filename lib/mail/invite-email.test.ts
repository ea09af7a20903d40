import { describe, expect, it } from 'vitest';
import { inviteEmail } from './invite-email';

const LINK = 'https://fleet.example.com/invite/AbC_d-1234567890abcdefghijklmnopqrstuvwxyzAB';

describe('the invite e-mail', () => {
  it('says who invites, to which role, the link and its limits, in text and HTML', () => {
    const mail = inviteEmail({
      inviter: { name: 'Ada Admin', email: 'ada@example.com' },
      role: 'operator',
      link: LINK,
    });
    expect(mail.subject).toBe("You're invited to Fleet health");
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Ada Admin (ada@example.com) invites you');
      expect(body).toContain('as operator');
      expect(body).toContain(LINK);
      expect(body).toContain('valid for 7 days and works once');
    }
    expect(mail.text).toContain(`Accept the invite: ${LINK}`);
    expect(mail.html).toContain(`<a href="${LINK}"`);
    expect(mail.text).not.toContain('<');
  });

  it('escapes what it is given in the HTML (a name is not markup), not in the text', () => {
    const mail = inviteEmail({
      inviter: { name: '<img src=x onerror=alert(1)> "Eve" & Co', email: 'eve@example.com' },
      role: 'viewer',
      link: 'https://fleet.example.com/invite/x"><script>alert(1)</script>',
    });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Eve&quot; &amp; Co');
    expect(mail.html).toContain('href="https://fleet.example.com/invite/x&quot;&gt;&lt;script&gt;');
    expect(mail.text).toContain('<img src=x onerror=alert(1)> "Eve" & Co');
  });

  it('names no inviter when nobody is signed in (an unattended install)', () => {
    const mail = inviteEmail({ inviter: null, role: 'admin', link: LINK });
    expect(mail.text.startsWith('An admin invites you')).toBe(true);
    expect(mail.text).toContain('manage the workspaces, keys and members');
  });
});
