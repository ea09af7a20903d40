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
    sessionProblem:
      session.status !== 'invalid'
        ? null
        : session.reason === 'expired' || session.reason === 'revoked'
          ? session.reason
          : 'unreadable',
    maxStored: MAX_STORED_WORKSPACES,
  };
}
