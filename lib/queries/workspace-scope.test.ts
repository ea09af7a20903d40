import { describe, expect, it } from 'vitest';
import {
  ALL_WORKSPACES,
  keepPreviousInWorkspace,
  scopeReady,
  withWorkspaceParam,
  workspaceSegment,
} from './workspace-scope';

describe('the workspace of a read', () => {
  it('is named in the request only for the active scope, once known', () => {
    expect(withWorkspaceParam('scope=active', 'active', 'ws a')).toBe('scope=active&workspace=ws%20a');
    expect(withWorkspaceParam('', 'active', 'demo')).toBe('workspace=demo');
    expect(withWorkspaceParam('scope=all', 'all', 'demo')).toBe('scope=all');
    expect(withWorkspaceParam('q=x', 'active', null)).toBe('q=x');
    expect(workspaceSegment('all', 'demo')).toBe(ALL_WORKSPACES);
    expect(workspaceSegment('active', undefined)).toBeNull();
    expect(scopeReady('active', undefined)).toBe(false);
    expect(scopeReady('active', null)).toBe(true);
    expect(scopeReady('all', undefined)).toBe(true);
  });

  it('keeps a previous answer on screen within a workspace or the agency view, never across workspaces', () => {
    const previous = { total: 1 };
    const from = (segment: string | null) => ({ queryKey: ['accounts', 'facets', segment, {}] });
    expect(keepPreviousInWorkspace('ws-a')(previous, from('ws-a'))).toBe(previous);
    expect(keepPreviousInWorkspace('ws-b')(previous, from('ws-a'))).toBeUndefined();
    expect(keepPreviousInWorkspace(ALL_WORKSPACES)(previous, from('ws-a'))).toBe(previous);
    expect(keepPreviousInWorkspace('ws-a')(previous, from(ALL_WORKSPACES))).toBe(previous);
    expect(keepPreviousInWorkspace('ws-a')(undefined, undefined)).toBeUndefined();
  });
});
