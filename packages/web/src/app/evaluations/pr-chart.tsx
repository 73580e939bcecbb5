import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrCurve } from '@laoshi/core';

const W = 440;
const H = 300;
const PAD = { left: 40, right: 12, top: 24, bottom: 34 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** Tableau 10: distinct, readable on white, and friendly to the common colour-vision deficiencies. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export interface PrSeries {
  key: string;
  /** Shown in the legend (data: rendered as text). */
  label: string;
  curve: PrCurve;
  color: string;
  dash?: string;
}

const x = (recall: number) => PAD.left + recall * (W - PAD.left - PAD.right);
const y = (precision: number) => PAD.top + (1 - precision) * (H - PAD.top - PAD.bottom);

/** The curve's points with recall ascending (scikit-learn's order is the reverse). */
function ascending(curve: PrCurve): [number, number][] {
  const points = curve.recall.map((r, i) => [r, curve.precision[i] ?? 0] as [number, number]).filter(([r, p]) => Number.isFinite(r) && Number.isFinite(p) && p >= 0);
  return points.length > 1 && points[0]![0] > points[points.length - 1]![0] ? points.reverse() : points;
}

/**
 * Precision–recall curves in one SVG, recall on x and precision on y (both 0..1). The legend's
 * buttons hide and show a series (keyboard: Tab and Space). Drawn by hand like the app's other
 * charts (learning curve, agreement heat map): a chart library would cost more than these lines.
 */
export function PrChart({ series, title, testId }: { series: readonly PrSeries[]; title: string; testId?: string }) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  if (series.length === 0) return <p className="muted small">{t('evaluations.report.noCurves')}</p>;
  return (
    <figure className="pr-chart" data-testid={testId}>
      <figcaption className="small muted">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={title}>
        {TICKS.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e5e7eb" />
            <line x1={x(v)} x2={x(v)} y1={PAD.top} y2={H - PAD.bottom} stroke="#f0f1f3" />
            <text x={PAD.left - 5} y={y(v) + 4} textAnchor="end" fontSize="10" fill="#60646c">{v.toFixed(2)}</text>
            <text x={x(v)} y={H - PAD.bottom + 13} textAnchor="middle" fontSize="10" fill="#60646c">{v.toFixed(2)}</text>
          </g>
        ))}
        <text x={(PAD.left + W - PAD.right) / 2} y={H - 4} textAnchor="middle" fontSize="11" fill="#1c2024">{t('evaluations.report.recall')} →</text>
        {/* Written level above the axis rather than turned on its side: Chinese reads badly rotated. */}
        <text x={4} y={11} fontSize="11" fill="#1c2024">{t('evaluations.report.precision')} ↑</text>
        {series.map((s) => {
          if (hidden.has(s.key)) return null;
          const points = ascending(s.curve);
          if (points.length === 0) return null;
          return (
            <polyline
              key={s.key}
              data-testid="pr-series"
              data-label={s.label}
              data-points={points.length}
              points={points.map(([r, p]) => `${x(r).toFixed(1)},${y(p).toFixed(1)}`).join(' ')}
              fill="none"
              stroke={s.color}
              strokeDasharray={s.dash}
              strokeWidth="2"
              strokeLinejoin="round"
            >
              <title>{s.label}</title>
            </polyline>
          );
        })}
      </svg>
      <div className="chart-legend" role="group" aria-label={t('evaluations.report.legend')}>
        {series.map((s) => (
          <button
            key={s.key}
            type="button"
            className="legend-item small"
            aria-pressed={!hidden.has(s.key)}
            onClick={() => setHidden((h) => {
              const next = new Set(h);
              if (next.has(s.key)) next.delete(s.key);
              else next.add(s.key);
              return next;
            })}
          >
            <svg width="20" height="8" aria-hidden="true">
              <line x1="0" x2="20" y1="4" y2="4" stroke={s.color} strokeDasharray={s.dash} strokeWidth="2.5" />
            </svg>
            {s.label}
          </button>
        ))}
      </div>
    </figure>
  );
}
