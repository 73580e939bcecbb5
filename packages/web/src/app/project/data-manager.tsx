import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Member, Page, Task } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { useProject } from './project-context.js';

type SortKey = 'id' | 'annotations' | 'updated';
interface Filters {
  labeled: '' | 'true' | 'false';
  q: string;
  annotator: string;
}

/** A short, plain-text preview of a task's data (never HTML). */
export function previewOf(data: Record<string, unknown>): string {
  const first = Object.values(data).find((v) => typeof v === 'string' || typeof v === 'number');
  const text = first === undefined ? JSON.stringify(data) : String(first);
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

/** The data manager: a project's tasks with filters, sort and cursor paging (one page at a time, any size of project). */
export function DataManager() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const { project } = useProject();
  const [filters, setFilters] = useState<Filters>({ labeled: '', q: '', annotator: '' });
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'id', desc: false });
  const [rows, setRows] = useState<Task[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const members = useAsync((signal) => api.get<Member[]>(`/api/projects/${project.id}/members`, { signal }), [api, project.id]);

  // Search waits for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => ({ ...f, q })), 300);
    return () => clearTimeout(timer);
  }, [q]);

  const query = (after: string | null) => {
    const p = new URLSearchParams({ limit: '50', sort: `${sort.desc ? '-' : ''}${sort.key}` });
    if (filters.labeled) p.set('labeled', filters.labeled);
    if (filters.q.trim()) p.set('q', filters.q.trim());
    if (filters.annotator) p.set('annotator', filters.annotator);
    if (after) p.set('cursor', after);
    return `/api/projects/${project.id}/tasks?${p.toString()}`;
  };

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api
      .get<Page<Task>>(query(null), { signal: ctrl.signal })
      .then((page) => {
        setRows(page.items);
        setCursor(page.nextCursor);
        setError(null);
      })
      .catch((err: unknown) => !ctrl.signal.aborted && setError(err))
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
  }, [api, project.id, filters, sort]);

  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api.get<Page<Task>>(query(cursor));
      setRows((r) => [...r, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'id' }))}>
        {label} {sort.key === key ? (sort.desc ? '↓' : '↑') : ''}
      </button>
    </th>
  );

  return (
    <div className="data-manager">
      <div className="filters">
        <input type="search" placeholder={t('app.data.search')} aria-label={t('app.data.search')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="data-search" />
        <select aria-label={t('app.data.labeled')} value={filters.labeled} onChange={(e) => setFilters((f) => ({ ...f, labeled: e.target.value as Filters['labeled'] }))}>
          <option value="">{t('app.data.all')}</option>
          <option value="true">{t('app.data.labeledOnly')}</option>
          <option value="false">{t('app.data.unlabeledOnly')}</option>
        </select>
        <select aria-label={t('app.data.annotator')} value={filters.annotator} onChange={(e) => setFilters((f) => ({ ...f, annotator: e.target.value }))}>
          <option value="">{t('app.data.anyAnnotator')}</option>
          {members.data?.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name || m.email}
            </option>
          ))}
        </select>
      </div>
      <ErrorText error={error} />
      <table className="table">
        <thead>
          <tr>
            {header('id', t('app.data.id'))}
            <th>{t('app.data.data')}</th>
            {header('annotations', t('app.data.annotations'))}
            <th>{t('app.data.status')}</th>
            {header('updated', t('app.data.updated'))}
          </tr>
        </thead>
        <tbody>
          {rows.map((task) => (
            <tr key={task.id} className="clickable" tabIndex={0} onClick={() => navigate(`/projects/${project.id}/tasks/${task.id}`)} onKeyDown={(e) => e.key === 'Enter' && navigate(`/projects/${project.id}/tasks/${task.id}`)}>
              <td className="num">{task.id}</td>
              <td className="preview">{previewOf(task.data)}</td>
              <td className="num">{task.annotationCount}</td>
              <td>{task.isLabeled ? <span className="badge ok">{t('app.data.done')}</span> : <span className="badge">{t('app.data.todo')}</span>}</td>
              <td className="muted">{new Date(task.updatedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && rows.length === 0 ? <p className="empty">{t('app.data.empty')}</p> : null}
      {cursor ? (
        <button type="button" onClick={() => void more()} disabled={loading}>
          {t('app.data.more')}
        </button>
      ) : null}
    </div>
  );
}
