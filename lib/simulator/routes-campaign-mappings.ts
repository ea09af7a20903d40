import 'server-only';
import { dayOf } from './dates';
import { campaignsRunOn } from './account-story';
import { jsonResponse, notFound, validationError } from './http-responses';
import { uuidV4 } from './ids';
import { Rng } from './prng';
import { campaignMappingsQuerySchema, parseQuery } from './query-schemas';
import type { Route, RouteContext } from './route-context';
import type { AccountRecord, WorkspaceState } from './workspace-state';

// GET /account-campaign-mappings/{email} (REFERENCE §4.14): the campaigns that use an account, the
// "blast radius" a client shows before pausing it. Campaigns are not modelled elsewhere, so each
// workspace gets a fixed set derived from its seed, and an account whose story has campaign sending
// is mapped to one or two of them, the same ones on every call.

interface Campaign {
  campaign_id: string;
  campaign_name: string;
  timestamp_created: string;
  status: number;
}

const NAMES = [
  'Q1 Outbound: Founders',
  'Agency partners follow-up',
  'Webinar invite: EMEA',
  'SaaS CFOs, cold intro',
  'Re-engagement, dormant leads',
  'Case study drip',
];
// Instantly's campaign statuses: 1 active, 2 paused, 3 completed.
const STATUSES = [1, 1, 2, 1, 3, 1];

const campaignsOf = new WeakMap<WorkspaceState, Campaign[]>();

function workspaceCampaigns(state: WorkspaceState): Campaign[] {
  let campaigns = campaignsOf.get(state);
  if (!campaigns) {
    const rng = Rng.from('campaigns', state.spec.seed, state.spec.slug);
    campaigns = NAMES.map((name, i) => ({
      campaign_id: uuidV4(rng),
      campaign_name: name,
      timestamp_created: new Date(state.createdMs + (i + 1) * 5 * 86_400_000).toISOString(),
      status: STATUSES[i] ?? 1,
    }));
    campaignsOf.set(state, campaigns);
  }
  return campaigns;
}

function mappedCampaigns(state: WorkspaceState, record: AccountRecord, nowMs: number): Campaign[] {
  const { story } = record;
  if (story.campaignStartDay === null) return [];
  const all = workspaceCampaigns(state);
  const rng = Rng.from('campaign-mapping', state.spec.seed, record.json.email.toLowerCase());
  const first = rng.int(0, all.length - 1);
  const picked = [all[first]];
  // An account still sending today is in a second campaign half of the time.
  if (campaignsRunOn(story, dayOf(nowMs)) && rng.chance(0.5)) picked.push(all[(first + 1) % all.length]);
  return picked
    .filter((c): c is Campaign => c !== undefined)
    .sort((a, b) => a.campaign_id.localeCompare(b.campaign_id));
}

function listMappings(ctx: RouteContext): Response {
  const query = parseQuery(campaignMappingsQuerySchema, ctx.url);
  if (!query.ok) return validationError(query.message);
  const email = ctx.params[0] ?? '';
  const record = ctx.state.account(email);
  if (!record) return notFound();
  const limit = query.value.limit ?? 10;
  const after = query.value.starting_after;
  const all = mappedCampaigns(ctx.state, record, ctx.nowMs);
  const start = after === undefined ? 0 : all.findIndex((c) => c.campaign_id > after);
  const items = start < 0 ? [] : all.slice(start, start + limit);
  const more = start >= 0 && start + limit < all.length;
  const last = items[items.length - 1];
  return jsonResponse(more && last ? { items, next_starting_after: last.campaign_id } : { items });
}

export const campaignMappingRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/account-campaign-mappings\/([^/]+)$/,
    write: false,
    handler: listMappings,
  },
];
