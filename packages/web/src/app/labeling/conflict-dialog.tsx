import { useTranslation } from 'react-i18next';

/** A stale version: the user decides — keep this browser's work or take the server's. Never silent. */
export function ConflictDialog({ serverVersion, onKeepMine, onTakeServer }: { serverVersion: number | null; onKeepMine(): void; onTakeServer(): void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop">
      <div className="dialog card" role="alertdialog" aria-labelledby="conflict-title" data-testid="conflict-dialog">
        <h2 id="conflict-title">{t('app.conflict.title')}</h2>
        <p>{t('app.conflict.body', { version: serverVersion ?? '?' })}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={onKeepMine} data-testid="conflict-keep-mine">
            {t('app.conflict.keepMine')}
          </button>
          <button type="button" onClick={onTakeServer} data-testid="conflict-take-server">
            {t('app.conflict.takeServer')}
          </button>
        </div>
      </div>
    </div>
  );
}
