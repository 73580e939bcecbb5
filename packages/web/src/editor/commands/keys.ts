/** The parts of a KeyboardEvent the editor reads (a plain object in tests). */
export interface KeyInput {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

const NAMED: Record<string, string> = { ' ': 'space', spacebar: 'space', esc: 'escape', del: 'delete', return: 'enter', plus: '+', minus: '-' };

/**
 * The canonical name of a key press: modifiers in the order `mod+alt+shift+key`, `mod` meaning
 * Ctrl or ⌘. Shift is kept for letters and named keys (`shift+a`, `shift+tab`) but not for
 * symbols, whose shifted character already says it (`?`, not `shift+/`).
 * @example keyName({ key: 'Z', ctrlKey: true, shiftKey: true }) // 'mod+shift+z'
 */
export function keyName(input: KeyInput): string {
  let key = input.key.toLowerCase();
  key = NAMED[key] ?? key;
  // With Alt, macOS types a symbol (Alt+R gives ®): fall back to the physical key.
  const physical = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(input.code ?? '');
  if (input.altKey && physical) key = (physical[1] ?? physical[2] ?? key).toLowerCase();
  const letterOrNamed = /^[a-z]$/.test(key) || key.length > 1;
  const parts: string[] = [];
  if (input.ctrlKey || input.metaKey) parts.push('mod');
  if (input.altKey) parts.push('alt');
  if (input.shiftKey && letterOrNamed) parts.push('shift');
  parts.push(key);
  return parts.join('+');
}

/** The canonical form of a combination written in a config or a command (`Ctrl+Shift+Z` → `mod+shift+z`). */
export function normaliseCombo(combo: string): string {
  const parts = combo.toLowerCase().split('+').filter((p, i, all) => p !== '' || i === all.length - 1);
  const key = parts.pop() || '+';
  const has = (...names: string[]) => parts.some((p) => names.includes(p));
  return keyName({ key, ctrlKey: has('ctrl', 'control', 'mod', 'cmd', 'meta', 'command'), altKey: has('alt', 'option'), shiftKey: has('shift') });
}
