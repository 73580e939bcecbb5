import { useTranslation } from 'react-i18next';
import type { EvaluationKind, EvaluationSlices } from '@laoshi/core';
import { fmtMetric, headlineKeys, metricLabel } from './evaluation-types.js';
import { SliceBars, sliceName } from './slice-bars.js';

/** Fairness slices (算法公平性): one bar chart per headline metric with its best–worst gap, then every slice in a table. */
export function SlicesSection({ slices, kind }: { slices: EvaluationSlices; kind: EvaluationKind }) {
  const { t } = useTranslation();
  const keys = headlineKeys(kind, slices.slices[0]?.headline);
  const noValue = t('evaluations.report.noValue');
  return (
    <section className="report-section" data-testid="slices-section">
      <h3>{t('evaluations.report.slicesBy', { field: slices.field })}</h3>
      <p className="muted small">{t('evaluations.report.minSupport', { count: slices.minSupport })}</p>
      <div className="slice-charts">
        {keys.map((key) => (
          <SliceBars key={key} slices={slices} metric={key} metricLabel={metricLabel(t, key)} />
        ))}
      </div>
      <div className="table-scroll">
        <table className="table" data-testid="slice-table">
          <thead>
            <tr>
              <th scope="col">{t('evaluations.report.slice')}</th>
              <th scope="col">{t('evaluations.report.items')}</th>
              {keys.map((key) => (
                <th key={key} scope="col">{metricLabel(t, key)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {slices.slices.map((s) => (
              <tr key={s.value ?? '\u0000'} data-testid="slice-row" data-slice={sliceName(s.value, noValue)} className={s.items < slices.minSupport ? 'muted' : undefined}>
                <th scope="row">
                  {sliceName(s.value, noValue)}
                  {s.items < slices.minSupport ? <span className="badge">{t('evaluations.report.belowSupport')}</span> : null}
                </th>
                <td className="num">{s.items}</td>
                {keys.map((key) => (
                  <td key={key} className="num">{fmtMetric(s.headline[key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
