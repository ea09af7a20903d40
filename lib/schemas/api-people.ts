import { z } from 'zod';
import { ASSIGNABLE_ROLES, PERSON_ROLES } from './person-roles';

// People, sign-in and invites as the browser and the server exchange them (isomorphic: no secrets).

export { ASSIGNABLE_ROLES, PERSON_ROLES } from './person-roles';

export const PASSWORD_MIN = 10;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(128, 'must be at most 128 characters');
export const personNameSchema = z.string().trim().min(1, 'is required').max(80);
export const emailSchema = z.email('must be an e-mail address').max(254).toLowerCase();

/** A member's workspace limits: null means every workspace. */
const workspaceIdsSchema = z.array(z.string().min(1).max(100)).max(50).nullable();

export const createOwnerInputSchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
});
export type CreateOwnerInput = z.infer<typeof createOwnerInputSchema>;

export const personSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(PERSON_ROLES),
  workspaceIds: z.array(z.string()).nullable(),
});
export type PersonView = z.infer<typeof personSchema>;

/** GET /api/me: who this browser is signed in as, and whether anybody has registered. */
export const meResponseSchema = z.object({
  person: personSchema.nullable(),
  /** False in the open demo: nobody has registered, no sign-in is asked. */
  ownerExists: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const memberSchema = personSchema.extend({
  createdAt: z.string(),
  /** Sessions not yet expired: how many browsers are signed in as this member. */
  activeSessions: z.number(),
});
export type Member = z.infer<typeof memberSchema>;

export const inviteSummarySchema = z.object({
  id: z.string(),
  role: z.enum(ASSIGNABLE_ROLES),
  workspaceIds: z.array(z.string()).nullable(),
  expiresAt: z.string(),
});

export const membersResponseSchema = z.object({
  members: z.array(memberSchema),
  invites: z.array(inviteSummarySchema),
  /** The server has a mail server (SMTP_URL): the invite form offers to e-mail the link. */
  canEmailInvites: z.boolean(),
});
export type MembersResponse = z.infer<typeof membersResponseSchema>;

export const createInviteInputSchema = z.strictObject({
  role: z.enum(ASSIGNABLE_ROLES),
  workspaceIds: workspaceIdsSchema.default(null),
  /** E-mail the link there too (needs SMTP_URL); the address is not stored. */
  email: emailSchema.optional(),
});
export type CreateInviteInput = z.input<typeof createInviteInputSchema>;

/** Which open invite to withdraw (the id the members list gives, never the link's token). */
export const withdrawInviteQuerySchema = z.strictObject({
  id: z.string().regex(/^inv_[0-9a-f]{16}$/, 'must be an invite id'),
});

export const createInviteResponseSchema = z.object({
  /** The path to send the invitee; the token in it is shown once and stored only as a hash. */
  path: z.string(),
  expiresAt: z.string(),
  /** Whether the link was e-mailed; null when no address was given. A failed send keeps the invite. */
  emailed: z
    .discriminatedUnion('sent', [
      z.object({ to: z.string(), sent: z.literal(true) }),
      z.object({ to: z.string(), sent: z.literal(false), error: z.string() }),
    ])
    .nullable(),
});
export type CreateInviteResponse = z.infer<typeof createInviteResponseSchema>;

export const updateMemberInputSchema = z
  .strictObject({
    role: z.enum(ASSIGNABLE_ROLES).optional(),
    workspaceIds: workspaceIdsSchema.optional(),
  })
  .refine((v) => v.role !== undefined || v.workspaceIds !== undefined, {
    message: 'give a role or workspaceIds',
  });
export type UpdateMemberInput = z.infer<typeof updateMemberInputSchema>;

export const INVITE_TOKEN = /^[A-Za-z0-9_-]{32,64}$/;
export const inviteTokenSchema = z.string().regex(INVITE_TOKEN, 'must be an invite token');

export const inviteInfoSchema = z.object({
  role: z.enum(ASSIGNABLE_ROLES),
  expiresAt: z.string(),
});

export const acceptInviteInputSchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  password: passwordSchema,
});
export type AcceptInviteInput = z.infer<typeof acceptInviteInputSchema>;

export const signInInputSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(128),
});
