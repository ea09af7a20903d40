import { cn } from '@/components/ui/cn';

/** Warmup score as a bar and a number. Colour thresholds follow Instantly's own ≥80 "healthy". */
export function ScoreBar({ score }: { score: number | null }) {
  if (score === null) return <span className="text-muted">–</span>;
  const clamped = Math.max(0, Math.min(100, score));
  const tone = clamped >= 80 ? 'bg-healthy' : clamped >= 50 ? 'bg-warning' : 'bg-error';
  return (
    <span className="flex items-center gap-2" title={`Warmup score ${clamped} of 100`}>
      <span aria-hidden className="h-1.5 w-14 overflow-hidden rounded-full bg-surface-raised">
        <span className={cn('block h-full rounded-full', tone)} style={{ width: `${clamped}%` }} />
      </span>
      <span className="w-7 text-right tabular-nums">{clamped}</span>
    </span>
  );
}
