// POST /api/invites {role, workspaceIds?, email?}: a single-use invite link valid 7 days (admin+);
// with an email and SMTP_URL, the link is e-mailed there too (a failed send keeps the invite).
// DELETE /api/invites?id=inv_…: withdraw an open invite; its link stops working at once (admin+).
import { inviteEmail } from '@/lib/mail/invite-email';
import { createInviteInputSchema, withdrawInviteQuerySchema } from '@/lib/schemas/api-people';
import { createInviteLink } from '@/lib/server/auth/people';
import { getConfig } from '@/lib/server/config';
import { sendDashboardMail } from '@/lib/server/dashboard-mail';
import { ProblemError, json } from '@/lib/server/problem';
import { withSession } from '@/lib/server/with-workspace';
import { withdrawInvite } from '@/lib/store/invites';

export const POST = withSession(
  { body: createInviteInputSchema, role: 'admin' },
  async ({ body, db, person }) => {
    const config = getConfig();
    // Refused before the invite exists: nothing half-done when the e-mail cannot even be tried.
    if (body.email !== undefined && !config.SMTP_URL) {
      throw new ProblemError({
        type: 'invalid-input',
        title: 'This server cannot send e-mail',
        detail:
          'email: no mail server is configured (SMTP_URL); create the link without an address and send it yourself.',
        status: 400,
        field: 'email',
      });
    }
    const invite = await createInviteLink(db, person, body);
    const emailed =
      body.email === undefined
        ? null
        : await sendDashboardMail(
            config,
            body.email,
            inviteEmail({
              inviter: person ? { name: person.name, email: person.email } : null,
              role: body.role,
              link: `${config.DASHBOARD_PUBLIC_URL}${invite.path}`,
            }),
          );
    return json({ ...invite, emailed }, { status: 201 });
  },
);

export const DELETE = withSession(
  { query: withdrawInviteQuerySchema, role: 'admin' },
  async ({ query, db }) => {
    if (!(await withdrawInvite(db, query.id))) {
      throw new ProblemError({
        type: 'not-found',
        title: 'No such open invite',
        detail: 'It was used, withdrawn or has expired meanwhile.',
        status: 404,
      });
    }
    return json({ withdrawn: true });
  },
);
