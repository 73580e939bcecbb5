import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { JobProgress } from './job-progress.js';
import { LearningCurveChart } from './learning-curve-chart.js';
import type { CurvePoint, ModelFile } from './model-types.js';
import { useJob } from './use-job.js';

type Kind = 'text-classifier' | 'image-classifier';

const DEFAULTS = { learningRate: 1, epochs: 20, l2: 0.0001, validationSplit: 0.1, seed: 0 };

/** Train a built-in model with chosen hyperparameters; the learning curve grows as epochs finish. */
export function TrainingPanel({ projectId, onTrained }: { projectId: number; onTrained(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [kind, setKind] = useState<Kind>('text-classifier');
  const [params, setParams] = useState(DEFAULTS);
  const [featureFileId, setFeatureFileId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [run, setRun] = useState<{ jobId: number; versionId: number } | null>(null);
  const { data: files, reload: reloadFiles } = useAsync((signal) => api.get<ModelFile[]>(`/api/projects/${projectId}/model-files`, { signal }), [api, projectId]);
  const { job } = useJob(run?.jobId ?? null, () => onTrained());
  // While training the curve lives in the version; the job's result holds it once done.
  const { data: liveCurve } = useAsync(
    (signal) => (run ? api.get<{ curve: CurvePoint[] }>(`/api/model-versions/${run.versionId}`, { signal }).then((v) => v.curve) : Promise.resolve([])),
    [api, run?.versionId, job?.status, job?.progress.done],
  );
  const curve = (job?.result as { curve?: CurvePoint[] } | null)?.curve ?? liveCurve ?? [];

  const train = async () => {
    setError(null);
    try {
      const body = { kind, ...params, ...(kind === 'image-classifier' && featureFileId !== null ? { featureFileId } : {}) };
      const res = await api.post<{ jobId: number; modelVersion: { id: number } }>(`/api/projects/${projectId}/model-versions`, body);
      setRun({ jobId: res.jobId, versionId: res.modelVersion.id });
      onTrained();
    } catch (err) {
      setError(err);
    }
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const stored = await api.request<ModelFile>('POST', `/api/projects/${projectId}/model-files`, { raw: form });
      setFeatureFileId(stored.id);
      reloadFiles();
    } catch (err) {
      setError(err);
    }
  };

  const number = (key: keyof typeof DEFAULTS, step: string, min: number, max?: number) => (
    <label>
      {t(`models.train.${key}`)}
      <input type="number" step={step} min={min} max={max} value={params[key]} onChange={(e) => setParams({ ...params, [key]: Number(e.target.value) })} data-testid={`train-${key}`} />
    </label>
  );

  return (
    <section className="card model-section" data-testid="model-training">
      <h3>{t('models.train.title')}</h3>
      <p className="muted small">{t('models.train.help')}</p>
      <div className="form-row">
        <label>
          {t('models.train.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="text-classifier">{t('models.kinds.text-classifier')}</option>
            <option value="image-classifier">{t('models.kinds.image-classifier')}</option>
          </select>
        </label>
        {number('learningRate', '0.05', 0.001)}
        {number('epochs', '1', 1, 1000)}
        {number('l2', '0.0001', 0)}
        {number('validationSplit', '0.05', 0, 0.9)}
        {number('seed', '1', 0)}
      </div>
      {kind === 'image-classifier' ? (
        <div className="form-row">
          <label>
            {t('models.train.featureModel')}
            <select value={featureFileId ?? ''} onChange={(e) => setFeatureFileId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('models.train.chooseFeatureModel')}</option>
              {files?.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.fileName} ({f.meta.width}×{f.meta.height})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('models.train.uploadOnnx')}
            <input type="file" accept=".onnx" onChange={(e) => void upload(e.target.files?.[0])} />
          </label>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" disabled={kind === 'image-classifier' && featureFileId === null} onClick={() => void train()} data-testid="train-start">
          {t('models.train.start')}
        </button>
      </div>
      <ErrorText error={error} />
      {run ? <JobProgress job={job} label={t('models.train.title')} /> : null}
      {run && curve.length > 0 ? <LearningCurveChart curve={curve} epochs={params.epochs} /> : null}
    </section>
  );
}
