import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnotationEditor, type Editor } from '../../editor-ui/index.js';
import type { ResultItem } from '../api/api-types.js';
import { useProject } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import type { ReviewComment, ReviewItem, ReviewOutcome } from './quality-types.js';
import { CommentComposer, CommentList } from './review-comments.js';
import { ReviewHistory } from './review-history.js';
import { regionNames } from './region-names.js';

interface Props {
  item: ReviewItem;
  nameOf(id: number | null): string;
  /** Called once the annotation is reviewed (or released), with a line to show above the next one. */
  onDone(notice: string | null): void;
  onRelease(): void;
}

/** True for Shift+Enter outside text fields: the reject shortcut (Enter in the editor accepts). */
function isRejectKey(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || !e.shiftKey || e.isComposing || e.defaultPrevented) return false;
  const el = e.target instanceof HTMLElement ? e.target : null;
  return !el?.closest('input, textarea, select, [contenteditable="true"]');
}

/**
 * One submitted annotation under review: the editor (edit it, then accept, for edit-and-accept),
 * the reason and comments pinned to regions (select a region in the editor, write a comment),
 * earlier reviews, and for managers "also mark as gold". Enter accepts, Shift+Enter rejects.
 */
export function ReviewWorkspace({ item, nameOf, onDone, onRelease }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const { project } = useProject();
  const { annotation, task, reviews } = item;
  const [editor, setEditor] = useState<Editor | null>(null);
  const [edited, setEdited] = useState<ResultItem[] | null>(null);
  const [reason, setReason] = useState('');
  const [comments, setComments] = useState<ReviewComment[]>([]);
  const [gold, setGold] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const original = useMemo(() => JSON.stringify(annotation.result), [annotation.result]);
  const names = useMemo(() => regionNames([...annotation.result, ...(edited ?? [])]), [annotation.result, edited]);

  const send = async (action: 'accept' | 'reject') => {
    if (busy) return;
    if (action === 'reject' && !reason.trim()) {
      setError(new Error(t('quality.review.reasonRequired')));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { action, version: annotation.version, ...(action === 'reject' ? { reason: reason.trim() } : reason.trim() ? { reason: reason.trim() } : {}), comments, ...(action === 'accept' && edited ? { result: edited } : {}) };
      await api.post<ReviewOutcome>(`/api/annotations/${annotation.id}/review`, body);
      let notice = t(action === 'accept' ? (edited ? 'quality.review.acceptedEdited' : 'quality.review.accepted') : 'quality.review.rejected', { task: task.id });
      if (action === 'accept' && gold) {
        try {
          await api.post(`/api/annotations/${annotation.id}/gold`);
          notice = `${notice} ${t('quality.review.markedGold')}`;
        } catch (err) {
          notice = `${notice} ${t('quality.review.goldFailed', { message: err instanceof Error ? err.message : String(err) })}`;
        }
      }
      onDone(notice);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!isRejectKey(e)) return;
      e.preventDefault();
      void sendRef.current('reject');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="review-workspace" data-testid="review-workspace" data-annotation-id={annotation.id} data-task-id={task.id}>
      <div className="workspace-bar">
        <span className="task-id">{t('quality.review.title', { task: task.id })}</span>
        <span className="muted small" data-testid="review-annotator">
          {t('quality.review.by', { name: nameOf(annotation.completedBy), version: annotation.version })}
        </span>
        {edited ? <span className="badge warn" data-testid="review-edited">{t('quality.review.edited')}</span> : null}
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={onRelease} data-testid="review-release">
          {t('quality.review.release')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void send('reject')} data-testid="review-reject" title="Shift+Enter">
          {t('quality.review.reject')} <kbd>⇧ Enter</kbd>
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void send('accept')} data-testid="review-accept" title="Enter">
          {edited ? t('quality.review.acceptEdited') : t('quality.review.accept')} <kbd>Enter</kbd>
        </button>
      </div>
      <ErrorText error={error} />
      <div className="review-body">
        <div className="review-editor">
          <AnnotationEditor
            config={project.labelConfig}
            task={{ id: task.id, data: task.data }}
            initialResult={annotation.result}
            onReady={setEditor}
            onChange={(result: ResultItem[]) => setEdited(JSON.stringify(result) === original ? null : result)}
            onSubmit={() => void send('accept')}
            onSkip={() => onRelease()}
          />
        </div>
        <aside className="review-side card">
          <label>
            {t('quality.review.reason')}
            <textarea
              ref={reasonRef}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void send('reject');
                }
              }}
              placeholder={t('quality.review.reasonPlaceholder')}
              data-testid="review-reason"
            />
          </label>
          <h3>{t('quality.review.comments')}</h3>
          <CommentList comments={comments} names={names} editor={editor} onRemove={(i) => setComments((cs) => cs.filter((_, j) => j !== i))} />
          {editor ? <CommentComposer editor={editor} names={names} onAdd={(c) => setComments((cs) => [...cs, c])} /> : null}
          {edited ? <p className="small muted">{t('quality.review.editNote')}</p> : null}
          {project.role === 'manager' ? (
            <label className="inline">
              <input type="checkbox" checked={gold} onChange={(e) => setGold(e.target.checked)} data-testid="review-gold" />
              {t('quality.review.alsoGold')}
            </label>
          ) : null}
          <p className="small muted">{t('quality.review.shortcuts')}</p>
          <ReviewHistory reviews={reviews} result={annotation.result} nameOf={nameOf} />
        </aside>
      </div>
    </div>
  );
}
