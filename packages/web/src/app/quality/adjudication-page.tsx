import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AnnotationEditor } from '../../editor-ui/index.js';
import type { ResultItem, TaskDetail } from '../api/api-types.js';
import { useProject } from '../project/project-context.js';
import { useApi, useUser } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { mergeRegions } from './merge-results.js';
import type { ReviewedAnnotation } from './quality-types.js';
import { useMemberNames } from './use-member-names.js';
import './quality.css';

type Detail = Omit<TaskDetail, 'annotations'> & { annotations: ReviewedAnnotation[] };

const noop = () => undefined;

/**
 * One editor of several on the page. WARNING: the editor names its radio groups by control
 * (`le-<control>-task`), and radios with one name in one document are one group: a choice in one
 * editor would clear it in the others. A form of its own per editor keeps each group apart.
 */
function EditorFrame({ children, final }: { children: ReactNode; final?: boolean }) {
  return (
    <form className={final ? 'version-editor final-editor' : 'version-editor'} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}

/**
 * The adjudication view (/projects/:id/adjudicate/:taskId): every annotator's version side by
 * side in read-only editors; "use" one as the final result or "add its regions" to it, edit the
 * final result, then save it as the task's consensus annotation or accept it into one of the
 * submissions waiting for review (edit-and-accept).
 */
export function AdjudicationPage() {
  const { t } = useTranslation();
  const api = useApi();
  const user = useUser();
  const { project } = useProject();
  const { nameOf } = useMemberNames(project.id);
  const taskId = Number(useParams().taskId);
  const detail = useAsync((signal) => api.get<Detail>(`/api/tasks/${taskId}`, { signal }), [api, taskId]);
  const [final, setFinal] = useState<{ result: ResultItem[]; from: number[]; key: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const versions = useMemo(() => (detail.data?.annotations ?? []).filter((a) => !a.draft), [detail.data]);

  if (project.role === 'annotator') return <p className="muted">{t('quality.reviewersOnly')}</p>;
  if (detail.error) return <ErrorText error={detail.error} />;
  if (!detail.data) return <p className="muted">{t('quality.loading')}</p>;
  const task = detail.data;
  const current = final ?? { result: [] as ResultItem[], from: [] as number[], key: 0 };
  const use = (a: ReviewedAnnotation) => setFinal({ result: a.result, from: [a.id], key: current.key + 1 });
  const add = (a: ReviewedAnnotation) => setFinal({ result: mergeRegions(current.result, a.result), from: [...new Set([...current.from, a.id])], key: current.key + 1 });
  const acceptable = versions.filter((a) => a.source !== 'consensus' && a.completedBy !== user.id && (a.reviewState === 'pending' || a.reviewState === 'in_review'));

  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      setSaved(await run());
      detail.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const saveConsensus = () =>
    act(async () => {
      const res = await api.post<{ annotationId: number }>(`/api/tasks/${taskId}/adjudication`, { result: current.result, fromAnnotationIds: current.from });
      return t('quality.adjudicate.savedConsensus', { id: res.annotationId });
    });
  const acceptInto = (a: ReviewedAnnotation) =>
    act(async () => {
      await api.post(`/api/annotations/${a.id}/review`, { action: 'accept', version: a.version, result: current.result });
      return t('quality.adjudicate.acceptedInto', { id: a.id });
    });

  return (
    <div className="adjudication" data-testid="adjudication" data-task-id={taskId}>
      <div className="workspace-bar">
        <span className="task-id">{t('quality.adjudicate.title', { task: taskId })}</span>
        <span className="spacer" />
        <Link to={`/projects/${project.id}/agreement`}>{t('quality.adjudicate.backToAgreement')}</Link>
      </div>
      {versions.length === 0 ? <p className="muted">{t('quality.adjudicate.noVersions')}</p> : null}
      <div className="versions">
        {versions.map((a) => (
          <section key={a.id} className="version card" data-testid="adjudication-version" data-annotation-id={a.id}>
            <header>
              <strong>{a.source === 'consensus' ? t('quality.adjudicate.consensus') : nameOf(a.completedBy)}</strong>
              <span className={`badge state-${a.reviewState}`}>{t(`quality.states.${a.reviewState}`)}</span>
              <span className="small muted">#{a.id} · v{a.version}</span>
              <span className="spacer" />
              <button type="button" className="small" onClick={() => use(a)} data-testid="use-version">
                {t('quality.adjudicate.use')}
              </button>
              <button type="button" className="small" onClick={() => add(a)} data-testid="add-version">
                {t('quality.adjudicate.addRegions')}
              </button>
            </header>
            <EditorFrame>
              <AnnotationEditor key={`${a.id}:${a.version}`} config={project.labelConfig} task={{ id: task.id, data: task.data }} initialResult={a.result} readOnly onChange={noop} onSubmit={noop} onSkip={noop} />
            </EditorFrame>
          </section>
        ))}
      </div>
      <section className="final card" data-testid="adjudication-final">
        <header className="workspace-bar">
          <h2>{t('quality.adjudicate.final')}</h2>
          <span className="small muted" data-testid="final-count">
            {t('quality.adjudicate.finalCount', { count: current.result.length, from: current.from.map((id) => `#${id}`).join(', ') || '—' })}
          </span>
          <span className="spacer" />
          {acceptable.map((a) => (
            <button key={a.id} type="button" disabled={busy} onClick={() => void acceptInto(a)} title={t('quality.adjudicate.acceptIntoHelp')}>
              {t('quality.adjudicate.acceptInto', { name: nameOf(a.completedBy), id: a.id })}
            </button>
          ))}
          <button type="button" className="primary" disabled={busy} onClick={() => void saveConsensus()} data-testid="save-consensus">
            {t('quality.adjudicate.saveConsensus')}
          </button>
        </header>
        <ErrorText error={error} />
        {saved ? (
          <p className="ok-text" role="status" data-testid="adjudication-saved">
            {saved}
          </p>
        ) : null}
        <EditorFrame final>
          <AnnotationEditor
            key={`final:${current.key}`}
            config={project.labelConfig}
            task={{ id: task.id, data: task.data }}
            initialResult={current.result}
            onChange={(result: ResultItem[]) => setFinal({ ...current, result })}
            onSubmit={() => void saveConsensus()}
            onSkip={noop}
          />
        </EditorFrame>
      </section>
    </div>
  );
}
