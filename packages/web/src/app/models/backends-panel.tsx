import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { JobProgress } from './job-progress.js';
import type { Backend, ConnectionTest } from './model-types.js';
import { useJob } from './use-job.js';

/** Connected Label Studio ML backends: add one, test it, pre-label the project with it. */
export function BackendsPanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { data: backends, error, reload } = useAsync((signal) => api.get<Backend[]>(`/api/projects/${projectId}/model-backends`, { signal }), [api, projectId]);
  const [form, setForm] = useState({ title: '', url: '', authHeader: '', interactive: false });
  const [formError, setFormError] = useState<unknown>(null);
  const [tests, setTests] = useState<Record<number, ConnectionTest>>({});
  const [actionError, setActionError] = useState<unknown>(null);
  const [prelabel, setPrelabel] = useState<{ backendId: number; jobId: number } | null>(null);
  const { job, error: jobError } = useJob(prelabel?.jobId ?? null, () => reload());

  const add = async () => {
    setFormError(null);
    try {
      await api.post(`/api/projects/${projectId}/model-backends`, { title: form.title, url: form.url, interactive: form.interactive, ...(form.authHeader ? { authHeader: form.authHeader } : {}) });
      setForm({ title: '', url: '', authHeader: '', interactive: false });
      reload();
    } catch (err) {
      setFormError(err);
    }
  };

  const act = async (fn: () => Promise<void>) => {
    setActionError(null);
    try {
      await fn();
    } catch (err) {
      setActionError(err);
    }
  };

  const test = (b: Backend) => act(async () => {
    const res = await api.post<ConnectionTest>(`/api/model-backends/${b.id}/test`);
    setTests((all) => ({ ...all, [b.id]: res }));
    reload();
  });
  const start = (b: Backend) => act(async () => {
    const { jobId } = await api.post<{ jobId: number }>(`/api/model-backends/${b.id}/prelabel`, {});
    setPrelabel({ backendId: b.id, jobId });
  });
  const remove = (b: Backend) => act(async () => {
    if (!window.confirm(t('models.backends.confirmDelete', { title: b.title }))) return;
    await api.delete(`/api/model-backends/${b.id}`);
    reload();
  });

  return (
    <section className="card model-section" data-testid="model-backends">
      <h3>{t('models.backends.title')}</h3>
      <p className="muted small">{t('models.backends.help')}</p>
      <ErrorText error={error} />
      {backends && backends.length === 0 ? <p className="muted">{t('models.backends.empty')}</p> : null}
      {backends && backends.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('models.backends.name')}</th>
              <th>{t('models.backends.url')}</th>
              <th>{t('models.backends.status')}</th>
              <th>{t('models.backends.modelVersion')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backends.map((b) => {
              const tested = tests[b.id];
              return (
                <tr key={b.id} data-testid={`backend-${b.id}`}>
                  <td>
                    {b.title}
                    {b.interactive ? <span className="badge">{t('models.backends.interactive')}</span> : null}
                    {b.authHeader ? <div className="muted small">{t('models.backends.authSet', { hint: b.authHeader })}</div> : null}
                  </td>
                  <td className="small">{b.url}</td>
                  <td className="small">
                    {b.lastStatus === 'ok' ? <span className="ok-text">{t('models.backends.ok')}</span> : null}
                    {b.lastStatus === 'error' ? <span className="error">{b.lastError}</span> : null}
                    {b.lastStatus === null ? <span className="muted">{t('models.backends.untested')}</span> : null}
                    {tested?.ok ? <div className="muted">{t('models.backends.health', { status: tested.health ?? '' })}</div> : null}
                  </td>
                  <td className="small">{b.modelVersion ?? '—'}</td>
                  <td className="actions">
                    <button type="button" onClick={() => void test(b)}>{t('models.backends.test')}</button>
                    <button type="button" className="primary" disabled={prelabel?.backendId === b.id && job?.status === 'running'} onClick={() => void start(b)}>{t('models.backends.prelabel')}</button>
                    <button type="button" className="danger" onClick={() => void remove(b)}>{t('models.backends.delete')}</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <ErrorText error={actionError} />
      {prelabel ? (
        <div className="model-prelabel">
          <JobProgress job={job} label={t('models.backends.prelabel')} />
          <ErrorText error={jobError} />
          {job?.status === 'succeeded' ? <PrelabelSummary result={job.result} /> : null}
        </div>
      ) : null}
      <form
        className="form-row model-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label>
          {t('models.backends.name')}
          <input required value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <label>
          {t('models.backends.url')}
          <input required type="url" placeholder="http://ml-backend:9090" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
        </label>
        <label>
          {t('models.backends.authHeader')}
          <input type="password" autoComplete="off" placeholder="Bearer …" value={form.authHeader} onChange={(e) => setForm({ ...form, authHeader: e.target.value })} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={form.interactive} onChange={(e) => setForm({ ...form, interactive: e.target.checked })} />
          {t('models.backends.interactive')}
        </label>
        <button type="submit" className="primary" disabled={!form.title.trim() || !form.url.trim()}>{t('models.backends.add')}</button>
      </form>
      <ErrorText error={formError} />
    </section>
  );
}

function PrelabelSummary({ result }: { result: unknown }) {
  const { t } = useTranslation();
  const r = result as { predicted?: number; skipped?: number; failed?: number; errors?: string[] } | null;
  if (!r) return null;
  return (
    <div className="small">
      <p className="ok-text">{t('models.backends.prelabelDone', { predicted: r.predicted ?? 0, skipped: r.skipped ?? 0, failed: r.failed ?? 0 })}</p>
      {r.errors?.length ? (
        <ul className="muted">
          {r.errors.slice(0, 5).map((e) => <li key={e}>{e}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
