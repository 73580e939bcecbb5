import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import type { EvaluationKind, EvaluationOptions, EvaluationReference, EvaluationRunView, NewEvaluation, SourceKind } from './evaluation-types.js';

interface FormState {
  name: string;
  sourceKind: SourceKind;
  modelVersionId: string;
  modelVersion: string;
  file: File | null;
  reference: EvaluationReference;
  fromName: string;
  kind: EvaluationKind | '';
  sliceBy: string;
  minSupport: string;
  iouType: 'bbox' | 'segm';
  nerMatch: 'exact' | 'overlap';
}

/** The fields both routes share; `source` (JSON route) or `file` (multipart route) is added by the caller. */
function commonFields(s: FormState, fromName: string, kind: EvaluationKind | ''): Omit<NewEvaluation, 'source'> {
  return {
    ...(s.name.trim() ? { name: s.name.trim() } : {}),
    reference: s.reference,
    ...(fromName ? { fromName } : {}),
    ...(kind ? { kind } : {}),
    ...(s.sliceBy.trim() ? { sliceBy: s.sliceBy.trim() } : {}),
    ...(s.sliceBy.trim() && s.minSupport.trim() ? { minSupport: Number(s.minSupport) } : {}),
    ...(kind === 'detection' ? { iouType: s.iouType } : {}),
    ...(kind === 'ner' ? { nerMatch: s.nerMatch } : {}),
  };
}

/**
 * Start an evaluation run: what to evaluate (a built-in model version, stored predictions by their
 * model_version, or an uploaded prediction file), against what (accepted or gold annotations), on
 * which control, optionally sliced by a task-data field. The run is a job; `onCreated` gets it at once.
 */
export function NewEvaluationForm({ projectId, options, onCreated }: { projectId: number; options: EvaluationOptions; onCreated(run: EvaluationRunView): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const ids = useId();
  const [s, setS] = useState<FormState>(() => ({
    name: '',
    sourceKind: options.builtinVersions.length ? 'model-version' : options.modelVersions.length ? 'predictions' : 'file',
    modelVersionId: options.builtinVersions[0] ? String(options.builtinVersions[0].id) : '',
    modelVersion: options.modelVersions[0]?.modelVersion ?? '',
    file: null,
    reference: 'accepted',
    fromName: options.controls[0]?.fromName ?? '',
    kind: '',
    sliceBy: '',
    minSupport: '1',
    iouType: 'bbox',
    nerMatch: 'exact',
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setS((prev) => ({ ...prev, [key]: value }));

  // The options reload when a model is trained: a choice no longer offered falls back to the first.
  const versionId = options.builtinVersions.some((v) => String(v.id) === s.modelVersionId) ? s.modelVersionId : String(options.builtinVersions[0]?.id ?? '');
  const modelVersion = options.modelVersions.some((v) => v.modelVersion === s.modelVersion) ? s.modelVersion : options.modelVersions[0]?.modelVersion;
  // A built-in version predicts one control: with that source the control is the version's.
  const versionControl = s.sourceKind === 'model-version' ? options.builtinVersions.find((v) => String(v.id) === versionId)?.fromName : undefined;
  const fixedControl = versionControl !== undefined && options.controls.some((c) => c.fromName === versionControl) ? versionControl : null;
  const fromName = fixedControl ?? s.fromName;
  const kinds = options.controls.find((c) => c.fromName === fromName)?.kinds ?? [];
  // A control change can leave a kind it does not offer: then the control's first.
  const kind = s.kind && kinds.includes(s.kind) ? s.kind : (kinds[0] ?? '');
  const ready = s.sourceKind === 'model-version' ? versionId !== '' : s.sourceKind === 'predictions' ? modelVersion !== undefined : s.file !== null;

  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      const fields = commonFields(s, fromName, kind);
      let run: EvaluationRunView;
      if (s.sourceKind === 'file') {
        const form = new FormData();
        for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
        form.append('file', s.file as File);
        run = await api.request<EvaluationRunView>('POST', `/api/projects/${projectId}/evaluations/file`, { raw: form });
      } else {
        const source: NewEvaluation['source'] = s.sourceKind === 'model-version' ? { kind: 'model-version', modelVersionId: Number(versionId) } : { kind: 'predictions', modelVersion: modelVersion ?? '' };
        run = await api.post<EvaluationRunView>(`/api/projects/${projectId}/evaluations`, { ...fields, source });
      }
      setS((prev) => ({ ...prev, name: '' }));
      onCreated(run);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="new-evaluation"
      data-testid="new-evaluation"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>{t('evaluations.new.title')}</h4>
      <fieldset className="source-picker">
        <legend>{t('evaluations.new.source')}</legend>
        {(['model-version', 'predictions', 'file'] as const).map((k) => (
          <label key={k} className="inline">
            <input
              type="radio"
              name={`${ids}-source`}
              value={k}
              checked={s.sourceKind === k}
              onChange={() => set('sourceKind', k)}
              data-testid={`source-${k}`}
            />
            {t(`evaluations.source.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="form-row wrap">
        {s.sourceKind === 'model-version' ? (
          <label>
            {t('evaluations.new.builtinVersion')}
            <select value={versionId} onChange={(e) => set('modelVersionId', e.target.value)} data-testid="eval-builtin">
              {options.builtinVersions.length === 0 ? <option value="">{t('evaluations.new.noBuiltin')}</option> : null}
              {options.builtinVersions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {s.sourceKind === 'predictions' ? (
          <label>
            {t('evaluations.new.modelVersion')}
            <select value={modelVersion ?? ''} onChange={(e) => set('modelVersion', e.target.value)} data-testid="eval-model-version">
              {options.modelVersions.length === 0 ? <option value="">{t('evaluations.new.noPredictions')}</option> : null}
              {options.modelVersions.map((v) => (
                <option key={v.modelVersion} value={v.modelVersion}>
                  {t('evaluations.new.predictionsOf', { version: v.modelVersion || t('evaluations.new.unnamedVersion'), count: v.predictions })}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {s.sourceKind === 'file' ? (
          <label>
            {t('evaluations.new.file')}
            <input type="file" accept=".json,.jsonl,application/json" onChange={(e) => set('file', e.target.files?.[0] ?? null)} data-testid="eval-file" />
            <span className="small muted">{t('evaluations.new.fileHelp')}</span>
          </label>
        ) : null}
        <label>
          {t('evaluations.new.name')}
          <input value={s.name} maxLength={200} placeholder={t('evaluations.new.namePlaceholder')} onChange={(e) => set('name', e.target.value)} data-testid="eval-name" />
        </label>
      </div>
      <div className="form-row wrap">
        <label>
          {t('evaluations.new.reference')}
          <select value={s.reference} onChange={(e) => set('reference', e.target.value as EvaluationReference)} data-testid="eval-reference">
            <option value="accepted">{t('evaluations.reference.accepted')}</option>
            <option value="gold">{t('evaluations.reference.gold')}</option>
          </select>
        </label>
        <label>
          {t('evaluations.control')}
          <select value={fromName} disabled={fixedControl !== null} onChange={(e) => set('fromName', e.target.value)} data-testid="eval-control">
            {options.controls.length === 0 ? <option value="">{t('evaluations.new.noControls')}</option> : null}
            {options.controls.map((c) => (
              <option key={c.fromName} value={c.fromName}>
                {c.fromName}
              </option>
            ))}
          </select>
        </label>
        {kinds.length > 1 ? (
          <label>
            {t('evaluations.new.kind')}
            <select value={kind} onChange={(e) => set('kind', e.target.value as EvaluationKind)} data-testid="eval-kind">
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`evaluations.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
        ) : kind ? (
          <p className="small muted kind-note">{t(`evaluations.kinds.${kind}`)}</p>
        ) : null}
        {kind === 'detection' ? (
          <label>
            {t('evaluations.new.iouType')}
            <select value={s.iouType} onChange={(e) => set('iouType', e.target.value as FormState['iouType'])} data-testid="eval-iou-type">
              <option value="bbox">{t('evaluations.new.iouBbox')}</option>
              <option value="segm">{t('evaluations.new.iouSegm')}</option>
            </select>
          </label>
        ) : null}
        {kind === 'ner' ? (
          <label>
            {t('evaluations.new.nerMatch')}
            <select value={s.nerMatch} onChange={(e) => set('nerMatch', e.target.value as FormState['nerMatch'])} data-testid="eval-ner-match">
              <option value="exact">{t('evaluations.nerMatch.exact')}</option>
              <option value="overlap">{t('evaluations.nerMatch.overlap')}</option>
            </select>
          </label>
        ) : null}
      </div>
      <div className="form-row wrap">
        <label>
          {t('evaluations.sliceBy')}
          <input value={s.sliceBy} list={`${ids}-fields`} placeholder={options.sliceFields[0] ?? 'meta.region'} onChange={(e) => set('sliceBy', e.target.value)} data-testid="eval-slice-by" />
          <datalist id={`${ids}-fields`}>
            {options.sliceFields.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </label>
        {s.sliceBy.trim() ? (
          <label>
            {t('evaluations.new.minSupport')}
            <input type="number" min={1} step={1} value={s.minSupport} onChange={(e) => set('minSupport', e.target.value)} data-testid="eval-min-support" />
          </label>
        ) : null}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !ready || options.controls.length === 0} data-testid="eval-start">
          {t('evaluations.new.start')}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
