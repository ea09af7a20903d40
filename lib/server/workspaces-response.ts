import 'server-only';
import type { WorkspacesResponse } from '@/lib/schemas/api-workspaces';
import { MAX_STORED_WORKSPACES, type Session } from './session';
import { activeWorkspaceId, availableWorkspaces, toSummary } from './workspaces';

export function workspacesResponse(session: Session): WorkspacesResponse {
  const activeId = activeWorkspaceId(session);
  return {
    workspaces: availableWorkspaces(session).map((w) => toSummary(w, activeId)),
    activeId,
    session: session.status,
    maxStored: MAX_STORED_WORKSPACES,
  };
}
