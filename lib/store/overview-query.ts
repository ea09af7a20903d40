import 'server-only';
import type { ScatterPoint } from '@/lib/schemas/api-account-detail';
import type { Db } from './connect';

// The Overview page from the fleet index: totals by status and warmup status, the average score,
// errors, and the scatter of warmup score against daily limit. Counts are SQL aggregates (constant
// work for the browser at any fleet size); the scatter is thinned on the server, see thinScatter.

export interface FleetOverview {
  total: number;
  byStatus: Array<{ value: number | null; count: number }>;
  byWarmup: Array<{ value: number | null; count: number }>;
  averageScore: number | null;
  scoredCount: number;
  errors: number;
  sendingTooHard: number;
  scatter: { points: ScatterPoint[]; plottable: number; sampled: boolean };
}

/** SVG scatter plots stay smooth up to a couple of thousand marks; beyond that the page stutters. */
export const MAX_SCATTER_POINTS = 2000;

export async function fleetOverview(
  db: Db,
  workspaceIds: readonly string[],
  maxPoints = MAX_SCATTER_POINTS,
): Promise<FleetOverview> {
  if (workspaceIds.length === 0) {
    return {
      total: 0,
      byStatus: [],
      byWarmup: [],
      averageScore: null,
      scoredCount: 0,
      errors: 0,
      sendingTooHard: 0,
      scatter: { points: [], plottable: 0, sampled: false },
    };
  }
  const inScope = db.selectFrom('accounts').where('workspace_id', 'in', workspaceIds);
  const totals = await inScope
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.avg<number | null>('warmup_score').as('average'),
      eb.fn.count<number>('warmup_score').as('scored'),
      eb.fn.sum<number | null>('has_error').as('errors'),
    ])
    .executeTakeFirstOrThrow();
  const countBy = async (column: 'status' | 'warmup_status') =>
    (
      await inScope
        .select((eb) => [eb.ref(column).as('value'), eb.fn.countAll<number>().as('count')])
        .groupBy(column)
        .orderBy('count', 'desc')
        // Unknown (NULL) last, as SQLite orders it descending; PostgreSQL is told so.
        .orderBy(column, (ob) => ob.desc().nullsLast())
        .execute()
    ).map((r) => ({ value: r.value, count: Number(r.count) }));
  const rows: ScatterPoint[] = (
    await inScope
      .select(['email', 'workspace_id', 'warmup_score', 'daily_limit', 'sending_gap', 'status'])
      .where('warmup_score', 'is not', null)
      .where('daily_limit', 'is not', null)
      .execute()
  ).flatMap((r) =>
    r.warmup_score === null || r.daily_limit === null
      ? []
      : [
          {
            email: r.email,
            workspaceId: r.workspace_id,
            score: r.warmup_score,
            dailyLimit: r.daily_limit,
            sendingGap: r.sending_gap,
            status: r.status,
          },
        ],
  );
  const thinned = thinScatter(rows, maxPoints);
  return {
    total: Number(totals.total),
    byStatus: await countBy('status'),
    byWarmup: await countBy('warmup_status'),
    averageScore: totals.average === null ? null : Math.round(Number(totals.average) * 10) / 10,
    scoredCount: Number(totals.scored),
    errors: totals.errors === null ? 0 : Number(totals.errors),
    sendingTooHard: countSendingTooHard(rows),
    scatter: { points: thinned, plottable: rows.length, sampled: thinned.length < rows.length },
  };
}

/**
 * "Sends too hard for its health": active (so campaigns go out), a warmup score under Instantly's
 * healthy 80, and a daily limit above the fleet's median. A count the Overview shows by the scatter.
 */
export function countSendingTooHard(
  rows: ReadonlyArray<{ score: number; dailyLimit: number; status: number | null }>,
): number {
  if (rows.length === 0) return 0;
  const limits = rows.map((r) => r.dailyLimit).sort((a, b) => a - b);
  const median = limits[Math.floor((limits.length - 1) / 2)] as number;
  return rows.filter((r) => r.status === 1 && r.score < 80 && r.dailyLimit > median).length;
}

/** FNV-1a: a stable pseudo-random order, so the same fleet always shows the same sample. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Thins a scatter to at most `max` points without hiding its shape: points fall into cells (5 score
 * points × a daily-limit step), and cells are emptied round-robin, so every occupied cell keeps at
 * least one point (outliers — a low score at a high limit — always survive) while dense clusters are
 * sampled evenly. Deterministic for a given fleet.
 */
export function thinScatter<T extends ScatterPoint>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const maxLimit = Math.max(1, ...points.map((p) => p.dailyLimit));
  const limitStep = Math.max(1, Math.ceil(maxLimit / 20));
  const cells = new Map<string, T[]>();
  for (const point of points) {
    const key = `${Math.floor(point.score / 5)}:${Math.floor(point.dailyLimit / limitStep)}`;
    const cell = cells.get(key);
    if (cell) cell.push(point);
    else cells.set(key, [point]);
  }
  const queues = [...cells.values()].map((cell) =>
    cell
      .map((p) => ({ p, h: hash(`${p.workspaceId}/${p.email}`) }))
      .sort((a, b) => a.h - b.h)
      .map((x) => x.p),
  );
  const out: T[] = [];
  for (let round = 0; out.length < max; round++) {
    let took = false;
    for (const queue of queues) {
      const next = queue[round];
      if (next === undefined) continue;
      out.push(next);
      took = true;
      if (out.length >= max) break;
    }
    if (!took) break;
  }
  return out;
}
