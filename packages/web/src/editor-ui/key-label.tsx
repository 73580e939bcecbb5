const NAMES: Record<string, string> = {
  arrowleft: '←', arrowright: '→', arrowup: '↑', arrowdown: '↓', enter: 'Enter', escape: 'Esc', delete: 'Del',
  backspace: 'Backspace', tab: 'Tab', space: 'Space', shift: 'Shift', alt: 'Alt', home: 'Home', end: 'End',
};

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A canonical key combination (`mod+shift+z`) as people read it: `Ctrl+Shift+Z` (⌘ on a Mac). */
export function formatKey(combo: string): string {
  const parts = combo.match(/[^+]+|\+$/g) ?? [combo];
  return parts
    .map((part) => {
      if (part === 'mod') return isMac() ? '⌘' : 'Ctrl';
      return NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part);
    })
    .join('+');
}

/** A key combination in a <kbd>. */
export function KeyLabel({ combo }: { combo: string }) {
  return <kbd>{formatKey(combo)}</kbd>;
}
