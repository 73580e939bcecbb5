import { useTranslation } from 'react-i18next';
import { labelColor, pickLabel, type Editor } from '../editor/index.js';
import { KeyLabel } from './key-label.js';
import { useEditorState } from './use-editor-state.js';

/** The labels of every region control; number keys (or the configured hotkeys) pick them too. */
export function LabelPicker({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const active = useEditorState(editor, (s) => s.active);
  const controls = [...editor.model.regionControls.values()];
  if (controls.length === 0) return null;
  return (
    <section className="le-panel le-labels" aria-label={t('editor.labels.title')}>
      {controls.map((control) => (
        <div key={control.name} className="le-label-group" role="group" aria-label={control.name}>
          {control.labels.map((label) => {
            const key = editor.model.hotkeys.find((h) => h.control === control.name && h.value === label.value)?.key;
            const on = active?.control === control.name && active.label === label.value;
            return (
              <button
                key={label.value}
                type="button"
                className="le-label"
                aria-pressed={on}
                title={label.hint}
                data-testid={`label-${label.value}`}
                style={{ ['--le-label' as string]: labelColor(editor.model, control.name, label.value) }}
                onClick={() => editor.act((s, env) => pickLabel(s, env.model, control.name, label.value))}
              >
                <span className="le-swatch" aria-hidden="true" />
                {label.alias ?? label.value}
                {key ? <KeyLabel combo={key} /> : null}
              </button>
            );
          })}
        </div>
      ))}
    </section>
  );
}
