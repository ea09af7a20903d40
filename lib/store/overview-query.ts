import 'server-only';
import type { ScatterPoint } from '@/lib/schemas/api-account-detail';
import type { Db } from './db';
import { rawSqlite } from './connect';

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

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

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
  const where = `workspace_id IN (${placeholders(workspaceIds.length)})`;
  const ids = [...workspaceIds];
  const totals = rawSqlite(db)
    .prepare(
      `SELECT count(*) AS total, avg(warmup_score) AS average, count(warmup_score) AS scored, sum(has_error) AS errors
         FROM accounts WHERE ${where}`,
    )
    .get(...ids) as { total: number; average: number | null; scored: number; errors: number | null };
  const countBy = (column: 'status' | 'warmup_status') =>
    rawSqlite(db)
      .prepare(
        `SELECT ${column} AS value, count(*) AS count FROM accounts WHERE ${where} GROUP BY ${column} ORDER BY count DESC, ${column} DESC`,
      )
      .all(...ids) as Array<{ value: number | null; count: number }>;
  const rows = rawSqlite(db)
    .prepare(
      `SELECT email, workspace_id AS workspaceId, warmup_score AS score, daily_limit AS dailyLimit,
              sending_gap AS sendingGap, status
         FROM accounts WHERE ${where} AND warmup_score IS NOT NULL AND daily_limit IS NOT NULL`,
    )
    .all(...ids) as ScatterPoint[];
  const thinned = thinScatter(rows, maxPoints);
  return {
    total: totals.total,
    byStatus: countBy('status'),
    byWarmup: countBy('warmup_status'),
    averageScore: totals.average === null ? null : Math.round(totals.average * 10) / 10,
    scoredCount: totals.scored,
    errors: totals.errors ?? 0,
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
