/** One bar: a person (or label) and a value; null draws no bar. */
export interface Bar {
  key: string | number;
  label: string;
  value: number | null;
}

const ROW = 22;
const LABEL = 150;
const WIDTH = 520;

/**
 * A horizontal bar chart in SVG, one row per bar, scaled to the largest value (or to `max`).
 * Drawn by hand: a chart library would cost more than these lines.
 */
export function BarChart({ bars, format, max, title, testId }: { bars: readonly Bar[]; format(value: number): string; max?: number; title: string; testId?: string }) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value ?? 0));
  const span = WIDTH - LABEL - 90;
  const height = Math.max(ROW, bars.length * ROW) + 4;
  return (
    <figure className="bar-chart" data-testid={testId}>
      <figcaption className="small muted">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title}>
        {bars.map((b, i) => {
          const w = b.value !== null && top > 0 ? Math.max(1, (Math.max(0, b.value) / top) * span) : 0;
          const y = i * ROW + 2;
          return (
            <g key={b.key} data-testid="bar" data-label={b.label} data-value={b.value === null ? '' : String(b.value)}>
              <text x={LABEL - 6} y={y + ROW / 2 + 2} textAnchor="end" fontSize="11" fill="#60646c">{b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}</text>
              <rect x={LABEL} y={y + 3} width={w} height={ROW - 8} rx="2" fill="#0d74ce" />
              <text x={LABEL + w + 5} y={y + ROW / 2 + 2} fontSize="11" fill="#1c2024">{b.value === null ? '—' : format(b.value)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
