import type { ConfigModel } from '../config-model.js';
import type { EditorPatch, EditorState } from '../types.js';
import { normaliseCombo } from './keys.js';

/** Events the editor emits for the app around it. */
export type EditorEvent = 'submit' | 'skip' | 'help' | 'track';

/** What a command may use besides the state. */
export interface CommandEnv {
  readonly model: ConfigModel;
  newId(): string;
  emit(event: EditorEvent): void;
}

/** An i18n key with its interpolation values, e.g. `{ key: 'editor.commands.pickLabel', params: { label: 'Car' } }`. */
export interface Title {
  key: string;
  params?: Record<string, string>;
}

export type CommandGroup = 'edit' | 'view' | 'tools' | 'labels' | 'media' | 'task';

/**
 * An editor action as data. Undo/redo, hotkeys, the toolbar and the help overlay all read the same
 * registry. `run` returns the patch to apply (undefined: nothing to do); when the command is
 * `undoable` and the patch changes the document, the old document becomes an undo step.
 */
export interface Command {
  id: string;
  keys: readonly string[];
  undoable: boolean;
  group: CommandGroup;
  title: Title;
  /**
   * On a video, commands see the document as it is on the current frame (tracks as the boxes and
   * polygons shown there); `wholeDocument` ones (undo, redo, keyframe edits) see it as stored.
   */
  wholeDocument?: boolean;
  /** False hides it from the help overlay and makes its keys fall through. */
  enabled?(state: EditorState): boolean;
  run(state: EditorState, env: CommandEnv): EditorPatch | undefined;
}

/** Commands by id and by key; a key bound twice goes to the first command registered. */
export class CommandRegistry {
  private readonly byId = new Map<string, Command>();
  private readonly byKey = new Map<string, Command[]>();

  constructor(commands: readonly Command[]) {
    for (const command of commands) this.add(command);
  }

  add(command: Command): void {
    const normalised = { ...command, keys: command.keys.map(normaliseCombo) };
    this.byId.set(command.id, normalised);
    for (const key of normalised.keys) this.byKey.set(key, [...(this.byKey.get(key) ?? []), normalised]);
  }

  get(id: string): Command | undefined {
    return this.byId.get(id);
  }

  /** The first enabled command bound to `key` in `state` (or in the state each command sees). */
  forKey(key: string, state: EditorState | ((command: Command) => EditorState)): Command | undefined {
    const stateOf = typeof state === 'function' ? state : () => state;
    return this.byKey.get(key)?.find((c) => c.enabled?.(stateOf(c)) ?? true);
  }

  all(): Command[] {
    return [...this.byId.values()];
  }
}
