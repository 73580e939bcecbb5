import type { LabelConfig } from '@laoshi/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnotationEditor, backendTracker, type PredictAnswer } from '../../editor-ui/index.js';
import { ApiError } from '../api/api-client.js';
import type { ResultItem } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { ConflictDialog } from './conflict-dialog.js';
import { useLabelingShared } from './labeling-context.js';
import { SaveStatus } from './save-status.js';
import type { LoadedTask } from './task-loader.js';
import { useSaverState } from './use-saver.js';

interface Props {
  config: LabelConfig;
  loaded: LoadedTask;
  /** Called after the server acknowledged the submission (or it was queued offline). */
  onSubmitted(outcome: 'sent' | 'queued'): void;
  onSkip?(reason: string): void;
  readOnly?: boolean;
  submitLabel: string;
}

/**
 * One task in the editor, with its save status. Changes go to the saver (IndexedDB at once, server
 * draft every few seconds, and on blur); Enter in the editor submits.
 */
export function LabelingWorkspace({ config, loaded, onSubmitted, onSkip, readOnly, submitLabel }: Props) {
  const { t } = useTranslation();
  const { saver, task } = loaded;
  const state = useSaverState(saver);
  const [editorKey, setEditorKey] = useState(0);
  const [result, setResult] = useState<ResultItem[]>(saver.initialResult);
  const [busy, setBusy] = useState(false);
  const api = useApi();
  const images = useLabelingShared()?.images;
  // Video tracking ("t") asks the project's model backend; without one the editor's motion tracker answers.
  const tracker = useMemo(() => backendTracker(async (context, signal) => {
    try {
      return await api.post<PredictAnswer>(`/api/tasks/${task.id}/predict`, { context }, { signal });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }), [api, task.id]);

  // Save on blur, when the tab is hidden, and when the network comes back.
  useEffect(() => {
    const flush = () => void saver.flush();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('blur', flush);
    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('blur', flush);
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [saver]);

  // Leaving with unsent work: the browser asks first (the work is in IndexedDB either way).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const s = saver.getState().status;
      if (s === 'dirty' || s === 'saving' || s === 'error') e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [saver]);

  const leadTime = () => (Date.now() - loaded.openedAt) / 1000;

  const submit = async () => {
    if (busy || readOnly) return;
    setBusy(true);
    try {
      const outcome = await saver.submit(leadTime());
      if (outcome !== 'failed') onSubmitted(outcome);
    } finally {
      setBusy(false);
    }
  };

  const takeServer = async () => {
    const server = await saver.resolveConflict('server');
    if (server) {
      setResult(server);
      setEditorKey((k) => k + 1);
    }
  };

  return (
    <div className="workspace" data-testid="workspace" data-task-id={task.id}>
      <div className="workspace-bar">
        <span className="task-id" data-testid="task-id">
          {t('app.label.task', { id: task.id })}
        </span>
        <SaveStatus state={state} />
        <span className="spacer" />
        {!readOnly ? (
          <button type="button" className="primary" disabled={busy || state.status === 'conflict'} onClick={() => void submit()} data-testid="submit" title="Enter">
            {submitLabel} <kbd>Enter</kbd>
          </button>
        ) : null}
      </div>
      <AnnotationEditor
        key={`${task.id}:${editorKey}`}
        config={config}
        task={{ id: task.id, data: task.data }}
        initialResult={result}
        predictions={task.predictions.map((p) => ({ id: p.id, result: p.result, score: p.score, model_version: p.modelVersion }))}
        readOnly={readOnly}
        tracker={tracker}
        loadImage={images}
        onChange={(r: ResultItem[]) => saver.change(r, leadTime())}
        onSubmit={() => void submit()}
        onSkip={(reason: string) => onSkip?.(reason)}
      />
      {state.status === 'conflict' ? <ConflictDialog serverVersion={state.conflict?.serverVersion ?? null} onKeepMine={() => void saver.resolveConflict('mine')} onTakeServer={() => void takeServer()} /> : null}
    </div>
  );
}
