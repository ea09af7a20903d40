// GET /api/alerts/settings: the active (or ?workspace=) workspace's alert rules and thresholds (viewer+).
// PATCH /api/alerts/settings: change some of them (admin+); answers the settings now in force.
import { alertSettingsPatchSchema, applySettingsPatch } from '@/lib/schemas/alert-settings';
import { alertSettingsResponseSchema } from '@/lib/schemas/api-alerts';
import { json } from '@/lib/server/problem';
import { withWorkspace } from '@/lib/server/with-workspace';
import type { Db } from '@/lib/store/connect';
import { alertSettingsOf, saveAlertSettings } from '@/lib/store/alert-settings';

async function answer(db: Db, workspaceId: string) {
  const stored = await alertSettingsOf(db, workspaceId);
  return json(alertSettingsResponseSchema.parse({ workspaceId, ...stored }));
}

export const GET = withWorkspace({}, async ({ db, workspace }) => answer(db, workspace.id));

export const PATCH = withWorkspace(
  { body: alertSettingsPatchSchema, role: 'admin' },
  async ({ db, workspace, body, person }) => {
    const { settings } = await alertSettingsOf(db, workspace.id);
    await saveAlertSettings(
      db,
      workspace.id,
      applySettingsPatch(settings, body),
      person?.name ?? 'Someone in the open demo',
      new Date().toISOString(),
    );
    return answer(db, workspace.id);
  },
);
