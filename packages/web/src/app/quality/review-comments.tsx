import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditorState, type Editor } from '../../editor-ui/index.js';
import type { ReviewComment } from './quality-types.js';

/** The comments written so far, each pinned to a region or to the whole task; click one to select its region. */
export function CommentList({ comments, names, editor, onRemove }: { comments: readonly ReviewComment[]; names: ReadonlyMap<string, string>; editor: Editor | null; onRemove?: (index: number) => void }) {
  const { t } = useTranslation();
  if (comments.length === 0) return null;
  return (
    <ul className="review-comments" data-testid="review-comments">
      {comments.map((c, i) => (
        <li key={i}>
          {c.regionId !== null ? (
            <button type="button" className="region-chip" title={t('quality.review.showRegion')} disabled={!editor} onClick={() => editor?.patch({ selection: new Set([c.regionId!]) })}>
              {names.get(c.regionId) ?? c.regionId}
            </button>
          ) : (
            <span className="region-chip whole">{t('quality.review.wholeTask')}</span>
          )}
          <span className="comment-text">{c.text}</span>
          {onRemove ? (
            <button type="button" className="link-button danger small" onClick={() => onRemove(i)}>
              {t('quality.review.removeComment')}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Writes a comment pinned to the region selected in the editor (exactly one), else to the whole task. */
export function CommentComposer({ editor, names, onAdd }: { editor: Editor; names: ReadonlyMap<string, string>; onAdd(comment: ReviewComment): void }) {
  const { t } = useTranslation();
  const selection = useEditorState(editor, (s) => s.selection);
  const [text, setText] = useState('');
  const regionId = selection.size === 1 ? ([...selection][0] as string) : null;
  const add = () => {
    if (!text.trim()) return;
    onAdd({ regionId, text: text.trim() });
    setText('');
  };
  return (
    <div className="comment-composer">
      <span className="small muted" data-testid="comment-target">
        {regionId !== null ? t('quality.review.pinnedTo', { region: names.get(regionId) ?? regionId }) : t('quality.review.pinHint')}
      </span>
      <div className="comment-row">
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              add();
            }
          }}
          placeholder={t('quality.review.commentPlaceholder')}
          aria-label={t('quality.review.comment')}
          data-testid="comment-input"
        />
        <button type="button" className="small" disabled={!text.trim()} onClick={add} data-testid="add-comment">
          {t('quality.review.addComment')}
        </button>
      </div>
    </div>
  );
}
