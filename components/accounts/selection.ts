import { type AccountKey, accountKey } from '@/lib/schemas/account-key';

// What is selected in the fleet table. "All matching" is kept as the filter plus exclusions, so
// selecting 10,000 accounts never needs 10,000 rows in the browser.

export type Selection =
  | { mode: 'keys'; keys: ReadonlyMap<string, AccountKey> }
  | { mode: 'all'; excluded: ReadonlyMap<string, AccountKey> };

export const emptySelection: Selection = { mode: 'keys', keys: new Map() };

export function isSelected(selection: Selection, key: AccountKey): boolean {
  return selection.mode === 'keys'
    ? selection.keys.has(accountKey(key))
    : !selection.excluded.has(accountKey(key));
}

export function selectedCount(selection: Selection, total: number): number {
  return selection.mode === 'keys' ? selection.keys.size : Math.max(0, total - selection.excluded.size);
}

/** Sets the given accounts selected or not, in either mode. */
export function setSelected(selection: Selection, keys: readonly AccountKey[], selected: boolean): Selection {
  if (selection.mode === 'keys') {
    const next = new Map(selection.keys);
    for (const key of keys) {
      if (selected) next.set(accountKey(key), key);
      else next.delete(accountKey(key));
    }
    return { mode: 'keys', keys: next };
  }
  const excluded = new Map(selection.excluded);
  for (const key of keys) {
    if (selected) excluded.delete(accountKey(key));
    else excluded.set(accountKey(key), key);
  }
  return { mode: 'all', excluded };
}

export function toggle(selection: Selection, key: AccountKey): Selection {
  return setSelected(selection, [key], !isSelected(selection, key));
}

export const selectAllMatching = (): Selection => ({ mode: 'all', excluded: new Map() });

/** Indices from the anchor to the clicked row, both included, in either direction. */
export function rangeBetween(anchor: number, index: number): number[] {
  const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
