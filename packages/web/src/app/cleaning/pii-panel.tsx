import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { JobStatus } from '../data/job-status.js';
import { useJob } from '../data/job-watch.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { PII_KINDS, type PiiKind, type PiiRedactResult, type PiiScanResult } from './cleaning-types.js';

type Mask = 'char' | 'label' | 'partial';

/** Personal data: a scan (counts and masked examples), then redaction in place after a confirm. */
export function PiiPanel({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [kinds, setKinds] = useState<PiiKind[]>([...PII_KINDS]);
  const [mask, setMask] = useState<Mask>('label');
  const [scanId, setScanId] = useState<number | null>(null);
  const [redactId, setRedactId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const scan = useJob(api, scanId);
  const redact = useJob(api, redactId);
  const body = () => (kinds.length === PII_KINDS.length ? {} : { kinds });

  const start = async (path: 'scan' | 'redact', extra: object, set: (id: number) => void) => {
    setError(null);
    try {
      set((await api.post<{ id: number }>(`/api/projects/${projectId}/pii/${path}`, { ...body(), ...extra })).id);
    } catch (err) {
      setError(err);
    }
  };
  const confirmRedact = () => {
    if (window.confirm(t('cleaning.pii.confirmRedact', { mask: t(`cleaning.pii.masks.${mask}`) }))) void start('redact', { mask }, setRedactId);
  };

  const found = scan?.status === 'succeeded' ? (scan.result as PiiScanResult) : null;
  const redacted = redact?.status === 'succeeded' ? (redact.result as PiiRedactResult) : null;
  const toggle = (k: PiiKind, on: boolean) => setKinds((all) => (on ? PII_KINDS.filter((x) => x === k || all.includes(x)) : all.filter((x) => x !== k)));

  return (
    <section className="card cleaning-section" data-testid="pii-panel">
      <h3>{t('cleaning.pii.title')}</h3>
      <p className="muted small">{t('cleaning.pii.help')}</p>
      <div className="cleaning-options">
        {PII_KINDS.map((k) => (
          <label key={k} className="inline">
            <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => toggle(k, e.target.checked)} />
            {t(`cleaning.pii.kinds.${k}`)}
          </label>
        ))}
      </div>
      <div className="cleaning-actions">
        <button type="button" className="primary" disabled={kinds.length === 0} onClick={() => void start('scan', {}, setScanId)} data-testid="pii-scan">
          {t('cleaning.pii.scan')}
        </button>
      </div>
      {scan ? <JobStatus job={scan} onCancel={() => void api.post(`/api/jobs/${scan.id}/cancel`).catch(setError)} /> : null}
      {found ? (
        <div data-testid="pii-result">
          <p>{t('cleaning.pii.summary', { withPii: found.tasksWithPii, tasks: found.tasks })}</p>
          <table className="table pii-counts">
            <tbody>
              {PII_KINDS.map((k) => (
                <tr key={k}>
                  <td>{t(`cleaning.pii.kinds.${k}`)}</td>
                  <td className="num" data-testid={`pii-count-${k}`}>{found.counts[k]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {found.examples.length ? (
            <table className="table" data-testid="pii-examples">
              <thead>
                <tr>
                  <th>{t('cleaning.pii.task')}</th>
                  <th>{t('cleaning.pii.field')}</th>
                  <th>{t('cleaning.pii.kind')}</th>
                  <th>{t('cleaning.pii.value')}</th>
                  <th>{t('cleaning.pii.context')}</th>
                </tr>
              </thead>
              <tbody>
                {found.examples.map((e, i) => (
                  <tr key={i}>
                    <td className="num">
                      <Link to={`/projects/${projectId}/tasks/${e.taskId}`}>#{e.taskId}</Link>
                    </td>
                    <td>{e.field}</td>
                    <td>{t(`cleaning.pii.kinds.${e.kind}`)}</td>
                    <td><code>{e.masked}</code></td>
                    <td className="preview">{e.snippet}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
      <h4>{t('cleaning.pii.redactTitle')}</h4>
      <p className="muted small">{t('cleaning.pii.redactHelp')}</p>
      <div className="cleaning-actions">
        <select aria-label={t('cleaning.pii.mask')} value={mask} onChange={(e) => setMask(e.target.value as Mask)} data-testid="pii-mask">
          {(['char', 'label', 'partial'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`cleaning.pii.masks.${m}`)}
            </option>
          ))}
        </select>
        <button type="button" className="danger" disabled={kinds.length === 0 || (redact !== null && redact.status === 'running')} onClick={confirmRedact} data-testid="pii-redact">
          {t('cleaning.pii.redact')}
        </button>
      </div>
      {redact ? <JobStatus job={redact} onCancel={() => void api.post(`/api/jobs/${redact.id}/cancel`).catch(setError)} /> : null}
      {redacted ? (
        <p data-testid="pii-redact-result">
          {t('cleaning.pii.redacted', { changed: redacted.tasksChanged, tasks: redacted.tasks })}
          {redacted.lengthKeptTasks ? ` ${t('cleaning.pii.lengthKept', { count: redacted.lengthKeptTasks })}` : ''}
          {redacted.annotationsChanged ? ` ${t('cleaning.pii.annotationsChanged', { count: redacted.annotationsChanged })}` : ''}
        </p>
      ) : null}
      <ErrorText error={error} />
    </section>
  );
}
