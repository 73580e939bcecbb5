import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { ProgressBar } from '../ui/progress-bar.js';
import { parseTaskFile } from './parse-task-file.js';

const BATCH = 1000;

/** Imports tasks from JSON / JSONL / text files or pasted JSON, in batches, with progress. */
export function ImportPanel({ projectId, onImported }: { projectId: number; onImported(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pasted, setPasted] = useState('');
  const [summary, setSummary] = useState<string | null>(null);

  const run = async (batches: { name: string; text: string }[]) => {
    setError(null);
    setSummary(null);
    try {
      const tasks = batches.flatMap((b) => parseTaskFile(b.name, b.text));
      setProgress({ done: 0, total: tasks.length });
      let created = 0;
      for (let i = 0; i < tasks.length; i += BATCH) {
        const res = await api.post<{ created: number }>(`/api/projects/${projectId}/tasks`, tasks.slice(i, i + BATCH));
        created += res.created;
        setProgress({ done: Math.min(tasks.length, i + BATCH), total: tasks.length });
      }
      setSummary(t('app.import.done', { count: created }));
      setPasted('');
      onImported();
    } catch (err) {
      setError(err);
    }
  };

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    await run(await Promise.all(Array.from(files, async (f) => ({ name: f.name, text: await f.text() }))));
  };

  return (
    <div className="card import-panel">
      <h3>{t('app.import.title')}</h3>
      <p className="muted">{t('app.import.help')}</p>
      <input type="file" multiple accept=".json,.jsonl,.txt,application/json" aria-label={t('app.import.files')} data-testid="import-files" onChange={(e) => void onFiles(e.target.files)} />
      <textarea rows={4} className="code" placeholder='[{"text": "..."}, {"image": "https://..."}]' aria-label={t('app.import.paste')} data-testid="import-paste" value={pasted} onChange={(e) => setPasted(e.target.value)} />
      <button type="button" onClick={() => void run([{ name: 'pasted.json', text: pasted }])} disabled={!pasted.trim()} data-testid="import-submit">
        {t('app.import.submit')}
      </button>
      {progress ? <ProgressBar done={progress.done} total={progress.total} label={t('app.import.title')} /> : null}
      {summary ? <p className="ok-text" data-testid="import-summary">{summary}</p> : null}
      <ErrorText error={error} />
    </div>
  );
}
