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
  /** `reenter`: the stored key no longer opens (the server secret changed): an admin adds it again. */
  state: z.enum(['ok', 'reenter']),
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
});
export type AddWorkspaceInput = z.infer<typeof addWorkspaceInputSchema>;

export const setActiveWorkspaceInputSchema = z.strictObject({ id: z.string().min(1).max(80) });

export const workspaceIdParamsSchema = z.object({ id: z.string().min(1).max(80) });
