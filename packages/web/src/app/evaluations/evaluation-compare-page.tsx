import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { EvaluationRunReport } from '@laoshi/core';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { fmtDelta, fmtMetric, headlineKeys, metricLabel, type EvaluationRunDetail } from './evaluation-types.js';
import { PALETTE, PrChart, type PrSeries } from './pr-chart.js';
import { curvesOf, perLabelMetric, unionKeys } from './report-series.js';
import { HeadlineCards } from './report-view.js';
import { RunMeta } from './run-meta.js';
import './evaluations.css';

const ALL = '\u0000all';

/** A change as a class: better (green), worse (red) or none; for a gap between slices, lower is better. */
function deltaClass(a: number | null | undefined, b: number | null | undefined, lowerIsBetter: boolean): string {
  if (a === null || a === undefined || b === null || b === undefined || a === -1 || b === -1 || Math.abs(b - a) < 0.0005) return 'delta';
  return b > a !== lowerIsBetter ? 'delta better' : 'delta worse';
}

function DeltaRow({ name, a, b, testId, lowerIsBetter = false }: { name: string; a: number | null | undefined; b: number | null | undefined; testId: string; lowerIsBetter?: boolean }) {
  return (
    <tr data-testid={testId} data-label={name}>
      <th scope="row">{name}</th>
      <td className="num">{fmtMetric(a)}</td>
      <td className="num">{fmtMetric(b)}</td>
      <td className={`num ${deltaClass(a, b, lowerIsBetter)}`}>{fmtDelta(a, b)}</td>
    </tr>
  );
}

function DeltaHead({ first }: { first: string }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">A</th>
        <th scope="col">B</th>
        <th scope="col">{t('evaluations.compareView.delta')}</th>
      </tr>
    </thead>
  );
}

/** Both runs' PR curves on one chart: A solid, B dashed, one colour per label. */
function OverlaidCurves({ a, b }: { a: EvaluationRunReport; b: EvaluationRunReport }) {
  const { t } = useTranslation();
  const [ca, cb] = [curvesOf(a), curvesOf(b)];
  const labels = unionKeys(ca, cb);
  const [pick, setPick] = useState(ALL);
  if (labels.length === 0) return <p className="muted small">{t('evaluations.report.noCurves')}</p>;
  const shown = pick === ALL ? labels : labels.filter((l) => l === pick);
  const series: PrSeries[] = shown.flatMap((label) => {
    const color = PALETTE[labels.indexOf(label) % PALETTE.length]!;
    return [
      ...(ca[label] ? [{ key: `a:${label}`, label: `A · ${label}`, curve: ca[label], color }] : []),
      ...(cb[label] ? [{ key: `b:${label}`, label: `B · ${label}`, curve: cb[label], color, dash: '5 3' }] : []),
    ];
  });
  return (
    <div>
      <label className="inline small">
        {t('evaluations.compareView.curveLabel')}
        <select value={pick} onChange={(e) => setPick(e.target.value)} data-testid="compare-curve-label">
          <option value={ALL}>{t('evaluations.compareView.allLabels')}</option>
          {labels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <PrChart key={pick} series={series} title={t('evaluations.compareView.curvesTitle')} testId="compare-pr-chart" />
    </div>
  );
}

/** /projects/:projectId/evaluations/compare?a=&b= — two runs side by side: headline deltas, per-label deltas, slice gaps and overlaid PR curves. */
export function EvaluationComparePage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const projectId = Number(useParams().projectId);
  const [search] = useSearchParams();
  const [idA, idB] = [Number(search.get('a')), Number(search.get('b'))];
  const valid = Number.isInteger(idA) && idA > 0 && Number.isInteger(idB) && idB > 0;
  const { data, error } = useAsync(
    (signal) => (valid ? Promise.all([idA, idB].map((id) => api.get<EvaluationRunDetail>(`/api/evaluations/${id}`, { signal }))) : Promise.resolve(null)),
    [api, idA, idB, valid],
  );
  const [runA, runB] = data ?? [];
  const ra = runA?.report ?? null;
  const rb = runB?.report ?? null;
  const labelsA = ra ? perLabelMetric(ra) : null;
  const labelsB = rb ? perLabelMetric(rb) : null;
  // The HTML comparison takes runs of one kind (segmentation counts as detection).
  const family = (kind: string | undefined) => (kind === 'segmentation' ? 'detection' : kind);
  const sameFamily = !runA || !runB || family(runA.kind) === family(runB.kind);
  const gapKeys = ra?.slices && rb?.slices ? unionKeys(ra.slices.gaps, rb.slices.gaps) : [];
  return (
    <div className="evaluation-page compare-page" data-testid="evaluation-compare-page">
      <Link to={`/projects/${projectId}/models`} className="muted small-link">
        ← {t('evaluations.backToModels')}
      </Link>
      <div className="page-head">
        <h2>{t('evaluations.compareView.title')}</h2>
        {valid && sameFamily ? (
          <a className="button" href={`/api/projects/${projectId}/evaluations/compare.html?ids=${idA},${idB}&lang=${encodeURIComponent(i18n.language)}`} download data-testid="download-compare-html">
            {t('evaluations.downloadHtml')}
          </a>
        ) : null}
      </div>
      {!valid ? <p className="error">{t('evaluations.compareView.pickTwo')}</p> : null}
      <ErrorText error={error} />
      {valid && !data && !error ? <p className="muted">{t('evaluations.loading')}</p> : null}
      {runA && runB ? (
        <>
          {runA.kind !== runB.kind || runA.fromName !== runB.fromName ? <p className="banner warn">{t('evaluations.compareView.different')}</p> : null}
          <div className="compare-columns">
            {([['A', runA], ['B', runB]] as const).map(([tag, run]) => (
              <div key={tag} className="compare-column" data-testid={`compare-${tag}`}>
                <h3>
                  <span className="run-tag">{tag}</span>
                  <Link to={`/projects/${projectId}/evaluations/${run.id}`}>{run.name}</Link>
                </h3>
                <RunMeta run={run} />
                {run.report ? <HeadlineCards report={run.report} /> : <p className="muted">{t(`evaluations.status.${run.status}`)}</p>}
              </div>
            ))}
          </div>
          {ra && rb ? (
            <div className="compare-body">
              <div>
                <h3>{t('evaluations.compareView.headline')}</h3>
                <table className="table compare-table" data-testid="compare-headline">
                  <DeltaHead first={t('evaluations.compareView.metric')} />
                  <tbody>
                    {[...new Set([...headlineKeys(ra.kind, ra.headline), ...headlineKeys(rb.kind, rb.headline)])].map((key) => (
                      <DeltaRow key={key} name={metricLabel(t, key)} a={ra.headline[key]} b={rb.headline[key]} testId="compare-headline-row" />
                    ))}
                  </tbody>
                </table>
                {labelsA && labelsB ? (
                  <>
                    <h3>{t('evaluations.compareView.perLabel', { metric: metricLabel(t, labelsA.metric) })}</h3>
                    <div className="table-scroll">
                      <table className="table compare-table" data-testid="compare-per-label">
                        <DeltaHead first={t('evaluations.report.label')} />
                        <tbody>
                          {unionKeys(labelsA.values, labelsB.values).map((label) => (
                            <DeltaRow key={label} name={label} a={labelsA.values[label]} b={labelsB.values[label]} testId="compare-label-row" />
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                ) : null}
                {gapKeys.length ? (
                  <>
                    <h3>{t('evaluations.compareView.gaps')}</h3>
                    <table className="table compare-table" data-testid="compare-gaps">
                      <DeltaHead first={t('evaluations.compareView.metric')} />
                      <tbody>
                        {gapKeys.map((key) => (
                          <DeltaRow key={key} name={metricLabel(t, key)} a={ra.slices?.gaps[key]?.gap} b={rb.slices?.gaps[key]?.gap} testId="compare-gap-row" lowerIsBetter />
                        ))}
                      </tbody>
                    </table>
                    <p className="muted small">{t('evaluations.compareView.gapsHelp')}</p>
                  </>
                ) : null}
              </div>
              <div>
                <h3>{t('evaluations.report.prCurves')}</h3>
                <OverlaidCurves a={ra} b={rb} />
              </div>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
