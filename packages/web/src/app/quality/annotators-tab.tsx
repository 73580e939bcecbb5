import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { BarChart, type Bar } from './bar-chart.js';
import { GoldPanel } from './gold-panel.js';
import type { AnnotatorActivity, AnnotatorStats } from './quality-types.js';
import { duration, fixed, percent } from './region-names.js';
import './quality.css';

interface Row extends AnnotatorStats {
  activity: AnnotatorActivity | undefined;
}

type ChartKey = 'tasksPerHour' | 'regionsPerHour' | 'activeHours' | 'firstPassAcceptanceRate' | 'rejectionRate' | 'goldAccuracy' | 'agreement' | 'consensusAgreement';
const CHARTS: ChartKey[] = ['tasksPerHour', 'regionsPerHour', 'activeHours', 'firstPassAcceptanceRate', 'rejectionRate', 'goldAccuracy', 'agreement', 'consensusAgreement'];
const SHARES: ChartKey[] = ['firstPassAcceptanceRate', 'rejectionRate', 'goldAccuracy'];

function chartValue(row: Row, key: ChartKey): number | null {
  if (key === 'tasksPerHour') return row.activity?.tasksPerHour ?? null;
  if (key === 'regionsPerHour') return row.activity?.regionsPerHour ?? null;
  if (key === 'activeHours') return row.activity ? row.activity.activeSeconds / 3600 : null;
  return row[key];
}

/** The Annotators tab (managers): speed and quality per person as a table and bar charts, regions per label, CSV for payroll, gold scores. */
export function AnnotatorsTab() {
  const { t } = useTranslation();
  const api = useApi();
  const { project } = useProject();
  const stats = useAsync((signal) => api.get<AnnotatorStats[]>(`/api/projects/${project.id}/annotator-stats`, { signal }), [api, project.id]);
  const activity = useAsync((signal) => api.get<{ idleGapSeconds: number; annotators: AnnotatorActivity[] }>(`/api/projects/${project.id}/annotator-activity`, { signal }), [api, project.id]);
  const [chart, setChart] = useState<ChartKey>('tasksPerHour');
  const rows = useMemo<Row[]>(() => (stats.data ?? []).map((s) => ({ ...s, activity: activity.data?.annotators.find((a) => a.userId === s.userId) })), [stats.data, activity.data]);
  const labels = useMemo(() => [...new Set(rows.flatMap((r) => r.activity?.labels.map((l) => l.label) ?? []))].sort(), [rows]);

  if (project.role !== 'manager') return <p className="muted">{t('quality.managersOnly')}</p>;
  const bars: Bar[] = rows.map((r) => ({ key: r.userId, label: r.name || r.email, value: chartValue(r, chart) }));
  const format = SHARES.includes(chart) ? (v: number) => percent(v, 0) : chart === 'agreement' || chart === 'consensusAgreement' ? (v: number) => fixed(v) : (v: number) => v.toLocaleString(undefined, { maximumFractionDigits: 1 });
  return (
    <div className="quality-tab annotators-tab" data-testid="annotators-tab">
      <div className="actions">
        <a className="button" href={`/api/projects/${project.id}/annotator-stats.csv`} download data-testid="stats-csv">
          {t('quality.annotators.csvStats')}
        </a>
        <a className="button" href={`/api/projects/${project.id}/annotator-activity.csv`} download data-testid="activity-csv">
          {t('quality.annotators.csvActivity')}
        </a>
        {activity.data ? <span className="small muted">{t('quality.annotators.idleNote', { minutes: activity.data.idleGapSeconds / 60 })}</span> : null}
      </div>
      <ErrorText error={stats.error ?? activity.error} />
      {stats.loading && !stats.data ? <p className="muted">{t('quality.loading')}</p> : null}
      {stats.data && rows.length === 0 ? <p className="empty">{t('quality.annotators.none')}</p> : null}
      {rows.length > 0 ? (
        <>
          <div className="table-scroll">
            <table className="table" data-testid="annotator-table">
              <thead>
                <tr>
                  <th>{t('quality.annotators.person')}</th>
                  <th>{t('quality.annotators.tasksDone')}</th>
                  <th>{t('quality.annotators.activeTime')}</th>
                  <th>{t('quality.annotators.tasksPerHour')}</th>
                  <th>{t('quality.annotators.regionsPerHour')}</th>
                  <th>{t('quality.annotators.firstPass')}</th>
                  <th>{t('quality.annotators.rejectionRate')}</th>
                  <th>{t('quality.annotators.goldAccuracy')}</th>
                  <th>{t('quality.annotators.agreement')}</th>
                  <th>{t('quality.annotators.consensusAgreement')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.userId} data-testid="annotator-row" data-user-id={r.userId}>
                    <td>
                      {r.name || r.email}
                      <div className="small muted">{r.email}</div>
                    </td>
                    <td className="num">{r.tasksDone}</td>
                    <td className="num">{r.activity ? duration(r.activity.activeSeconds) : '—'}</td>
                    <td className="num">{fixed(r.activity?.tasksPerHour, 1)}</td>
                    <td className="num">{fixed(r.activity?.regionsPerHour, 1)}</td>
                    <td className="num">{percent(r.firstPassAcceptanceRate)}</td>
                    <td className="num">{percent(r.rejectionRate)}</td>
                    <td className="num">{percent(r.goldAccuracy)}</td>
                    <td className="num" title={r.agreementMetric ?? undefined}>
                      {fixed(r.agreement)}
                    </td>
                    <td className="num" title={r.agreementMetric ?? undefined}>
                      {fixed(r.consensusAgreement)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section className="card">
            <div className="actions">
              <h2>{t('quality.annotators.chart')}</h2>
              <select value={chart} onChange={(e) => setChart(e.target.value as ChartKey)} aria-label={t('quality.annotators.chart')} data-testid="chart-metric">
                {CHARTS.map((c) => (
                  <option key={c} value={c}>
                    {t(`quality.annotators.charts.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <BarChart bars={bars} format={format} max={SHARES.includes(chart) ? 1 : undefined} title={t(`quality.annotators.charts.${chart}`)} testId="annotator-chart" />
          </section>
          {labels.length > 0 ? (
            <section className="card">
              <h2>{t('quality.annotators.perLabel')}</h2>
              <div className="table-scroll">
                <table className="table" data-testid="per-label-activity">
                  <thead>
                    <tr>
                      <th>{t('quality.annotators.person')}</th>
                      {labels.map((l) => (
                        <th key={l}>{l}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.userId}>
                        <td>{r.name || r.email}</td>
                        {labels.map((l) => {
                          const cell = r.activity?.labels.find((x) => x.label === l);
                          return (
                            <td key={l} className="num" title={t('quality.annotators.regionsCount', { count: cell?.regions ?? 0 })}>
                              {cell ? `${fixed(cell.regionsPerHour, 1)} /h` : '—'}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
        </>
      ) : null}
      <GoldPanel projectId={project.id} names={new Map(rows.map((r) => [r.userId, r.name || r.email]))} />
    </div>
  );
}
