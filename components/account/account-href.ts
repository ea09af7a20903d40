/** The account page of one account in one workspace (the same link the fleet table opens). */
export function accountHref(key: { email: string; workspaceId: string }): string {
  return `/accounts/${encodeURIComponent(key.email)}?workspace=${encodeURIComponent(key.workspaceId)}`;
}
