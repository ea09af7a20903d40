import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AcceptInviteInput, CreateInviteInput, CreateOwnerInput } from '@/lib/schemas/api-people';
import type { Db } from '@/lib/store/db';
import { type InviteRecord, consumeInvite, createInvite, inviteByToken } from '@/lib/store/invites';
import { createOwner, insertPerson, isUniqueViolation, ownerExists, personById } from '@/lib/store/people';
import { inTransaction } from '@/lib/store/transaction';
import { getConfig } from '../config';
import { ProblemError } from '../problem';
import { processSingleton, resetProcessSingleton } from '../singleton';
import { type Auth, getAuth, hashPassword } from './auth';
import type { Person } from './person';

// The use-cases around people: who a request is, the owner (once), invites. Queries live in
// lib/store/people.ts and lib/store/invites.ts.

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const newPersonId = () => `p_${randomUUID().replace(/-/g, '')}`;
export const hashInviteToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * DASHBOARD_OWNER_EMAIL + DASHBOARD_OWNER_PASSWORD create the owner when nobody is registered
 * (unattended installs, tests); once per process, before any request decides who it is.
 */
export function ensureConfiguredOwner(db: Db): Promise<void> {
  return processSingleton('configured-owner', () => {
    const run = (async () => {
      const config = getConfig();
      if (!config.DASHBOARD_OWNER_EMAIL || !config.DASHBOARD_OWNER_PASSWORD) return;
      if (await ownerExists(db)) return;
      await createOwner(db, {
        id: newPersonId(),
        email: config.DASHBOARD_OWNER_EMAIL,
        name: config.DASHBOARD_OWNER_NAME,
        passwordHash: await hashPassword(config.DASHBOARD_OWNER_PASSWORD),
      });
    })();
    run.catch(() => resetProcessSingleton('configured-owner'));
    return run;
  });
}

export interface RequestPerson {
  person: Person | null;
  ownerExists: boolean;
  /** Set-Cookie values better-auth wants sent back (a session whose expiry it extended). */
  setCookies: string[];
}

/** Who a request acts for, from its better-auth session cookie (read here, in the handler). */
export async function personOfRequest(db: Db, headers: Headers, secure: boolean): Promise<RequestPerson> {
  await ensureConfiguredOwner(db);
  if (!(await ownerExists(db))) return { person: null, ownerExists: false, setCookies: [] };
  const auth = await getAuth(secure);
  const { headers: answerHeaders, response } = await auth.api.getSession({ headers, returnHeaders: true });
  const setCookies = answerHeaders.getSetCookie();
  if (!response) return { person: null, ownerExists: true, setCookies };
  const person = await personById(db, response.user.id);
  return { person, ownerExists: true, setCookies };
}

/** Creates the owner account; refused (409) when there is one already, atomically on both databases. */
export async function createOwnerAccount(db: Db, input: CreateOwnerInput): Promise<void> {
  const created = await createOwner(db, {
    id: newPersonId(),
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
  });
  if (!created) {
    throw new ProblemError({
      type: 'owner-exists',
      title: 'The owner account exists already',
      detail: 'Sign in instead, or ask the owner for an invite.',
      status: 409,
    });
  }
}

export async function createInviteLink(
  db: Db,
  createdBy: Person | null,
  input: CreateInviteInput,
  now = Date.now(),
): Promise<{ path: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + INVITE_TTL_MS;
  await createInvite(
    db,
    {
      id: `inv_${randomBytes(8).toString('hex')}`,
      tokenHash: hashInviteToken(token),
      role: input.role,
      workspaceIds: input.workspaceIds ?? null,
      expiresAt,
      createdBy: createdBy?.id ?? null,
    },
    now,
  );
  return { path: `/invite/${token}`, expiresAt: new Date(expiresAt).toISOString() };
}

const WHY_CLOSED = {
  used: 'It has been used already: an invite link works once. Sign in instead, or ask for a new one.',
  withdrawn: 'An admin withdrew it. Ask them for a new link if you should still join.',
  expired: 'It is older than 7 days. Ask for a new one.',
  unknown: 'It was used already, withdrawn or is older than 7 days. Ask for a new one.',
} as const;

const inviteGone = (why: keyof typeof WHY_CLOSED) =>
  new ProblemError({
    type: 'invite-invalid',
    title: why === 'withdrawn' ? 'This invite was withdrawn' : 'This invite link no longer works',
    detail: WHY_CLOSED[why],
    status: 404,
  });

export async function inviteForToken(db: Db, token: string, now = Date.now()): Promise<InviteRecord> {
  const state = await inviteByToken(db, hashInviteToken(token), now);
  if ('closed' in state) throw inviteGone(state.closed);
  return state.open;
}

/** Creates the invited person and uses the invite up, in one transaction (single use under races). */
export async function acceptInvite(
  db: Db,
  token: string,
  input: AcceptInviteInput,
  now = Date.now(),
): Promise<void> {
  const invite = await inviteForToken(db, token, now);
  const passwordHash = await hashPassword(input.password);
  const id = newPersonId();
  try {
    await inTransaction(db, async (trx) => {
      await insertPerson(
        trx,
        {
          id,
          email: input.email,
          name: input.name,
          role: invite.role,
          workspaceIds: invite.workspaceIds,
          passwordHash,
        },
        now,
      );
      // After the insert (used_by references the person); a lost race rolls the person back too.
      if (!(await consumeInvite(trx, invite.id, id, now))) {
        const state = await inviteByToken(trx, hashInviteToken(token), now);
        throw inviteGone('closed' in state ? state.closed : 'unknown');
      }
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new ProblemError({
      type: 'email-taken',
      title: 'This e-mail is registered already',
      detail: 'Sign in with it instead, or use another e-mail.',
      status: 409,
      field: 'email',
    });
  }
}

/** Signs in with better-auth and returns its answer (with the session cookie), for our routes to pass on. */
export async function signIn(
  auth: Auth,
  headers: Headers,
  email: string,
  password: string,
): Promise<Response> {
  return auth.api.signInEmail({ body: { email, password }, headers, asResponse: true });
}
