import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classificationKey, setClassification, toggleChoice, type ClassificationControl, type Editor } from '../editor/index.js';
import { KeyLabel } from './key-label.js';
import { useEditorState } from './use-editor-state.js';

interface Props {
  editor: Editor;
  control: ClassificationControl;
  /** Set for per-region controls. */
  regionId?: string | undefined;
}

/** One choices / textarea / rating / number control, for the whole task or for one region. */
export function ClassificationControlView({ editor, control, regionId }: Props) {
  const { t } = useTranslation();
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const classification = useEditorState(editor, (s) => s.doc.classifications.get(classificationKey(control.name, regionId)));
  const hotkeys = editor.model.hotkeys;
  const value = classification?.suggestion ? undefined : classification?.value;
  const suggested = classification?.suggestion ? classification : undefined;
  const set = (v: readonly string[] | number | null) => editor.edit((doc, env) => setClassification(doc, env.model, env.newId, control.name, v, regionId));
  // Unique per editor instance: two editors on one page (adjudication) must not share radio groups.
  const instance = useId();
  const id = `le-${instance}-${control.name}-${regionId ?? 'task'}`;

  let body;
  switch (control.type) {
    case 'choices': {
      const chosen = Array.isArray(value) ? value : [];
      body = (
        <div className="le-choices" role={control.choice === 'multiple' ? 'group' : 'radiogroup'} aria-labelledby={id}>
          {control.choices.map((c) => {
            const key = hotkeys.find((h) => h.control === control.name && h.value === c.value)?.key;
            return (
              <label key={c.value} className="le-choice" title={c.hint}>
                <input
                  type={control.choice === 'multiple' ? 'checkbox' : 'radio'}
                  name={id}
                  checked={chosen.includes(c.value)}
                  disabled={readOnly}
                  onChange={() => editor.edit((doc, env) => toggleChoice(doc, env.model, env.newId, control.name, c.value, regionId))}
                />
                <span>{c.alias ?? c.value}</span>
                {key ? <KeyLabel combo={key} /> : null}
              </label>
            );
          })}
        </div>
      );
      break;
    }
    case 'textarea':
      body = <TextAreaInput id={id} rows={control.rows ?? 2} placeholder={control.placeholder} texts={Array.isArray(value) ? value : []} disabled={readOnly} onCommit={set} />;
      break;
    case 'rating': {
      const max = control.maxRating ?? 5;
      const rating = typeof value === 'number' ? value : 0;
      body = (
        <div className="le-rating" role="radiogroup" aria-labelledby={id}>
          {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
            <button
              key={n}
              type="button"
              role="radio"
              aria-checked={rating === n}
              aria-label={t('editor.classification.stars', { count: n })}
              className={n <= rating ? 'le-star le-star-on' : 'le-star'}
              disabled={readOnly}
              onClick={() => set(rating === n ? null : n)}
            >
              ★
            </button>
          ))}
        </div>
      );
      break;
    }
    case 'number':
      body = (
        <input
          id={id}
          type="number"
          className="le-number"
          min={control.min}
          max={control.max}
          step={control.step ?? 'any'}
          value={typeof value === 'number' ? value : ''}
          disabled={readOnly}
          onChange={(e) => {
            const n = e.target.valueAsNumber;
            const inRange = Number.isFinite(n) && (control.min === undefined || n >= control.min) && (control.max === undefined || n <= control.max);
            if (e.target.value === '') set(null);
            else if (inRange) set(n);
          }}
        />
      );
      break;
  }
  return (
    <fieldset className="le-classification" data-testid={`control-${control.name}`}>
      <legend id={id}>
        {control.name}
        {control.required ? <span className="le-required" title={t('editor.classification.required')}>*</span> : null}
      </legend>
      {body}
      {suggested ? (
        <p className="le-suggested">
          {t('editor.classification.suggested', { value: formatValue(suggested.value), score: suggested.suggestion?.score?.toFixed(2) ?? '–' })}
          <button type="button" disabled={readOnly} onClick={() => set(suggested.value)}>
            {t('editor.suggestions.accept')}
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}

function formatValue(value: readonly string[] | number): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

interface TextAreaProps {
  id: string;
  rows: number;
  placeholder: string | undefined;
  texts: readonly string[];
  disabled: boolean;
  onCommit(value: readonly string[] | null): void;
}

/** A text answer, committed when the field loses focus: one undo step per edit, not per keystroke. */
function TextAreaInput({ id, rows, placeholder, texts, disabled, onCommit }: TextAreaProps) {
  const joined = texts.join('\n');
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== joined) onCommit(draft.trim() === '' ? null : [draft]);
    setDraft(null);
  };
  return (
    <textarea
      id={id}
      className="le-textarea"
      rows={rows}
      placeholder={placeholder}
      value={draft ?? joined}
      disabled={disabled}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
    />
  );
}
