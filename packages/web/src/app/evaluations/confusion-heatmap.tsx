import { useTranslation } from 'react-i18next';
import type { ClassificationReport } from '@laoshi/core';

/** A blue from white (share 0) to deep (share 1), with the text colour that stays readable on it. */
export function heatColor(share: number): { background: string; color: string } {
  const s = Math.max(0, Math.min(1, share));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * s);
  return { background: `rgb(${mix(247, 8)}, ${mix(251, 69)}, ${mix(255, 148)})`, color: s > 0.5 ? '#ffffff' : '#1c2024' };
}

/**
 * The confusion matrix as a heat map: rows are the reference, columns the prediction; a cell's
 * shade is its share of its row (so a row reads as that label's recall and its confusions). A
 * table rather than a picture: screen readers and keyboard users read every count.
 */
export function ConfusionHeatmap({ report }: { report: ClassificationReport }) {
  const { t } = useTranslation();
  const { labels, confusion } = report;
  return (
    <div className="table-scroll">
      <table className="table confusion-heatmap" data-testid="confusion-heatmap">
        <caption className="small muted">{t('evaluations.report.confusionCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluations.report.truthPredicted')}</th>
            {labels.map((l) => (
              <th key={l} scope="col">{l}</th>
            ))}
            <th scope="col">{t('evaluations.report.support')}</th>
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0);
            const truth = labels[i] ?? '';
            return (
              <tr key={truth}>
                <th scope="row">{truth}</th>
                {row.map((n, j) => {
                  const share = total ? n / total : 0;
                  const predicted = labels[j] ?? '';
                  return (
                    <td
                      key={predicted}
                      className={`num cell${i === j ? ' diagonal' : ''}`}
                      style={heatColor(share)}
                      title={t('evaluations.report.cellTitle', { truth, predicted, n, share: (share * 100).toFixed(1) })}
                      data-testid="confusion-cell"
                      data-truth={truth}
                      data-predicted={predicted}
                      data-count={n}
                      data-share={share.toFixed(4)}
                    >
                      <span className="count">{n}</span>
                      {total ? <span className="share">{`${(share * 100).toFixed(0)}%`}</span> : null}
                    </td>
                  );
                })}
                <td className="num">{total}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
