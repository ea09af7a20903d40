import { describe, expect, it } from 'vitest';
import { DEMO_VISITOR, actorOf } from './actor';
import type { Person } from './person';

const ana: Person = {
  id: 'p_ana',
  email: 'ana@agency.test',
  name: 'Ana Lima',
  role: 'operator',
  workspaceIds: null,
};

describe('actorOf', () => {
  it('is the demo visitor while nobody has registered', () => {
    expect(actorOf(null)).toEqual({ id: null, name: 'Demo visitor' });
    expect(actorOf(null)).toBe(DEMO_VISITOR);
  });

  it('names the signed-in person, by their address when they gave no name', () => {
    expect(actorOf(ana)).toEqual({ id: 'p_ana', name: 'Ana Lima' });
    expect(actorOf({ ...ana, name: '  ' })).toEqual({ id: 'p_ana', name: 'ana@agency.test' });
  });
});
