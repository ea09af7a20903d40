import 'server-only';
import { type AlertSettings, alertSettingsSchema, defaultAlertSettings } from '@/lib/schemas/alert-settings';
import type { Db } from './connect';

// A workspace's alert settings. A workspace nobody configured runs on the defaults; a stored row is
// parsed with the schema, so a field added later reads with its default.

export interface StoredAlertSettings {
  settings: AlertSettings;
  updatedAt: string | null;
  updatedBy: string | null;
}

export async function alertSettingsOf(db: Db, workspaceId: string): Promise<StoredAlertSettings> {
  const row = await db
    .selectFrom('alert_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return { settings: defaultAlertSettings(), updatedAt: null, updatedBy: null };
  return {
    settings: alertSettingsSchema.parse(JSON.parse(row.settings_json)),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export async function saveAlertSettings(
  db: Db,
  workspaceId: string,
  settings: AlertSettings,
  by: string,
  at: string,
): Promise<void> {
  const settings_json = JSON.stringify(alertSettingsSchema.parse(settings));
  await db
    .insertInto('alert_settings')
    .values({ workspace_id: workspaceId, settings_json, updated_at: at, updated_by: by })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({ settings_json, updated_at: at, updated_by: by }),
    )
    .execute();
}
