import { createRoot } from 'react-dom/client';
import { ApiClient } from './app/api/api-client.js';
import { AppRoot } from './app/app-root.js';
import { createI18n, initialLanguage, LANGUAGE_STORAGE_KEY } from './app/i18n/create-i18n.js';
import { deferredDraftStore, memoryDraftStore, openDraftStore } from './app/labeling/draft-store.js';
import './app/styles.css';

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const i18n = createI18n(initialLanguage(storedLanguage(), navigator.languages ?? [navigator.language]));
  // Without IndexedDB (some private windows) drafts live in memory: the server copy still autosaves.
  // The database opens while the app renders and signs in; the first draft read waits for it.
  const drafts = deferredDraftStore(openDraftStore().catch(() => memoryDraftStore()));
  createRoot(root).render(<AppRoot api={new ApiClient()} i18n={i18n} drafts={drafts} />);
}

start();
