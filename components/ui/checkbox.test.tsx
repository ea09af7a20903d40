import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checkbox } from './checkbox';
import { Progress } from './progress';

afterEach(cleanup);

describe('Checkbox', () => {
  it('shows the mixed state through the DOM property, and clears it when checked', () => {
    const { rerender } = render(<Checkbox aria-label="All" checked="indeterminate" onChange={() => {}} />);
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'All' });
    expect(box.indeterminate).toBe(true);
    expect(box.checked).toBe(false);

    rerender(<Checkbox aria-label="All" checked onChange={() => {}} />);
    expect(box.indeterminate).toBe(false);
    expect(box.checked).toBe(true);
  });

  it('passes its props, aria and ref to the input', () => {
    const ref = createRef<HTMLInputElement>();
    const onChange = vi.fn();
    render(
      <Checkbox ref={ref} id="c" name="limit" aria-describedby="note" disabled={false} onChange={onChange} />,
    );
    const box = screen.getByRole<HTMLInputElement>('checkbox');
    expect(ref.current).toBe(box);
    expect(box.name).toBe('limit');
    expect(box.getAttribute('aria-describedby')).toBe('note');
    fireEvent.click(box);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(box.checked).toBe(true);
  });
});

describe('Progress', () => {
  it('is a labelled progressbar with its value clamped to 0..100', () => {
    render(<Progress value={140.4} label="Progress of Pause" />);
    const bar = screen.getByRole('progressbar', { name: 'Progress of Pause' });
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(bar.getAttribute('aria-valuetext')).toBe('100%');
  });

  it('says what the caller gives as the value text', () => {
    render(<Progress value={42.6} label="Sync" valueText="43%: 3 done" />);
    const bar = screen.getByRole('progressbar', { name: 'Sync' });
    expect(bar.getAttribute('aria-valuenow')).toBe('43');
    expect(bar.getAttribute('aria-valuetext')).toBe('43%: 3 done');
  });
});
