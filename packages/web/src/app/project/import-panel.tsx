import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JobStatus } from '../data/job-status.js';
import { jobFinished, useJob, type JobView } from '../data/job-watch.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { ProgressBar } from '../ui/progress-bar.js';
import { parseTaskFile } from './parse-task-file.js';

const BATCH = 1000;
type Mode = 'files' | 'urls' | 'paste';

interface ImportResult {
  tasks: number;
  annotations: number;
  predictions: number;
  media: number;
}

/**
 * Imports into a project: files of any supported kind (images, video, audio, zip, JSON/JSONL/CSV/TSV,
 * Label Studio, COCO, VOC, YOLO, CoNLL) or a list of URLs run as a server job with live progress;
 * small JSON can also be pasted.
 */
export function ImportPanel({ projectId, onImported }: { projectId: number; onImported(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [mode, setMode] = useState<Mode>('files');
  const [labelsAs, setLabelsAs] = useState<'annotations' | 'predictions'>('annotations');
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [urls, setUrls] = useState('');
  const [pasted, setPasted] = useState('');
  const [pasteProgress, setPasteProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const job = useJob(api, jobId);
  const finished = job && jobFinished(job) ? job : null;

  // Once per finished job: say what it did and refresh the project's counts.
  useEffect(() => {
    if (!finished) return;
    if (finished.status === 'succeeded') setSummary(describe(finished));
    onImported();
  }, [finished?.id, finished?.status]);

  function describe(j: JobView): string {
    const r = j.result as ImportResult | null;
    return r ? t('app.import.jobDone', { tasks: r.tasks, annotations: r.annotations, predictions: r.predictions, media: r.media }) : '';
  }

  const start = async (body: FormData | { urls: string[]; labelsAs: string }) => {
    setError(null);
    setSummary(null);
    try {
      const created = body instanceof FormData ? await api.request<{ id: number }>('POST', `/api/projects/${projectId}/imports`, { raw: body }) : await api.post<{ id: number }>(`/api/projects/${projectId}/imports`, body);
      setJobId(created.id);
    } catch (err) {
      setError(err);
    }
  };

  const onFiles = (files: FileList | null) => {
    if (!files?.length) return;
    const form = new FormData();
    form.append('labelsAs', labelsAs);
    for (const f of Array.from(files)) form.append('file', f, f.name);
    void start(form);
  };

  const paste = async () => {
    setError(null);
    setSummary(null);
    try {
      const tasks = parseTaskFile('pasted.json', pasted);
      setPasteProgress({ done: 0, total: tasks.length });
      let created = 0;
      for (let i = 0; i < tasks.length; i += BATCH) {
        created += (await api.post<{ created: number }>(`/api/projects/${projectId}/tasks`, tasks.slice(i, i + BATCH))).created;
        setPasteProgress({ done: Math.min(tasks.length, i + BATCH), total: tasks.length });
      }
      setSummary(t('app.import.done', { count: created }));
      setPasted('');
      onImported();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="card import-panel">
      <h3>{t('app.import.title')}</h3>
      <div className="tabs" role="tablist">
        {(['files', 'urls', 'paste'] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'tab active' : 'tab'} onClick={() => setMode(m)}>
            {t(`app.import.modes.${m}`)}
          </button>
        ))}
      </div>
      {mode !== 'paste' ? (
        <label className="inline">
          {t('app.import.labelsAs')}
          <select value={labelsAs} onChange={(e) => setLabelsAs(e.target.value as typeof labelsAs)}>
            <option value="annotations">{t('app.import.asAnnotations')}</option>
            <option value="predictions">{t('app.import.asPredictions')}</option>
          </select>
        </label>
      ) : null}
      {mode === 'files' ? (
        <>
          <p className="muted">{t('app.import.filesHelp')}</p>
          <input type="file" multiple aria-label={t('app.import.files')} data-testid="import-files" onChange={(e) => onFiles(e.target.files)} />
        </>
      ) : null}
      {mode === 'urls' ? (
        <>
          <p className="muted">{t('app.import.urlsHelp')}</p>
          <textarea rows={4} className="code" aria-label={t('app.import.urls')} data-testid="import-urls" value={urls} onChange={(e) => setUrls(e.target.value)} placeholder="https://example.com/images/0001.jpg" />
          <button type="button" disabled={!urls.trim()} onClick={() => void start({ urls: urls.split(/\s+/).filter(Boolean), labelsAs })}>
            {t('app.import.submit')}
          </button>
        </>
      ) : null}
      {mode === 'paste' ? (
        <>
          <p className="muted">{t('app.import.help')}</p>
          <textarea rows={4} className="code" placeholder='[{"text": "..."}, {"image": "https://..."}]' aria-label={t('app.import.paste')} data-testid="import-paste" value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <button type="button" onClick={() => void paste()} disabled={!pasted.trim()} data-testid="import-submit">
            {t('app.import.submit')}
          </button>
          {pasteProgress ? <ProgressBar done={pasteProgress.done} total={pasteProgress.total} label={t('app.import.title')} /> : null}
        </>
      ) : null}
      {job ? <JobStatus job={job} onCancel={() => void api.post(`/api/jobs/${job.id}/cancel`).catch(setError)} /> : null}
      {summary ? (
        <p className="ok-text" data-testid="import-summary">
          {summary}
        </p>
      ) : null}
      <ErrorText error={error} />
    </div>
  );
}
