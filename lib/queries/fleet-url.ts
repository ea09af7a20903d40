import { createSerializer, parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral } from 'nuqs';
import { ACCOUNT_SORT_KEYS } from '@/lib/schemas/account-sort-keys';

// The one way the fleet table's filters, sort and search are written into a URL: the page's own
// address, links to it from other pages, the accounts API's query strings and the CSV export. The
// server reads them back with accountRowsQuerySchema (lib/schemas/api-accounts.ts), whose defaults
// match the ones here, so a default left out of the URL means the same on both sides.
export const fleetUrlParsers = {
  scope: parseAsStringLiteral(['active', 'all'] as const).withDefault('active'),
  q: parseAsString.withDefault(''),
  ws: parseAsArrayOf(parseAsString).withDefault([]),
  status: parseAsArrayOf(parseAsInteger).withDefault([]),
  warmup: parseAsArrayOf(parseAsInteger).withDefault([]),
  provider: parseAsArrayOf(parseAsInteger).withDefault([]),
  tag: parseAsArrayOf(parseAsString).withDefault([]),
  domain: parseAsArrayOf(parseAsString).withDefault([]),
  cause: parseAsArrayOf(parseAsString).withDefault([]),
  error: parseAsStringLiteral(['yes', 'no'] as const),
  sort: parseAsStringLiteral(ACCOUNT_SORT_KEYS).withDefault('email'),
  order: parseAsStringLiteral(['asc', 'desc'] as const).withDefault('asc'),
};

/** The API's window over the rows; never part of a page URL. */
const windowParsers = { offset: parseAsInteger, limit: parseAsInteger };
const allParsers = { ...fleetUrlParsers, ...windowParsers };

/**
 * `?status=1,2&sort=warmupScore` from parsed values (arrays, numbers), defaults and empty values
 * left out; with a base (`'/accounts'`), that path followed by the query.
 */
export const serializeFleet = createSerializer(allParsers, { clearOnDefault: true });

/** Parsed values, any subset; null or undefined leaves a key out. */
export type FleetValues = {
  [K in keyof typeof allParsers]?: ReturnType<(typeof allParsers)[K]['parseServerSide']> | null;
};

/** The query string without its `?` (empty when everything is a default). */
export const fleetSearch = (values: FleetValues): string => serializeFleet(values).replace(/^\?/, '');

/** A link to the accounts table showing these filters. */
export const accountsTableHref = (values: FleetValues): string => serializeFleet('/accounts', values);
