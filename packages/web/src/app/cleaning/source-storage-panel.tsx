import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JobStatus } from '../data/job-status.js';
import { jobFinished, useJob } from '../data/job-watch.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import type { SourceStorage, SyncResult } from './cleaning-types.js';

const EMPTY = { title: '', bucket: '', prefix: '', endpoint: '', region: '', forcePathStyle: false, accessKeyId: '', secretAccessKey: '' };
type TextField = Exclude<keyof typeof EMPTY, 'forcePathStyle'>;

/** S3-compatible buckets as task sources: configure one (keys go to the server only), sync it with progress. */
export function SourceStoragePanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const storages = useAsync((signal) => api.get<SourceStorage[]>(`/api/projects/${projectId}/source-storages`, { signal }), [api, projectId]);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [sync, setSync] = useState<{ storageId: number; jobId: number } | null>(null);
  const job = useJob(api, sync?.jobId ?? null);
  const done = job !== null && jobFinished(job);
  useEffect(() => {
    if (done) storages.reload();
    // Reload once when the sync job ends.
  }, [done]);

  const act = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    }
  };
  const add = () => act(async () => {
    const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ''));
    await api.post(`/api/projects/${projectId}/source-storages`, body);
    setForm(EMPTY);
    storages.reload();
  });
  const startSync = (s: SourceStorage) => act(async () => {
    const { id } = await api.post<{ id: number }>(`/api/projects/${projectId}/source-storages/${s.id}/sync`);
    setSync({ storageId: s.id, jobId: id });
  });
  const remove = (s: SourceStorage) => act(async () => {
    if (!window.confirm(t('cleaning.s3.confirmDelete', { title: s.title }))) return;
    await api.delete(`/api/projects/${projectId}/source-storages/${s.id}`);
    storages.reload();
  });

  const result = job?.status === 'succeeded' ? (job.result as SyncResult) : null;
  const field = (key: TextField, opts: { type?: string; placeholder?: string } = {}) => (
    <label>
      {t(`cleaning.s3.fields.${key}`)}
      <input type={opts.type ?? 'text'} autoComplete="off" placeholder={opts.placeholder} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} data-testid={`s3-${key}`} />
    </label>
  );

  return (
    <section className="card cleaning-section" data-testid="s3-panel">
      <h3>{t('cleaning.s3.title')}</h3>
      <p className="muted small">{t('cleaning.s3.help')}</p>
      <ErrorText error={storages.error ?? error} />
      {storages.data && storages.data.length > 0 ? (
        <table className="table" data-testid="s3-storages">
          <thead>
            <tr>
              <th>{t('cleaning.s3.fields.title')}</th>
              <th>{t('cleaning.s3.location')}</th>
              <th>{t('cleaning.s3.fields.accessKeyId')}</th>
              <th>{t('cleaning.s3.objectsSeen')}</th>
              <th>{t('cleaning.s3.lastSynced')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {storages.data.map((s) => (
              <tr key={s.id}>
                <td>{s.title}</td>
                <td>
                  <code>s3://{s.bucket}/{s.prefix}</code>
                  <div className="muted small">{s.endpoint ?? t('cleaning.s3.aws', { region: s.region })}</div>
                </td>
                <td className="muted">{s.accessKeyId ?? '—'}</td>
                <td className="num">{s.objectsSeen}</td>
                <td className="muted">{s.lastSyncedAt ? new Date(s.lastSyncedAt).toLocaleString() : '—'}</td>
                <td className="cleaning-actions">
                  <button type="button" className="small primary" disabled={sync?.storageId === s.id && !done} onClick={() => void startSync(s)} data-testid={`s3-sync-${s.id}`}>
                    {t('cleaning.s3.sync')}
                  </button>
                  <button type="button" className="small danger" onClick={() => void remove(s)}>
                    {t('cleaning.s3.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {storages.data && storages.data.length === 0 ? <p className="muted">{t('cleaning.s3.empty')}</p> : null}
      {job ? <JobStatus job={job} onCancel={() => void api.post(`/api/jobs/${job.id}/cancel`).catch(setError)} /> : null}
      {result ? (
        <div data-testid="s3-sync-result">
          <p>{t('cleaning.s3.synced', { objects: result.objects, tasks: result.tasks, skipped: result.alreadySynced, unsupported: result.unsupported })}</p>
          {result.errors.length ? (
            <ul className="error">
              {result.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <h4>{t('cleaning.s3.add')}</h4>
      <div className="storage-form">
        {field('title')}
        {field('bucket')}
        {field('prefix', { placeholder: 'images/2024/' })}
        {field('endpoint', { placeholder: 'https://minio.example.com:9000' })}
        {field('region', { placeholder: 'us-east-1' })}
        {field('accessKeyId')}
        {field('secretAccessKey', { type: 'password' })}
        <label className="inline">
          <input type="checkbox" checked={form.forcePathStyle} onChange={(e) => setForm((f) => ({ ...f, forcePathStyle: e.target.checked }))} />
          {t('cleaning.s3.fields.forcePathStyle')}
        </label>
      </div>
      <button type="button" className="primary" disabled={!form.title.trim() || !form.bucket.trim()} onClick={() => void add()} data-testid="s3-add">
        {t('cleaning.s3.save')}
      </button>
    </section>
  );
}
