import 'server-only';
import type { Db } from '@/lib/store/connect';
import { DEMO_API_KEY } from '@/lib/simulator/registry';
import { getConfig } from './config';
import { vaultEntries, vaultWorkspace } from './vault';
import { groupClientWorkspace, loadGroupListing } from './workspace-groups';
import {
  DEMO_WORKSPACE_ID,
  type ResolvedWorkspace,
  SERVER_WORKSPACE_ID,
  serverWorkspace,
} from './workspaces';

// The workspaces the server may work on with nobody's browser open: the demo and the
// server-configured one and every key in the vault, each admin key followed by the client workspaces
// it serves. Call Instantly for one through clientFor without a deadline: background work keeps the
// client's full retries.

export async function listBackgroundWorkspaces(db: Db): Promise<ResolvedWorkspace[]> {
  const config = getConfig();
  const { rows, groups } = await loadGroupListing(db);
  const list: ResolvedWorkspace[] = [];
  const clientsOf = (adminId: string, adminKey: string) => {
    for (const row of rows) {
      if (row.admin_id !== adminId) continue;
      const client = groupClientWorkspace(row, adminKey);
      if (client) list.push(client);
    }
  };
  if (config.DEMO_WORKSPACE) {
    list.push({
      id: DEMO_WORKSPACE_ID,
      kind: 'demo',
      name: 'Demo workspace',
      label: 'Demo',
      apiKey: DEMO_API_KEY,
    });
  }
  if (config.INSTANTLY_API_KEY) {
    list.push(
      serverWorkspace(config.INSTANTLY_API_KEY, config.INSTANTLY_API_LABEL, groups.has(SERVER_WORKSPACE_ID)),
    );
    clientsOf(SERVER_WORKSPACE_ID, config.INSTANTLY_API_KEY);
  }
  for (const entry of await vaultEntries(db)) {
    if (entry.apiKey === null) continue;
    list.push(vaultWorkspace({ ...entry, apiKey: entry.apiKey }, groups.has(entry.id)));
    clientsOf(entry.id, entry.apiKey);
  }
  return list;
}

export async function backgroundWorkspace(db: Db, id: string): Promise<ResolvedWorkspace | null> {
  return (await listBackgroundWorkspaces(db)).find((w) => w.id === id) ?? null;
}
