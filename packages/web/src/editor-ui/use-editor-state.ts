import { useCallback, useSyncExternalStore } from 'react';
import type { Editor, EditorState } from '../editor/index.js';

/**
 * A slice of the editor's state; the component re-renders only when the slice changes (by
 * reference). Selectors must return parts of the state, not new objects.
 * @example const selection = useEditorState(editor, (s) => s.selection);
 */
export function useEditorState<T>(editor: Editor, select: (state: EditorState) => T): T {
  // A stable subscribe: a new one each render would make React unsubscribe and subscribe again.
  const subscribe = useCallback((onChange: () => void) => editor.store.subscribe(onChange), [editor]);
  const slice = () => select(editor.getState());
  return useSyncExternalStore(subscribe, slice, slice);
}
