import { useTranslation } from 'react-i18next';
import type { SaverState } from './annotation-saver.js';

/** Always says where the work is: saved, saving, kept on this device while offline, or not saved and why. */
export function SaveStatus({ state }: { state: SaverState }) {
  const { t } = useTranslation();
  const cls = state.status === 'error' || state.status === 'conflict' ? 'save-status bad' : state.status === 'offline' ? 'save-status warn' : 'save-status';
  return (
    <span className={cls} role="status" data-testid="save-status" data-status={state.status}>
      {t(`app.save.${state.status}`)}
      {state.status === 'error' && state.error ? `: ${state.error}` : ''}
    </span>
  );
}
