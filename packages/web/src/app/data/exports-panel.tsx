import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/api-types.js';
import { useProject } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { JobStatus } from './job-status.js';
import { jobFinished, useJob } from './job-watch.js';

const FORMATS = ['laoshi', 'label-studio', 'coco', 'yolo', 'voc', 'conll', 'jsonl', 'csv', 'parquet'] as const;

interface Counts {
  tasks: number;
  annotations: number;
  predictions: number;
  regions: number;
  labels: Record<string, number>;
}

interface DatasetVersion {
  id: number;
  status: 'running' | 'ready' | 'failed';
  format: string;
  options: Record<string, unknown>;
  counts: Counts | null;
  sha256: string | null;
  size: number | null;
  fileName: string;
  error: string | null;
  createdAt: string;
}

interface Comparison {
  tasks: { added: number; removed: number; changed: number; unchanged: number };
  labels: { added: string[]; removed: string[]; changed: { label: string; base: number; other: number; regionsAdded: number; regionsRemoved: number }[] };
}

const formatSize = (n: number | null) => (n === null ? '—' : n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`);

/** Exports as immutable dataset versions: make one (as a job with progress), download any, compare two. */
export function ExportsPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const { project } = useProject();
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('jsonl');
  const [options, setOptions] = useState({ onlyAccepted: false, latestPerTask: false, withMedia: false, maskPii: false });
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pair, setPair] = useState<number[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const versions = useAsync((signal) => api.get<Page<DatasetVersion>>(`/api/projects/${project.id}/dataset-versions?limit=100`, { signal }), [api, project.id]);
  const job = useJob(api, jobId);
  const done = job !== null && jobFinished(job);
  useEffect(() => {
    if (done) versions.reload();
  }, [done]);

  const create = async () => {
    setError(null);
    try {
      const res = await api.post<{ jobId: number }>(`/api/projects/${project.id}/exports`, { format, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v)) });
      setJobId(res.jobId);
      versions.reload();
    } catch (err) {
      setError(err);
    }
  };

  const toggle = (id: number) => setPair((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  const compare = async () => {
    const [a, b] = [...pair].sort((x, y) => x - y);
    try {
      setComparison(await api.get<Comparison>(`/api/dataset-versions/${a}/compare/${b}`));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="exports">
      {project.role === 'manager' ? (
        <div className="card export-form">
          <h3>{t('app.exports.new')}</h3>
          <div className="form-row">
            <label>
              {t('app.exports.format')}
              <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)} data-testid="export-format">
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(`app.exports.formats.${f}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="export-options">
            {(Object.keys(options) as (keyof typeof options)[]).map((k) => (
              <label key={k} className="inline">
                <input type="checkbox" checked={options[k]} onChange={(e) => setOptions((o) => ({ ...o, [k]: e.target.checked }))} />
                {t(`app.exports.options.${k}`)}
              </label>
            ))}
          </div>
          <button type="button" className="primary" onClick={() => void create()} data-testid="export-create">
            {t('app.exports.create')}
          </button>
          {job ? <JobStatus job={job} onCancel={() => void api.post(`/api/jobs/${job.id}/cancel`).catch(setError)} /> : null}
        </div>
      ) : null}
      <ErrorText error={versions.error ?? error} />
      <div className="page-head">
        <h3>{t('app.exports.versions')}</h3>
        <button type="button" disabled={pair.length !== 2} onClick={() => void compare()} data-testid="export-compare">
          {t('app.exports.compare')}
        </button>
      </div>
      <table className="table" data-testid="dataset-versions">
        <thead>
          <tr>
            <th />
            <th>{t('app.exports.version')}</th>
            <th>{t('app.exports.format')}</th>
            <th>{t('app.exports.status')}</th>
            <th>{t('app.exports.counts')}</th>
            <th>{t('app.exports.size')}</th>
            <th>SHA-256</th>
            <th>{t('app.exports.created')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.data?.items.map((v) => (
            <tr key={v.id}>
              <td>
                <input type="checkbox" aria-label={t('app.exports.pick', { id: v.id })} checked={pair.includes(v.id)} onChange={() => toggle(v.id)} disabled={v.status !== 'ready'} />
              </td>
              <td className="num">v{v.id}</td>
              <td>{v.format}</td>
              <td>{v.status === 'failed' ? <span className="error">{v.error ?? t('app.jobs.failed')}</span> : <span className={`badge ${v.status === 'ready' ? 'ok' : ''}`}>{t(`app.exports.statuses.${v.status}`)}</span>}</td>
              <td className="muted">{v.counts ? t('app.exports.countsText', { tasks: v.counts.tasks, annotations: v.counts.annotations, regions: v.counts.regions }) : '—'}</td>
              <td className="num">{formatSize(v.size)}</td>
              <td>
                <code title={v.sha256 ?? ''}>{v.sha256 ? v.sha256.slice(0, 12) : '—'}</code>
              </td>
              <td className="muted">{new Date(v.createdAt).toLocaleString()}</td>
              <td>{v.status === 'ready' ? <a href={`/api/dataset-versions/${v.id}/download`} download={v.fileName}>{t('app.exports.download')}</a> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {comparison ? (
        <div className="card comparison" data-testid="comparison">
          <p>{t('app.exports.comparison', { ...comparison.tasks })}</p>
          {comparison.labels.added.length || comparison.labels.removed.length ? (
            <p className="muted">
              {comparison.labels.added.length ? `+ ${comparison.labels.added.join(', ')}` : ''} {comparison.labels.removed.length ? `− ${comparison.labels.removed.join(', ')}` : ''}
            </p>
          ) : null}
          {comparison.labels.changed.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('app.exports.label')}</th>
                  <th>{t('app.exports.before')}</th>
                  <th>{t('app.exports.after')}</th>
                  <th>+</th>
                  <th>−</th>
                </tr>
              </thead>
              <tbody>
                {comparison.labels.changed.map((l) => (
                  <tr key={l.label}>
                    <td>{l.label}</td>
                    <td className="num">{l.base}</td>
                    <td className="num">{l.other}</td>
                    <td className="num">{l.regionsAdded}</td>
                    <td className="num">{l.regionsRemoved}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
