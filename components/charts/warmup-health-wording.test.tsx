import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChartPoint } from '@/lib/schemas/api-account-detail';
import { CampaignSendsTable } from './campaign-sends-table';
import { settingSeriesName } from './chart-theme';
import { WarmupHealthTable } from './warmup-health-table';
import { WarmupHealthTooltip } from './warmup-health-tooltip';

// The account's chart tooltip and data table say which kind of empty a setting is: not set on the
// account (Instantly's default) once a read is in force, not read yet before it; never a dash or 0.

function day(date: string, values: Partial<ChartPoint>): ChartPoint {
  return {
    date,
    warmupSent: 10,
    inbox: 9,
    spam: 1,
    health: 90,
    health7d: 90,
    dailyLimit: null,
    sendingGap: null,
    warmupLimit: null,
    settingsState: 'read',
    campaignSent: 3,
    bounced: 0,
    markers: [],
    ...values,
  };
}

afterEach(cleanup);

const notRead = day('2026-03-01', { settingsState: 'not-read' });
const notSet = day('2026-03-02', { settingsState: 'read' });
const set = day('2026-03-03', { settingsState: 'read', dailyLimit: 40, sendingGap: 0, warmupLimit: 20 });

/** The tooltip's value for a row name. */
function tooltipValue(name: string): string | null {
  const term = screen.getByText(name, { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? null;
}

describe('WarmupHealthTooltip', () => {
  it('a read day with empty settings says not set (Instantly’s default)', () => {
    render(<WarmupHealthTooltip active payload={[{ payload: notSet }]} markers={[]} />);
    expect(tooltipValue('Daily limit')).toBe("not set (Instantly's default)");
    expect(tooltipValue('Sending gap')).toBe("not set (Instantly's default)");
    expect(tooltipValue('Warmup limit')).toBe("not set (Instantly's default)");
  });

  it('a day before the first read says not read yet', () => {
    render(<WarmupHealthTooltip active payload={[{ payload: notRead }]} markers={[]} />);
    expect(tooltipValue('Daily limit')).toBe('not read yet');
    expect(tooltipValue('Sending gap')).toBe('not read yet');
  });

  it('known values are numbers with their unit, a zero gap included', () => {
    render(<WarmupHealthTooltip active payload={[{ payload: set }]} markers={[]} />);
    expect(tooltipValue('Daily limit')).toBe('40');
    expect(tooltipValue('Sending gap')).toBe('0 min');
    expect(tooltipValue('Warmup limit')).toBe('20');
  });
});

describe('chart data tables', () => {
  it('the warmup table names each kind of empty setting per day', () => {
    render(<WarmupHealthTable points={[notRead, notSet, set]} markers={[]} />);
    const rows = screen.getAllByRole('row').slice(1);
    const cells = (i: number, header: string) => {
      const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
      const row = rows[i];
      if (!row) throw new Error(`no row ${i}`);
      return within(row).getAllByRole('cell')[headers.indexOf(header)]?.textContent;
    };
    expect(rows).toHaveLength(3);
    expect([cells(0, 'Daily limit'), cells(0, 'Sending gap (min)')]).toEqual([
      'not read yet',
      'not read yet',
    ]);
    expect([cells(1, 'Daily limit'), cells(1, 'Sending gap (min)')]).toEqual([
      "not set (Instantly's default)",
      "not set (Instantly's default)",
    ]);
    expect([cells(2, 'Daily limit'), cells(2, 'Sending gap (min)')]).toEqual(['40', '0']);
  });

  it('the campaign table says the same of the daily limit', () => {
    render(<CampaignSendsTable points={[notRead, notSet]} />);
    const table = screen.getByRole('table');
    expect(within(table).queryAllByText('not read yet')).toHaveLength(1);
    expect(within(table).queryAllByText("not set (Instantly's default)")).toHaveLength(1);
    expect(within(table).queryByText('–')).toBeNull();
  });
});

describe('settings line names', () => {
  it('a line with nothing to draw says why in the legend; a drawn one keeps its label', () => {
    expect(settingSeriesName([notRead, notSet], 'dailyLimit', 'Daily limit')).toBe(
      "Daily limit: not set (Instantly's default)",
    );
    expect(settingSeriesName([notRead], 'sendingGap', 'Sending gap')).toBe('Sending gap: not read yet');
    expect(settingSeriesName([notRead, notSet, set], 'dailyLimit', 'Daily limit')).toBe('Daily limit');
  });
});
