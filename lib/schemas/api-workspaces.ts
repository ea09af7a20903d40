import { z } from 'zod';

export const WORKSPACE_KINDS = ['demo', 'server', 'user'] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];

/** What the browser may know of a workspace: never the key, only its last four characters. */
export const workspaceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  label: z.string(),
  kind: z.enum(WORKSPACE_KINDS),
  keyHint: z.string().nullable(),
  active: z.boolean(),
  /** Who stored the key (vault workspaces only), and when (ISO-8601). */
  addedBy: z.string().nullable(),
  addedAt: z.string().nullable(),
  /**
   * `reenter`: the stored key no longer opens (the server secret changed): an admin adds it again.
   * `left`: a client workspace Instantly no longer lists as an accepted member of its admin's group.
   */
  state: z.enum(['ok', 'reenter', 'left']),
  /** A client workspace of an agency: the label of the admin key that serves it (x-as-workspace). */
  via: z.string().nullable().default(null),
  /** An admin key: whether clients that join its group later are added at the next sync. */
  autoAdd: z.boolean().nullable().default(null),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;

/**
 * Keys this browser still holds in its old `fleet_keys` cookie (from before the server vault):
 * `moved` once, right after they moved into the vault; `waiting-for-owner` in the open demo (they
 * move when the owner signs in); `not-moved` for a member below admin (not moved, not used);
 * `unreadable` when the cookie no longer opens (expired, forgotten, or secret changed).
 */
export const legacyKeysSchema = z
  .discriminatedUnion('state', [
    z.object({ state: z.literal('moved'), count: z.number().int().positive() }),
    z.object({ state: z.literal('waiting-for-owner'), count: z.number().int().positive() }),
    z.object({ state: z.literal('not-moved'), count: z.number().int().positive() }),
    z.object({ state: z.literal('unreadable'), reason: z.enum(['expired', 'revoked', 'unreadable']) }),
  ])
  .nullable();
export type LegacyKeys = z.infer<typeof legacyKeysSchema>;

export const workspacesResponseSchema = z.object({
  workspaces: z.array(workspaceSummarySchema),
  activeId: z.string().nullable(),
  legacyKeys: legacyKeysSchema,
  maxStored: z.number(),
});
export type WorkspacesResponse = z.infer<typeof workspacesResponseSchema>;

export const addWorkspaceInputSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .min(8, 'An Instantly API key is longer than that')
    .max(400, 'That is too long to be an Instantly API key')
    .regex(
      /^[\x21-\x7e]+$/,
      'A key has no spaces or special characters: paste it exactly as Instantly shows it',
    ),
  label: z.string().trim().max(60, 'Keep the label under 60 characters').optional(),
  /**
   * For an admin key, the second step: which of its group's accepted client workspaces to add
   * (Instantly ids, as the preview listed them). Without it an admin key answers with the preview.
   */
  clients: z
    .array(z.string().min(1).max(80))
    .min(1, 'Choose at least one client workspace')
    .max(200, 'Add at most 200 client workspaces at once')
    .optional(),
  /** For an admin key: add accepted clients that join its group later, at the next sync (default on). */
  autoAdd: z.boolean().optional(),
});
export type AddWorkspaceInput = z.infer<typeof addWorkspaceInputSchema>;

/** Our id for an Instantly workspace (a vault key's, or an agency client's). */
export const vaultIdOf = (instantlyId: string) =>
  `ws_${instantlyId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64)}`;

/** An admin key's group as Instantly lists it, before anything is stored: the person chooses. */
export const groupPreviewSchema = z.object({
  admin: z.object({ name: z.string(), keyHint: z.string() }),
  clients: z.array(
    z.object({
      subWorkspaceId: z.string(),
      name: z.string(),
      status: z.string(),
      /** Accounts on the first page (up to 100), null when not counted (not accepted, or it failed). */
      accounts: z.number().int().nullable(),
      /** More than `accounts`: the count stopped at one page. */
      moreAccounts: z.boolean(),
      /** Already a workspace here. */
      stored: z.boolean(),
    }),
  ),
});
export type GroupPreview = z.infer<typeof groupPreviewSchema>;

/** POST /api/workspaces: the new list once stored, or (for an admin key without a choice) its group. */
export const addKeyResponseSchema = z.union([
  z.object({ group: groupPreviewSchema }),
  workspacesResponseSchema.extend({ added: z.array(z.string()) }),
]);
export type AddKeyResponse = z.infer<typeof addKeyResponseSchema>;

/** PATCH /api/workspaces/:id: an admin key's "add clients that join later" switch. */
export const workspaceSettingsInputSchema = z.strictObject({ autoAdd: z.boolean() });

export const setActiveWorkspaceInputSchema = z.strictObject({ id: z.string().min(1).max(80) });

export const workspaceIdParamsSchema = z.object({ id: z.string().min(1).max(80) });
