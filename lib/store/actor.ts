import 'server-only';

/**
 * Who made a write: a person's id and the name they had then (kept as written, so the history still
 * names a member who was renamed or removed), or no id for the open demo's visitor and the worker.
 * lib/server/auth/actor.ts makes one from the signed-in person.
 */
export interface Actor {
  id: string | null;
  name: string;
}

/** The actor columns of an audit entry or a bulk action row. */
export const actorColumns = (actor: Actor) => ({ actor_id: actor.id, actor_name: actor.name });

export const actorOfRow = (row: { actor_id: string | null; actor_name: string }): Actor => ({
  id: row.actor_id,
  name: row.actor_name,
});
