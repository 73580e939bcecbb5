import { useTranslation } from 'react-i18next';
import { addControl, addObject, changeControlType, CONTROL_KINDS, itemsKey, OBJECT_KINDS, removeObject, renameObject, type Draft, type DraftControl, type DraftItem } from './config-draft.js';
import { ItemsEditor } from './items-editor.js';

/** The visual half of the builder: objects (what is shown) and controls (what the annotator produces). */
export function VisualBuilder({ draft, onChange }: { draft: Draft; onChange(d: Draft): void }) {
  const { t } = useTranslation();
  const setControl = (i: number, c: DraftControl) => onChange({ ...draft, controls: draft.controls.map((x, j) => (j === i ? c : x)) });

  return (
    <div className="visual-builder">
      <h3>{t('app.builder.objects')}</h3>
      {draft.objects.map((o, i) => (
        <div className="builder-row" key={i} data-testid="builder-object">
          <select aria-label={t('app.builder.type')} value={o.type} onChange={(e) => onChange({ ...draft, objects: draft.objects.map((x, j) => (j === i ? { type: e.target.value, name: x.name, value: x.value } : x)) })}>
            {OBJECT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`app.builder.kinds.${k}`)}
              </option>
            ))}
          </select>
          <input aria-label={t('app.builder.name')} value={o.name} onChange={(e) => onChange(renameObject(draft, i, e.target.value))} />
          <input aria-label={t('app.builder.dataKey')} value={o.value} onChange={(e) => onChange({ ...draft, objects: draft.objects.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
          <button type="button" className="icon-button" aria-label={t('app.builder.remove')} onClick={() => onChange(removeObject(draft, i))}>
            ×
          </button>
        </div>
      ))}
      <AddMenu label={t('app.builder.addObject')} kinds={OBJECT_KINDS} onAdd={(k) => onChange(addObject(draft, k))} testId="add-object" />

      <h3>{t('app.builder.controls')}</h3>
      {draft.controls.map((c, i) => {
        const key = itemsKey(c.type);
        return (
          <div className="builder-control card" key={i} data-testid="builder-control">
            <div className="builder-row">
              <select aria-label={t('app.builder.type')} value={c.type} onChange={(e) => setControl(i, changeControlType(c, e.target.value))}>
                {CONTROL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`app.builder.kinds.${k}`)}
                  </option>
                ))}
              </select>
              <input aria-label={t('app.builder.name')} value={c.name} onChange={(e) => setControl(i, { ...c, name: e.target.value })} />
              <button type="button" className="icon-button" aria-label={t('app.builder.remove')} onClick={() => onChange({ ...draft, controls: draft.controls.filter((_, j) => j !== i) })}>
                ×
              </button>
            </div>
            {c.type !== 'relations' ? (
              <div className="builder-targets">
                <span className="muted">{t('app.builder.appliesTo')}</span>
                {draft.objects.map((o) => (
                  <label key={o.name} className="inline">
                    <input type="checkbox" checked={c.toName.includes(o.name)} onChange={(e) => setControl(i, { ...c, toName: e.target.checked ? [...c.toName, o.name] : c.toName.filter((n) => n !== o.name) })} />
                    {o.name}
                  </label>
                ))}
              </div>
            ) : null}
            {c.type === 'choices' ? (
              <label className="inline">
                <input type="checkbox" checked={c.choice === 'multiple'} onChange={(e) => setControl(i, { ...c, choice: e.target.checked ? 'multiple' : 'single' })} />
                {t('app.builder.multiple')}
              </label>
            ) : null}
            {c.type === 'rating' ? (
              <label className="inline">
                {t('app.builder.maxRating')}
                <input type="number" min={1} max={100} value={Number(c.maxRating ?? 5)} onChange={(e) => setControl(i, { ...c, maxRating: Number(e.target.value) })} />
              </label>
            ) : null}
            {key ? <ItemsEditor items={(c[key] as DraftItem[] | undefined) ?? []} withColor={key === 'labels'} onChange={(items) => setControl(i, { ...c, [key]: items })} /> : null}
          </div>
        );
      })}
      <AddMenu label={t('app.builder.addControl')} kinds={CONTROL_KINDS} onAdd={(k) => onChange(addControl(draft, k))} testId="add-control" />
    </div>
  );
}

function AddMenu({ label, kinds, onAdd, testId }: { label: string; kinds: readonly string[]; onAdd(kind: string): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <select
      className="add-menu"
      data-testid={testId}
      aria-label={label}
      value=""
      onChange={(e) => {
        if (e.target.value) onAdd(e.target.value);
      }}
    >
      <option value="">+ {label}</option>
      {kinds.map((k) => (
        <option key={k} value={k}>
          {t(`app.builder.kinds.${k}`)}
        </option>
      ))}
    </select>
  );
}
