import 'server-only';
import type { WorkspacesResponse } from '@/lib/schemas/api-workspaces';
import { legacyKeysState } from './legacy-keys';
import type { Session } from './session';
import { MAX_VAULT_WORKSPACES } from './vault';
import { type WorkspaceAccess, activeIn, listWorkspaces } from './workspaces';

/** The list a person sees: labels and `…last4` only, never a key. */
export async function workspacesResponse(
  access: WorkspaceAccess & { session: Session },
  activeChoice: string | null = access.session.activeChoice,
): Promise<WorkspacesResponse> {
  const listing = await listWorkspaces(access);
  const activeId = activeIn(listing, activeChoice);
  return {
    workspaces: listing.listed.map((w) => ({ ...w, active: w.id === activeId })),
    activeId,
    legacyKeys: legacyKeysState(access.person, access.session),
    maxStored: MAX_VAULT_WORKSPACES,
  };
}
