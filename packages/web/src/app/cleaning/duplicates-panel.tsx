import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/api-types.js';
import { JobStatus } from '../data/job-status.js';
import { jobFinished, useJob } from '../data/job-watch.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import type { DuplicateGroup, DuplicateKind, DuplicateScanResult, KeepResult } from './cleaning-types.js';
import { DuplicateGroupCard } from './duplicate-group-card.js';

const DEFAULTS = { exact: true, text: true, images: true, textThreshold: 0.8, shingleSize: 5, imageDistance: 6 };

/** Duplicate detection as a job with live progress, then the groups with "keep this one". */
export function DuplicatesPanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [options, setOptions] = useState(DEFAULTS);
  const [jobId, setJobId] = useState<number | null>(null);
  const [kind, setKind] = useState<'' | DuplicateKind>('');
  const [groups, setGroups] = useState<DuplicateGroup[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState<(KeepResult & { groupId: number }) | null>(null);
  const job = useJob(api, jobId);
  const finished = job !== null && jobFinished(job);

  const load = async (after: string | null) => {
    const q = new URLSearchParams({ limit: '20', ...(kind ? { kind } : {}), ...(after ? { cursor: after } : {}) });
    try {
      const page = await api.get<Page<DuplicateGroup>>(`/api/projects/${projectId}/duplicates?${q.toString()}`);
      setGroups((g) => (after ? [...g, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load(null);
    // `load` is rebuilt every render; the list reloads when these change (and when a scan ends).
  }, [api, projectId, kind, finished]);

  const run = async () => {
    setError(null);
    setKept(null);
    try {
      setJobId((await api.post<{ id: number }>(`/api/projects/${projectId}/duplicates/scan`, options)).id);
    } catch (err) {
      setError(err);
    }
  };

  const keep = async (groupId: number, taskId: number, force = false) => {
    const group = groups.find((g) => g.id === groupId);
    const others = (group?.size ?? 1) - 1;
    if (!window.confirm(force ? t('cleaning.duplicates.confirmForce') : t('cleaning.duplicates.confirmKeep', { id: taskId, count: others }))) return;
    setBusy(true);
    setError(null);
    try {
      setKept({ ...(await api.post<KeepResult>(`/api/projects/${projectId}/duplicates/${groupId}/keep`, { taskId, ...(force ? { force } : {}) })), groupId });
      await load(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const result = job?.status === 'succeeded' ? (job.result as DuplicateScanResult) : null;
  const num = (key: 'textThreshold' | 'shingleSize' | 'imageDistance', min: number, max: number, step: number) => (
    <label>
      {t(`cleaning.duplicates.options.${key}`)}
      <input type="number" min={min} max={max} step={step} value={options[key]} onChange={(e) => setOptions((o) => ({ ...o, [key]: Number(e.target.value) }))} data-testid={`dup-${key}`} />
    </label>
  );

  return (
    <section className="card cleaning-section" data-testid="duplicates-panel">
      <h3>{t('cleaning.duplicates.title')}</h3>
      <p className="muted small">{t('cleaning.duplicates.help')}</p>
      <div className="cleaning-options">
        {(['exact', 'text', 'images'] as const).map((k) => (
          <label key={k} className="inline">
            <input type="checkbox" checked={options[k]} onChange={(e) => setOptions((o) => ({ ...o, [k]: e.target.checked }))} />
            {t(`cleaning.duplicates.options.${k}`)}
          </label>
        ))}
        {num('textThreshold', 0.3, 1, 0.05)}
        {num('shingleSize', 1, 16, 1)}
        {num('imageDistance', 0, 16, 1)}
        <button type="button" className="primary" onClick={() => void run()} disabled={job !== null && !finished} data-testid="dup-run">
          {t('cleaning.duplicates.run')}
        </button>
      </div>
      {job ? <JobStatus job={job} onCancel={() => void api.post(`/api/jobs/${job.id}/cancel`).catch(setError)} /> : null}
      {result ? (
        <p className="muted" data-testid="dup-summary">
          {t('cleaning.duplicates.summary', { tasks: result.tasks, exact: result.groups.exact, text: result.groups.text, image: result.groups.image, redundant: result.redundantTasks })}
          {result.imageErrors ? ` ${t('cleaning.duplicates.imageErrors', { count: result.imageErrors })}` : ''}
        </p>
      ) : null}
      <ErrorText error={error} />
      {kept ? (
        <div className="cleaning-actions" role="status" data-testid="keep-result">
          <span>{t('cleaning.duplicates.keptResult', { id: kept.kept, count: kept.deleted.length })}</span>
          {kept.skipped.length ? (
            <>
              <span className="muted">{t('cleaning.duplicates.skippedResult', { count: kept.skipped.length })}</span>
              <button type="button" className="small danger" disabled={busy} onClick={() => void keep(kept.groupId, kept.kept, true)}>
                {t('cleaning.duplicates.deleteAnnotated')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="cleaning-actions">
        <select aria-label={t('cleaning.duplicates.filter')} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="">{t('cleaning.duplicates.allKinds')}</option>
          {(['exact', 'text', 'image'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`cleaning.duplicates.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {groups.length === 0 ? <p className="empty">{t('cleaning.duplicates.empty')}</p> : null}
      {groups.map((g) => (
        <DuplicateGroupCard key={g.id} projectId={projectId} group={g} busy={busy} onKeep={(taskId) => void keep(g.id, taskId)} />
      ))}
      {cursor ? (
        <button type="button" onClick={() => void load(cursor)}>
          {t('cleaning.duplicates.more')}
        </button>
      ) : null}
    </section>
  );
}
