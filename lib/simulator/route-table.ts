import 'server-only';
import type { Route } from './route-context';
import { accountActionRoutes } from './routes-account-actions';
import { accountRoutes } from './routes-accounts';
import { moveAccountRoutes } from './routes-accounts-move';
import { analyticsRoutes } from './routes-analytics';
import { campaignMappingRoutes } from './routes-campaign-mappings';
import { jobRoutes } from './routes-jobs';
import { tagRoutes } from './routes-tags';
import { workspaceRoutes } from './routes-workspace';
import { workspaceGroupRoutes } from './workspace-group';

// Every simulated route. Static paths come before the `{email}` / `{id}` patterns, as Fastify's
// router prefers static segments.

const ROUTES: readonly Route[] = [
  ...accountActionRoutes,
  ...moveAccountRoutes,
  ...analyticsRoutes,
  ...accountRoutes,
  ...jobRoutes,
  ...tagRoutes,
  ...workspaceRoutes,
  ...workspaceGroupRoutes,
  ...campaignMappingRoutes,
];

export type RouteMatch = { route: Route; rawParams: string[] };

export function matchRoute(method: string, path: string): RouteMatch | null {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, rawParams: match.slice(1) };
  }
  return null;
}
