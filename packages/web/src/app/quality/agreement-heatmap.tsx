import { useTranslation } from 'react-i18next';
import type { AgreementReport } from './quality-types.js';
import { agreementColor } from './agreement-options.js';

const CELL = 44;
const LEFT = 130;
// Column names are written slanted above the cells; they need room above and to the right.
const TOP = 96;
const RIGHT = 90;

/** Pairwise agreement of the annotators as a heatmap drawn in SVG (the diagonal and pairs without shared tasks are grey). */
export function AgreementHeatmap({ matrix }: { matrix: AgreementReport['matrix'] }) {
  const { t } = useTranslation();
  const n = matrix.annotators.length;
  if (n < 2) return <p className="muted">{t('quality.agreement.noPairs')}</p>;
  const name = (i: number) => {
    const a = matrix.annotators[i]!;
    const text = a.name || a.email || `#${a.id}`;
    return text.length > 18 ? `${text.slice(0, 17)}…` : text;
  };
  const width = LEFT + n * CELL + RIGHT;
  const height = TOP + n * CELL;
  return (
    <svg className="heatmap" viewBox={`0 0 ${width} ${height}`} width={Math.min(width, 680)} role="img" aria-label={t('quality.agreement.heatmap')} data-testid="agreement-heatmap">
      {matrix.annotators.map((_, i) => (
        <g key={i}>
          <text x={LEFT - 6} y={TOP + i * CELL + CELL / 2 + 4} textAnchor="end" fontSize="11" fill="#60646c">{name(i)}</text>
          <text transform={`translate(${LEFT + i * CELL + CELL / 2 + 4}, ${TOP - 6}) rotate(-45)`} fontSize="11" fill="#60646c">{name(i)}</text>
        </g>
      ))}
      {matrix.values.map((row, i) =>
        row.map((value, j) => (
          <g key={`${i}-${j}`} data-testid="heatmap-cell" data-row={matrix.annotators[i]!.id} data-col={matrix.annotators[j]!.id} data-value={value === null ? '' : String(value)}>
            <rect x={LEFT + j * CELL} y={TOP + i * CELL} width={CELL - 2} height={CELL - 2} rx="3" fill={agreementColor(i === j ? null : value)}>
              <title>{`${name(i)} × ${name(j)}: ${value === null ? '—' : value.toFixed(3)}`}</title>
            </rect>
            {i !== j && value !== null ? (
              <text x={LEFT + j * CELL + (CELL - 2) / 2} y={TOP + i * CELL + CELL / 2 + 3} textAnchor="middle" fontSize="11" fill="#1c2024">{value.toFixed(2)}</text>
            ) : null}
          </g>
        )),
      )}
    </svg>
  );
}
