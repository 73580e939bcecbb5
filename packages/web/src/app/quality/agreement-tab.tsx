import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useProject } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { AgreementHeatmap } from './agreement-heatmap.js';
import { agreementColor, agreementSearch, measurableControls, type AgreementQuery } from './agreement-options.js';
import { ConsensusPanel } from './consensus-panel.js';
import type { AgreementReport } from './quality-types.js';
import { fixed, percent } from './region-names.js';
import './quality.css';

/** The Agreement tab: pick a control and a metric; the overall value, per label, per pair (heatmap) and the most disagreed tasks. */
export function AgreementTab() {
  const { t } = useTranslation();
  const api = useApi();
  const { project } = useProject();
  const controls = useMemo(() => measurableControls(project.labelConfig), [project.labelConfig]);
  const first = controls[0];
  const [query, setQuery] = useState<AgreementQuery>({ fromName: first?.name ?? '', metric: first?.metrics[0] ?? '', level: 'nominal', weights: '', threshold: '0.5', spanMatch: 'exact' });
  const control = controls.find((c) => c.name === query.fromName) ?? first;
  const search = agreementSearch(query);
  const report = useAsync((signal) => (control ? api.get<AgreementReport>(`/api/projects/${project.id}/agreement?${search}`, { signal }) : Promise.resolve(null)), [api, project.id, search]);
  const names = new Map(report.data?.matrix.annotators.map((a) => [a.id, a.name || a.email]) ?? []);
  const set = (patch: Partial<AgreementQuery>) => setQuery((q) => ({ ...q, ...patch }));

  if (project.role === 'annotator') return <p className="muted">{t('quality.reviewersOnly')}</p>;
  if (!control) return <p className="muted">{t('quality.agreement.nothingToMeasure')}</p>;
  const r = report.data;
  return (
    <div className="quality-tab agreement-tab" data-testid="agreement-tab">
      <div className="filters">
        <label>
          {t('quality.agreement.control')}
          <select value={control.name} onChange={(e) => set({ fromName: e.target.value, metric: controls.find((c) => c.name === e.target.value)?.metrics[0] ?? '' })} data-testid="agreement-control">
            {controls.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.type})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('quality.agreement.metric')}
          <select value={query.metric} onChange={(e) => set({ metric: e.target.value })} data-testid="agreement-metric">
            {control.metrics.map((m) => (
              <option key={m} value={m}>
                {t(`quality.metrics.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {query.metric === 'krippendorff' ? (
          <label>
            {t('quality.agreement.level')}
            <select value={query.level} onChange={(e) => set({ level: e.target.value })} data-testid="agreement-level">
              {['nominal', 'ordinal', 'interval', 'ratio'].map((l) => (
                <option key={l} value={l}>
                  {t(`quality.levels.${l}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {query.metric === 'cohen' ? (
          <label>
            {t('quality.agreement.weights')}
            <select value={query.weights} onChange={(e) => set({ weights: e.target.value })}>
              <option value="">{t('quality.weights.none')}</option>
              <option value="linear">{t('quality.weights.linear')}</option>
              <option value="quadratic">{t('quality.weights.quadratic')}</option>
            </select>
          </label>
        ) : null}
        {query.metric === 'region-f1' ? (
          <label>
            {t('quality.agreement.threshold')}
            <input type="number" min={0.05} max={1} step={0.05} value={query.threshold} onChange={(e) => set({ threshold: e.target.value })} />
          </label>
        ) : null}
        {query.metric === 'span-f1' ? (
          <label>
            {t('quality.agreement.spanMatch')}
            <select value={query.spanMatch} onChange={(e) => set({ spanMatch: e.target.value })}>
              <option value="exact">{t('quality.spanMatch.exact')}</option>
              <option value="overlap">{t('quality.spanMatch.overlap')}</option>
            </select>
          </label>
        ) : null}
      </div>
      <ErrorText error={report.error} />
      {report.loading && !r ? <p className="muted">{t('quality.loading')}</p> : null}
      {r ? (
        <>
          <div className="stats">
            <div className="stat card">
              <span className="stat-value" data-testid="agreement-value" data-value={r.value === null ? '' : String(r.value)}>
                {fixed(r.value)}
              </span>
              <span className="stat-label">{t(`quality.metrics.${r.metric}`)}</span>
            </div>
            <div className="stat card">
              <span className="stat-value" data-testid="agreement-items">{r.items}</span>
              <span className="stat-label">{t('quality.agreement.items')}</span>
            </div>
            <div className="stat card">
              <span className="stat-value">{r.raters}</span>
              <span className="stat-label">{t('quality.agreement.raters')}</span>
            </div>
            <div className="stat card">
              <span className="stat-value">{r.pairable}</span>
              <span className="stat-label">{t('quality.agreement.pairable')}</span>
            </div>
          </div>
          {r.note ? <p className="muted small" data-testid="agreement-note">{r.note}</p> : null}
          <div className="agreement-grid">
            <section className="card">
              <h2>{t('quality.agreement.perLabel')}</h2>
              {r.perLabel.length === 0 ? (
                <p className="muted">{t('quality.agreement.noLabels')}</p>
              ) : (
                <table className="table" data-testid="agreement-per-label">
                  <thead>
                    <tr>
                      <th>{t('quality.agreement.label')}</th>
                      <th>{t('quality.agreement.value')}</th>
                      <th>{t('quality.agreement.support')}</th>
                      <th aria-hidden="true" />
                    </tr>
                  </thead>
                  <tbody>
                    {r.perLabel.map((l) => (
                      <tr key={String(l.label)} data-testid="per-label-row" data-label={String(l.label)} data-value={l.value === null ? '' : String(l.value)}>
                        <td>{String(l.label)}</td>
                        <td className="num">{fixed(l.value)}</td>
                        <td className="num">{l.support}</td>
                        <td className="bar-cell">
                          <div className="meter" style={{ width: `${Math.max(0, Math.min(1, l.value ?? 0)) * 100}%`, background: agreementColor(l.value) }} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="card">
              <h2>{t('quality.agreement.pairs')}</h2>
              <AgreementHeatmap matrix={r.matrix} />
            </section>
          </div>
          <section className="card">
            <h2>{t('quality.agreement.disagreements')}</h2>
            {r.disagreements.length === 0 ? (
              <p className="muted" data-testid="no-disagreements">{t('quality.agreement.noDisagreements')}</p>
            ) : (
              <table className="table" data-testid="agreement-disagreements">
                <thead>
                  <tr>
                    <th>{t('quality.agreement.task')}</th>
                    <th>{t('quality.agreement.disagreement')}</th>
                    <th>{t('quality.agreement.annotators')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {r.disagreements.map((d) => (
                    <tr key={d.taskId} data-testid="disagreement-row" data-task-id={d.taskId}>
                      <td className="num">#{d.taskId}</td>
                      <td>
                        <span className="num-inline">{percent(d.disagreement, 0)}</span>
                        <div className="meter bad" style={{ width: `${d.disagreement * 100}%` }} />
                      </td>
                      <td>{d.annotators.map((id) => names.get(id) ?? `#${id}`).join(', ')}</td>
                      <td>
                        <Link to={`/projects/${project.id}/adjudicate/${d.taskId}`} data-testid="adjudicate-link">
                          {t('quality.agreement.adjudicate')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      ) : null}
      {project.role === 'manager' ? <ConsensusPanel projectId={project.id} /> : null}
    </div>
  );
}
