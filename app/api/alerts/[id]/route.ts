// GET /api/alerts/[id]: one alert (where the Slack and e-mail "acknowledge" links land).
// POST /api/alerts/[id] {action: 'acknowledge'} | {action: 'snooze', for: '1h'|'8h'|'24h'|'tomorrow', timeZone?} (operator+).
import { snoozeUntil } from '@/lib/alerts/snooze';
import { alertActionSchema, alertParamsSchema, alertResponseSchema } from '@/lib/schemas/api-alerts';
import { noSuchAlert } from '@/lib/server/alerts-access';
import { scopeWorkspaces } from '@/lib/server/fleet';
import { ProblemError, json } from '@/lib/server/problem';
import { type SessionContext, withSession } from '@/lib/server/with-workspace';
import { alertDtoOf } from '@/lib/store/alerts';
import { acknowledgeAlert, alertById, eventsOfAlert, snoozeAlert } from '@/lib/store/alerts-inbox';
import type { AlertRow } from '@/lib/store/alerts';
import type { Db } from '@/lib/store/connect';

/** The alert, if it belongs to a workspace the person sees. */
async function visibleAlert(ctx: SessionContext<{ id: string }, unknown, unknown>) {
  const row = await alertById(ctx.db, ctx.params.id);
  if (!row) throw noSuchAlert();
  const workspaces = await scopeWorkspaces(ctx, { scope: 'all' });
  if (!workspaces.some((w) => w.id === row.workspace_id)) throw noSuchAlert();
  return row;
}

async function answer(db: Db, row: AlertRow): Promise<Response> {
  const events = (await eventsOfAlert(db, row.id)).map((e) => ({
    eventId: e.eventId,
    kind: e.kind,
    occurredAt: new Date(e.createdAt).toISOString(),
  }));
  return json(alertResponseSchema.parse({ alert: alertDtoOf(row), events }));
}

export const GET = withSession({ params: alertParamsSchema }, async (ctx) =>
  answer(ctx.db, await visibleAlert(ctx)),
);

export const POST = withSession({ params: alertParamsSchema, body: alertActionSchema }, async (ctx) => {
  const row = await visibleAlert(ctx);
  const now = Date.now();
  const done =
    ctx.body.action === 'acknowledge'
      ? await acknowledgeAlert(ctx.db, row.id, ctx.person?.name ?? 'Someone in the open demo', now)
      : await snoozeAlert(ctx.db, row.id, snoozeUntil(ctx.body.for, now, ctx.body.timeZone));
  if (!done)
    throw new ProblemError({
      type: 'conflict',
      title: 'The alert is already resolved',
      detail: 'Its accounts recovered, so there is nothing left to acknowledge or snooze.',
      status: 409,
    });
  const updated = await alertById(ctx.db, row.id);
  if (!updated) throw noSuchAlert();
  return answer(ctx.db, updated);
});
