import { useSyncExternalStore } from 'react';
import type { Editor, EditorState } from '../editor/index.js';

/**
 * A slice of the editor's state; the component re-renders only when the slice changes (by
 * reference). Selectors must return parts of the state, not new objects.
 * @example const selection = useEditorState(editor, (s) => s.selection);
 */
export function useEditorState<T>(editor: Editor, select: (state: EditorState) => T): T {
  return useSyncExternalStore(
    (onChange) => editor.store.subscribe(onChange),
    () => select(editor.getState()),
    () => select(editor.getState()),
  );
}
