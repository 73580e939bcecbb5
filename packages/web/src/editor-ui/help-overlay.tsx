import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command, CommandGroup, Editor } from '../editor/index.js';
import { KeyLabel } from './key-label.js';

const GROUPS: CommandGroup[] = ['tools', 'labels', 'media', 'edit', 'view', 'task'];

/** The pointer gestures that apply to this editor's objects. */
function pointerHelp(editor: Editor): string[] {
  const { image, video, audio } = editor.model;
  const canvas = image || video ? ['wheel', 'spaceDrag', 'shiftClick', 'altClickVertex', 'doubleClickEdge', 'rotateKnob'] : [];
  return [...canvas, ...(video ? ['timeline', 'dragOnFrame'] : []), ...(audio ? ['waveformDrag', 'segmentDrag'] : [])];
}

/** Every hotkey of the editor, read from its command registry, plus the pointer gestures. */
export function HelpOverlay({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' || e.key === '?') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  const byGroup = new Map<CommandGroup, Command[]>();
  for (const c of editor.commands.all()) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
  return (
    <div className="le-modal-backdrop" onClick={onClose}>
      <div className="le-modal le-help" role="dialog" aria-modal="true" aria-label={t('editor.help.title')} data-testid="editor-help" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>{t('editor.help.title')}</h2>
          <button type="button" onClick={onClose} aria-label={t('editor.help.close')}>×</button>
        </header>
        <div className="le-help-columns">
          {GROUPS.filter((g) => byGroup.has(g)).map((group) => (
            <section key={group}>
              <h3>{t(`editor.help.groups.${group}`)}</h3>
              <dl>
                {byGroup.get(group)?.map((c) => (
                  <div key={c.id} className="le-help-row">
                    <dt>{c.keys.map((k) => <KeyLabel key={k} combo={k} />)}</dt>
                    <dd>{t(c.title.key, c.title.params)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section>
            <h3>{t('editor.help.groups.pointer')}</h3>
            <dl>
              {pointerHelp(editor).map((k) => (
                <div key={k} className="le-help-row">
                  <dd>{t(`editor.help.pointer.${k}`)}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}
