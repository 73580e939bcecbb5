import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';

/** Personal API tokens: create (the secret is shown once), list, revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const api = useApi();
  const tokens = useAsync((signal) => api.get<ApiToken[]>('/api/auth/tokens', { signal }), [api]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const create = async () => {
    setError(null);
    try {
      const res = await api.post<{ token: string }>('/api/auth/tokens', { name: name.trim() || 'token' });
      setCreated(res.token);
      setName('');
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (id: number) => {
    try {
      await api.delete(`/api/auth/tokens/${id}`);
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="tokens">
      <h1>{t('app.tokens.title')}</h1>
      <p className="muted">{t('app.tokens.help')}</p>
      <div className="add-member">
        <input aria-label={t('app.tokens.name')} placeholder={t('app.tokens.name')} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="button" className="primary" onClick={() => void create()}>
          {t('app.tokens.create')}
        </button>
      </div>
      {created ? (
        <div className="card token-created" role="status">
          <p>{t('app.tokens.copyNow')}</p>
          <code data-testid="new-token">{created}</code>
        </div>
      ) : null}
      <ErrorText error={tokens.error ?? error} />
      <table className="table">
        <thead>
          <tr>
            <th>{t('app.tokens.name')}</th>
            <th>{t('app.tokens.prefix')}</th>
            <th>{t('app.tokens.created')}</th>
            <th>{t('app.tokens.lastUsed')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.data?.map((tok) => (
            <tr key={tok.id}>
              <td>{tok.name}</td>
              <td>
                <code>{tok.prefix}…</code>
              </td>
              <td className="muted">{new Date(tok.createdAt).toLocaleString()}</td>
              <td className="muted">{tok.lastUsedAt ? new Date(tok.lastUsedAt).toLocaleString() : '—'}</td>
              <td>
                <button type="button" className="link-button danger" onClick={() => void revoke(tok.id)}>
                  {t('app.tokens.revoke')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
