import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-client.js';

/** A failure shown in words: the server's message (it names the field), or "offline". */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const text = error instanceof ApiError ? (error.isNetwork ? t('app.errors.network') : error.message) : error instanceof Error ? error.message : String(error);
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
