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
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;

export const workspacesResponseSchema = z.object({
  workspaces: z.array(workspaceSummarySchema),
  activeId: z.string().nullable(),
  /** `invalid`: the stored keys could not be opened (secret changed or cookie damaged). */
  session: z.enum(['ok', 'empty', 'invalid']),
  /** Why an invalid cookie no longer opens: it expired, its keys were forgotten, or it cannot be read. */
  sessionProblem: z.enum(['expired', 'revoked', 'unreadable']).nullable(),
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
