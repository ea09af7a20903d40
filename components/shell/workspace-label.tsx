import type { WorkspaceSummary } from '@/lib/schemas/api-workspaces';

/** A workspace's name, with the "Demo" marker wherever demo data shows, or the key's last four. */
export function WorkspaceLabel({
  workspace,
}: {
  workspace: Pick<WorkspaceSummary, 'label' | 'kind' | 'keyHint'>;
}) {
  return (
    <span className="flex min-w-0 items-center gap-2">
      <span className="truncate">{workspace.label}</span>
      {workspace.kind === 'demo' ? (
        <span className="rounded bg-warning-bg px-1.5 py-0.5 text-[11px] font-semibold tracking-wide text-warning-fg uppercase">
          Demo
        </span>
      ) : workspace.keyHint ? (
        <span className="font-mono text-xs text-muted">{workspace.keyHint}</span>
      ) : null}
    </span>
  );
}
