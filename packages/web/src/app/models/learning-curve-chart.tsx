import { useTranslation } from 'react-i18next';
import type { CurvePoint } from './model-types.js';

const W = 420;
const H = 180;
const PAD = { left: 36, right: 10, top: 10, bottom: 24 };

const SERIES = [
  { key: 'trainAccuracy', color: '#2563eb', dash: '' },
  { key: 'validationAccuracy', color: '#16a34a', dash: '' },
  { key: 'trainLoss', color: '#2563eb', dash: '4 3' },
  { key: 'validationLoss', color: '#16a34a', dash: '4 3' },
] as const;

/**
 * The learning curve as a small SVG chart: accuracy (solid) and loss (dashed) per epoch, train in
 * blue, validation in green. Drawn by hand: a chart library would cost more than these lines.
 */
export function LearningCurveChart({ curve, epochs }: { curve: readonly CurvePoint[]; epochs?: number }) {
  const { t } = useTranslation();
  if (curve.length === 0) return null;
  const lastEpoch = Math.max(epochs ?? 0, ...curve.map((p) => p.epoch));
  const firstEpoch = curve[0]!.epoch;
  const maxY = Math.max(1, ...curve.flatMap((p) => [p.trainLoss ?? 0, p.validationLoss ?? 0]));
  const x = (epoch: number) => PAD.left + ((epoch - firstEpoch) / Math.max(1, lastEpoch - firstEpoch)) * (W - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - value / maxY) * (H - PAD.top - PAD.bottom);
  const ticks = [0, maxY / 2, maxY];
  return (
    <figure className="learning-curve" data-testid="learning-curve">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('models.train.curve')}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#e5e7eb" />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" fontSize="10" fill="#6b7280">{v.toFixed(1)}</text>
          </g>
        ))}
        <text x={PAD.left} y={H - 6} fontSize="10" fill="#6b7280">{t('models.train.epoch')} {firstEpoch}</text>
        <text x={W - PAD.right} y={H - 6} fontSize="10" fill="#6b7280" textAnchor="end">{lastEpoch}</text>
        {SERIES.map((s) => {
          const points = curve.flatMap((p) => (p[s.key] === null ? [] : [`${x(p.epoch).toFixed(1)},${y(p[s.key] as number).toFixed(1)}`]));
          return points.length ? <polyline key={s.key} points={points.join(' ')} fill="none" stroke={s.color} strokeDasharray={s.dash} strokeWidth="2" /> : null;
        })}
      </svg>
      <figcaption className="small muted">
        {SERIES.map((s) => (
          <span key={s.key} className="legend">
            <svg width="18" height="8" aria-hidden="true">
              <line x1="0" x2="18" y1="4" y2="4" stroke={s.color} strokeDasharray={s.dash} strokeWidth="2" />
            </svg>
            {t(`models.train.series.${s.key}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
