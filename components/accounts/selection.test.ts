import { describe, expect, it } from 'vitest';
import {
  emptySelection,
  isSelected,
  rangeBetween,
  selectAllMatching,
  selectedCount,
  setSelected,
  toggle,
} from './selection';

const a = { workspaceId: 'demo', email: 'a@x.io' };
const b = { workspaceId: 'demo', email: 'b@x.io' };
const sameEmailOtherWorkspace = { workspaceId: 'ws_2', email: 'a@x.io' };

describe('fleet selection', () => {
  it('toggles single accounts and counts them', () => {
    let s = toggle(emptySelection, a);
    s = toggle(s, b);
    s = toggle(s, a);
    expect(isSelected(s, a)).toBe(false);
    expect(isSelected(s, b)).toBe(true);
    expect(selectedCount(s, 500)).toBe(1);
  });

  it('tells the same email in two workspaces apart', () => {
    const s = toggle(emptySelection, a);
    expect(isSelected(s, sameEmailOtherWorkspace)).toBe(false);
  });

  it('is one account whatever the case of its email, as on the server', () => {
    const s = toggle(emptySelection, a);
    expect(isSelected(s, { workspaceId: 'demo', email: 'A@X.io' })).toBe(true);
    expect(selectedCount(toggle(s, { workspaceId: 'demo', email: 'A@x.IO' }), 500)).toBe(0);
  });

  it('"all matching" counts the total minus exclusions without listing anyone', () => {
    let s = selectAllMatching();
    expect(selectedCount(s, 10_000)).toBe(10_000);
    s = toggle(s, a);
    expect(isSelected(s, a)).toBe(false);
    expect(isSelected(s, b)).toBe(true);
    expect(selectedCount(s, 10_000)).toBe(9_999);
    s = setSelected(s, [a], true);
    expect(selectedCount(s, 10_000)).toBe(10_000);
  });

  it('selects ranges in either direction', () => {
    expect(rangeBetween(3, 6)).toEqual([3, 4, 5, 6]);
    expect(rangeBetween(6, 3)).toEqual([3, 4, 5, 6]);
    expect(rangeBetween(2, 2)).toEqual([2]);
  });
});
