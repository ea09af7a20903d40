import 'server-only';
import type { Db } from '@/lib/store/connect';
import { DEMO_API_KEY } from '@/lib/simulator/registry';
import { getConfig } from './config';
import { listVaultWorkspaces } from './vault';
import { DEMO_WORKSPACE_ID, type ResolvedWorkspace, SERVER_WORKSPACE_ID } from './workspaces';

// The workspaces the server may work on with nobody's browser open: the demo and the
// server-configured one and every key in the vault. Call Instantly for one through
// clientFor without a deadline: background work keeps the client's full retries.

export async function listBackgroundWorkspaces(db: Db): Promise<ResolvedWorkspace[]> {
  const config = getConfig();
  const list: ResolvedWorkspace[] = [];
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
    list.push({
      id: SERVER_WORKSPACE_ID,
      kind: 'server',
      name: config.INSTANTLY_API_LABEL,
      label: config.INSTANTLY_API_LABEL,
      apiKey: config.INSTANTLY_API_KEY,
    });
  }
  list.push(...(await listVaultWorkspaces(db)));
  return list;
}

export async function backgroundWorkspace(db: Db, id: string): Promise<ResolvedWorkspace | null> {
  return (await listBackgroundWorkspaces(db)).find((w) => w.id === id) ?? null;
}
