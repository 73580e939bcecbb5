import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks why the task is skipped; the reason is required. */
export function SkipDialog({ onSkip, onCancel }: { onSkip(reason: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = () => {
    if (reason.trim() !== '') onSkip(reason.trim());
  };
  return (
    <div className="le-modal-backdrop" onClick={onCancel}>
      <form
        className="le-modal le-skip"
        role="dialog"
        aria-modal="true"
        aria-label={t('editor.skip.title')}
        data-testid="skip-dialog"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      >
        <h2>{t('editor.skip.title')}</h2>
        <label>
          {t('editor.skip.reason')}
          <textarea ref={field} rows={3} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} data-testid="skip-reason" />
        </label>
        <div className="le-actions">
          <button type="button" onClick={onCancel}>{t('editor.skip.cancel')}</button>
          <button type="submit" className="le-primary" disabled={reason.trim() === ''} data-testid="skip-confirm">{t('editor.skip.confirm')}</button>
        </div>
      </form>
    </div>
  );
}
