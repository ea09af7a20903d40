import Link from 'next/link';
import { accountHref } from '@/components/account/account-href';
import type { BulkActionDetail, BulkActionItem } from '@/lib/schemas/api-bulk-actions';
import { clockTime, exactTime, formatNumber } from '@/lib/format';

// An action's record says what it did; a later write of the same setting may have undone it since.
// These say so, naming the later writer, so nobody reads "done" as "Instantly has this value now".

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {clockTime(iso)}
    </time>
  );
}

/** One line per later writer: how many of this action's accounts it changed again. */
export function ChangedAgainNotice({ groups }: { groups: BulkActionDetail['changedAgain'] }) {
  if (groups.length === 0) return null;
  return (
    <section
      aria-labelledby="changed-again-heading"
      className="rounded-md border border-warning/40 bg-warning-bg px-3 py-2 text-sm text-warning-fg"
    >
      <h2 id="changed-again-heading" className="font-medium">
        Changed again afterwards
      </h2>
      <ul className="mt-1 space-y-1">
        {groups.map((group) => {
          const accounts = `${formatNumber(group.count)} of these accounts ${group.count === 1 ? 'was' : 'were'}`;
          return (
            <li key={group.actionId ?? 'account-page'}>
              {group.actionId ? (
                <>
                  {accounts} changed again afterwards by{' '}
                  <Link href={`/jobs/${group.actionId}`} className="font-medium underline">
                    {group.label}
                  </Link>{' '}
                  (started <When iso={group.startedAt} />) — Instantly now has that action’s value.
                </>
              ) : (
                <>
                  {accounts} changed again afterwards by{' '}
                  {group.count === 1 ? 'a save on its account page' : 'saves on their account pages'} (
                  {group.count === 1 ? '' : 'latest '}
                  <When iso={group.startedAt} />) — Instantly now has the saved value.
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The marker under one account's result: which later write has the last word, with a link to it. */
export function ChangedAgainMarker({ item }: { item: BulkActionItem }) {
  const later = item.changedAgainBy;
  if (!later) return null;
  return (
    <p className="mt-1 text-xs text-warning-fg">
      Changed again by{' '}
      <Link
        href={later.actionId ? `/jobs/${later.actionId}` : accountHref(item)}
        className="font-medium underline"
      >
        {later.actionId ? later.label : 'a save on its account page'}
      </Link>{' '}
      ({later.actionId ? 'started ' : ''}
      <When iso={later.startedAt} />)
    </p>
  );
}
