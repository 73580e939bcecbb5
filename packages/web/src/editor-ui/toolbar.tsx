import { useTranslation } from 'react-i18next';
import type { Editor } from '../editor/index.js';
import { Icon } from './icons.js';
import { formatKey } from './key-label.js';
import { useEditorState } from './use-editor-state.js';


/** Tools, undo/redo, zoom and image adjustments; every button runs a registry command and shows its key. */
export function Toolbar({ editor, onHelp }: { editor: Editor; onHelp(): void }) {
  const { t } = useTranslation();
  const tool = useEditorState(editor, (s) => s.tool);
  const history = useEditorState(editor, (s) => s.history);
  const adjust = useEditorState(editor, (s) => s.adjust);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const keyOf = (id: string) => editor.commands.get(id)?.keys[0];
  const button = (id: string, icon: string, options: { pressed?: boolean; disabled?: boolean } = {}) => {
    const command = editor.commands.get(id);
    if (command === undefined) return null;
    const label = t(command.title.key, command.title.params);
    const key = keyOf(id);
    return (
      <button
        key={id}
        type="button"
        className="le-tool"
        aria-pressed={options.pressed}
        disabled={options.disabled}
        title={key ? `${label} (${formatKey(key)})` : label}
        aria-label={label}
        data-testid={`cmd-${id}`}
        onClick={() => editor.execute(id)}
      >
        <Icon name={icon} />
      </button>
    );
  };
  return (
    <div className="le-toolbar" role="toolbar" aria-label={t('editor.toolbar.label')}>
      {editor.model.tools.length > 0 ? (
        <div className="le-group">{editor.model.tools.map((id) => button(`tool.${id}`, id, { pressed: tool === id }))}</div>
      ) : null}
      <div className="le-group">
        {button('undo', 'undo', { disabled: readOnly || history.past.length === 0 })}
        {button('redo', 'redo', { disabled: readOnly || history.future.length === 0 })}
      </div>
      {editor.model.image ? (
        <>
          <div className="le-group">
            {button('zoomOut', 'zoomOut')}
            {button('fit', 'fit')}
            {button('zoomIn', 'zoomIn')}
          </div>
          <div className="le-group le-adjust">
            <label title={t('editor.toolbar.brightness')}>
              <Icon name="brightness" />
              <input type="range" min={0.1} max={3} step={0.05} value={adjust.brightness} aria-label={t('editor.toolbar.brightness')}
                onChange={(e) => editor.patch({ adjust: { ...adjust, brightness: Number(e.target.value) } })} />
            </label>
            <label title={t('editor.toolbar.contrast')}>
              <Icon name="contrast" />
              <input type="range" min={0.1} max={3} step={0.05} value={adjust.contrast} aria-label={t('editor.toolbar.contrast')}
                onChange={(e) => editor.patch({ adjust: { ...adjust, contrast: Number(e.target.value) } })} />
            </label>
          </div>
        </>
      ) : null}
      <span className="le-spacer" />
      <button type="button" className="le-tool" onClick={onHelp} title={`${t('editor.commands.help')} (?)`} data-testid="editor-help-button" aria-label={t('editor.commands.help')}>
        <Icon name="help" />
      </button>
    </div>
  );
}
