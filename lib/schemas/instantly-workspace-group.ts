import { z } from 'zod';
import { listEnvelope } from './instantly-common';

// A member of an admin workspace's group (REFERENCE §1.1a, Instantly's workspace-group-member schema).
// Lenient like every upstream payload: names are nullable, unknown keys are kept.

export const GROUP_MEMBER_STATUSES = ['pending', 'accepted', 'rejected'] as const;

export const workspaceGroupMemberSchema = z.looseObject({
  id: z.string().min(1),
  admin_workspace_id: z.string().min(1),
  sub_workspace_id: z.string().min(1),
  // An unknown future status is kept as text: it is simply not `accepted`, so never acted on.
  status: z.string(),
  timestamp_created: z.string().optional(),
  timestamp_updated: z.string().optional(),
  sub_workspace_name: z.string().nullable().optional(),
  admin_workspace_name: z.string().nullable().optional(),
});
export type WorkspaceGroupMember = z.infer<typeof workspaceGroupMemberSchema>;
export const workspaceGroupMemberListSchema = listEnvelope(workspaceGroupMemberSchema);
