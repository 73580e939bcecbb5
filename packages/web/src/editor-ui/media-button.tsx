import { useTranslation } from 'react-i18next';
import type { Editor } from '../editor/index.js';
import { Icon } from './icons.js';
import { formatKey } from './key-label.js';

/** A button that runs a registry command, titled with its name and first key. */
export function MediaButton({ editor, id, icon, disabled, pressed }: { editor: Editor; id: string; icon?: string; disabled?: boolean; pressed?: boolean }) {
  const { t } = useTranslation();
  const command = editor.commands.get(id);
  if (command === undefined) return null;
  const label = t(command.title.key, command.title.params);
  const key = command.keys[0];
  return (
    <button
      type="button"
      className="le-tool"
      title={key ? `${label} (${formatKey(key)})` : label}
      aria-label={label}
      aria-pressed={pressed}
      disabled={disabled}
      data-testid={`cmd-${id}`}
      onClick={() => editor.execute(id)}
    >
      <Icon name={icon ?? id} />
    </button>
  );
}
