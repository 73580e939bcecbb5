import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../project/project-context.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from './quality-types.js';
import { WebhookDeliveries } from './webhook-deliveries.js';
import './quality.css';

/** The Webhooks tab (managers): add, turn off, rotate the secret (shown once), ping, delete; the delivery log of each. */
export function WebhooksTab() {
  const { t } = useTranslation();
  const api = useApi();
  const { project } = useProject();
  const hooks = useAsync((signal) => api.get<Webhook[]>(`/api/projects/${project.id}/webhooks`, { signal }), [api, project.id]);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [secret, setSecret] = useState<{ id: number; secret: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  // Bumped by a ping so an open delivery log shows it.
  const [pings, setPings] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (project.role !== 'manager') return <p className="muted">{t('quality.managersOnly')}</p>;
  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      hooks.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    act(async () => {
      const made = await api.post<Webhook>(`/api/projects/${project.id}/webhooks`, { url: url.trim(), events });
      setSecret({ id: made.id, secret: made.secret ?? '' });
      setUrl('');
    });
  const patch = (id: number, body: Record<string, unknown>) =>
    act(async () => {
      const changed = await api.patch<Webhook>(`/api/webhooks/${id}`, body);
      if (changed.secret) setSecret({ id, secret: changed.secret });
    });
  const ping = (id: number) =>
    act(async () => {
      await api.post(`/api/webhooks/${id}/ping`);
      setOpen(id);
      setPings((n) => n + 1);
    });
  const remove = (h: Webhook) => {
    if (window.confirm(t('quality.webhooks.confirmDelete', { url: h.url }))) void act(() => api.delete(`/api/webhooks/${h.id}`));
  };
  const toggle = (e: WebhookEvent) => setEvents((list) => (list.includes(e) ? list.filter((x) => x !== e) : [...list, e]));

  return (
    <div className="quality-tab webhooks-tab" data-testid="webhooks-tab">
      <section className="card">
        <h2>{t('quality.webhooks.add')}</h2>
        <p className="muted small">{t('quality.webhooks.help')}</p>
        <label>
          {t('quality.webhooks.url')}
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/laoshi-hook" data-testid="webhook-url" />
        </label>
        <fieldset className="event-picker">
          <legend className="small muted">{t('quality.webhooks.events')}</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e} className="inline">
              <input type="checkbox" checked={events.includes(e)} onChange={() => toggle(e)} />
              <code>{e}</code>
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="button" className="primary" disabled={busy || !url.trim() || events.length === 0} onClick={() => void create()} data-testid="webhook-create">
            {t('quality.webhooks.create')}
          </button>
        </div>
      </section>
      <ErrorText error={error ?? hooks.error} />
      {secret ? (
        <div className="card token-created" role="status" data-testid="webhook-secret">
          <p>{t('quality.webhooks.secretOnce')}</p>
          <code>{secret.secret}</code>
          <p className="small muted">{t('quality.webhooks.verify')}</p>
          <button type="button" className="small" onClick={() => setSecret(null)}>
            {t('quality.webhooks.secretSaved')}
          </button>
        </div>
      ) : null}
      {hooks.data && hooks.data.length === 0 ? <p className="empty">{t('quality.webhooks.none')}</p> : null}
      {hooks.data && hooks.data.length > 0 ? (
        <table className="table" data-testid="webhook-list">
          <thead>
            <tr>
              <th>{t('quality.webhooks.url')}</th>
              <th>{t('quality.webhooks.events')}</th>
              <th>{t('quality.webhooks.active')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {hooks.data.map((h) => (
              <tr key={h.id}>
                <td className="preview">
                  <code>{h.url}</code>
                  {open === h.id ? <WebhookDeliveries key={pings} webhookId={h.id} /> : null}
                </td>
                <td className="small">{h.events.join(', ')}</td>
                <td>
                  <input type="checkbox" checked={h.active} disabled={busy} onChange={() => void patch(h.id, { active: !h.active })} aria-label={t('quality.webhooks.active')} />
                </td>
                <td>
                  <div className="actions">
                    <button type="button" className="small" onClick={() => setOpen(open === h.id ? null : h.id)}>
                      {t('quality.webhooks.deliveries')}
                    </button>
                    <button type="button" className="small" disabled={busy} onClick={() => void ping(h.id)}>
                      {t('quality.webhooks.ping')}
                    </button>
                    <button type="button" className="small" disabled={busy} onClick={() => void patch(h.id, { rotateSecret: true })}>
                      {t('quality.webhooks.rotate')}
                    </button>
                    <button
                      type="button"
                      className="small danger"
                      disabled={busy}
                      onClick={() => remove(h)}
                    >
                      {t('quality.webhooks.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
