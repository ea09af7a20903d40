import { describe, expect, it } from 'vitest';
import { type ChannelRouting, channelTakes, routeEvent } from './routing';
import { alertEvent } from './test-helpers';

const channel: ChannelRouting = {
  workspaceIds: ['w1'],
  severities: ['critical', 'warning'],
  digestHour: 8,
  timeZone: 'UTC',
  quietHours: { start: 22, end: 7 },
};
const noon = Date.parse('2026-12-02T12:00:00Z');
const night = Date.parse('2026-12-02T23:00:00Z');

describe('routing an event to a channel', () => {
  it('takes only the chosen workspaces and severities; every workspace when none are chosen', () => {
    expect(channelTakes(channel, alertEvent('a'))).toBe(true);
    expect(channelTakes(channel, alertEvent('b', { workspace: { id: 'w2', name: 'B' } }))).toBe(false);
    expect(
      channelTakes(
        { ...channel, workspaceIds: null },
        alertEvent('c', { workspace: { id: 'w9', name: 'Z' } }),
      ),
    ).toBe(true);
    expect(
      channelTakes({ ...channel, severities: ['critical'] }, alertEvent('d', { severity: 'warning' })),
    ).toBe(false);
    expect(
      channelTakes({ ...channel, severities: [], workspaceIds: [] }, alertEvent('t', { kind: 'test' })),
    ).toBe(true);
  });

  it('sends critical at once, but holds it until quiet hours end', () => {
    expect(routeEvent(channel, alertEvent('a'), noon)).toEqual({ mode: 'now', at: noon });
    expect(routeEvent(channel, alertEvent('a'), night)).toEqual({
      mode: 'now',
      at: Date.parse('2026-12-03T07:00:00Z'),
    });
  });

  it('puts warnings in the next digest, for the day that ends when it is sent', () => {
    expect(routeEvent(channel, alertEvent('w', { severity: 'warning' }), noon)).toEqual({
      mode: 'digest',
      at: Date.parse('2026-12-03T08:00:00Z'),
      day: '2026-12-02',
    });
  });

  it('delivers a recovery the way its alert was, whatever its own severity', () => {
    const recovered = alertEvent('r', { kind: 'recovered', severity: 'warning' });
    expect(routeEvent(channel, recovered, noon, 'now')).toEqual({ mode: 'now', at: noon });
    expect(routeEvent(channel, { ...recovered, severity: 'critical' }, noon, 'digest').mode).toBe('digest');
    expect(routeEvent(channel, recovered, noon, null).mode).toBe('digest');
  });

  it('sends a test at once, even in quiet hours', () => {
    expect(routeEvent(channel, alertEvent('t', { kind: 'test', severity: 'warning' }), night)).toEqual({
      mode: 'now',
      at: night,
    });
  });
});
