import { useTranslation } from 'react-i18next';
import type { EvaluationSlices } from '@laoshi/core';
import { fmtMetric } from './evaluation-types.js';

const ROW = 24;
const LABEL = 120;
const WIDTH = 440;
const VALUE = 60;

/** A slice's name as shown: its value, or "(no value)" for tasks without the field. */
export function sliceName(value: string | null, noValue: string): string {
  return value === null ? noValue : value;
}

/**
 * One metric across the slices as horizontal bars on a 0..1 scale, with the gap between the best
 * and the worst slice (among those with enough items) called out above the chart; the best bar is
 * green, the worst red, slices below the minimum support grey.
 */
export function SliceBars({ slices, metric, metricLabel }: { slices: EvaluationSlices; metric: string; metricLabel: string }) {
  const { t } = useTranslation();
  const noValue = t('evaluations.report.noValue');
  const gap = slices.gaps[metric] ?? null;
  const height = Math.max(1, slices.slices.length) * ROW + 4;
  const span = WIDTH - LABEL - VALUE;
  return (
    <figure className="slice-bars" data-testid="slice-bars" data-metric={metric}>
      <figcaption>
        <strong>{metricLabel}</strong>
        {gap ? (
          <span className="gap-callout" data-testid="slice-gap" data-gap={gap.gap}>
            {t('evaluations.report.gap', { gap: fmtMetric(gap.gap), best: sliceName(gap.best, noValue), worst: sliceName(gap.worst, noValue) })}
          </span>
        ) : (
          <span className="muted small"> {t('evaluations.report.noGap')}</span>
        )}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} role="img" aria-label={metricLabel}>
        <line x1={LABEL} x2={LABEL} y1={0} y2={height} stroke="#d0d3d9" />
        {slices.slices.map((s, i) => {
          const value = s.headline[metric] ?? null;
          const ok = value !== null && value >= 0 && Number.isFinite(value);
          const w = ok ? Math.max(1, Math.min(1, value) * span) : 0;
          const small = s.items < slices.minSupport;
          const role = gap && !small ? (s.value === gap.best ? 'best' : s.value === gap.worst ? 'worst' : '') : '';
          const fill = small ? '#c4c8cf' : role === 'best' ? '#30a46c' : role === 'worst' ? '#e5484d' : '#0d74ce';
          const name = sliceName(s.value, noValue);
          const top = i * ROW + 2;
          return (
            <g key={`${s.value ?? '\u0000'}`} data-testid="slice-bar" data-slice={name} data-value={ok ? String(value) : ''} data-role={role || (small ? 'small' : '')}>
              <text x={LABEL - 6} y={top + ROW / 2 + 3} textAnchor="end" fontSize="11" fill="#60646c">
                {name.length > 18 ? `${name.slice(0, 17)}…` : name}
              </text>
              <rect x={LABEL} y={top + 4} width={w} height={ROW - 9} rx="2" fill={fill}>
                <title>{`${name}: ${fmtMetric(value)} (${t('evaluations.report.itemsCount', { count: s.items })})`}</title>
              </rect>
              <text x={LABEL + w + 5} y={top + ROW / 2 + 3} fontSize="11" fill="#1c2024">
                {fmtMetric(value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
