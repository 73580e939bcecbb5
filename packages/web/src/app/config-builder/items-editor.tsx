import { useTranslation } from 'react-i18next';
import { colorAt } from './config-templates.js';
import type { DraftItem } from './config-draft.js';

/** Rows of labels (value, hotkey, colour) or choices (value, hotkey) of one control. */
export function ItemsEditor({ items, withColor, onChange }: { items: DraftItem[]; withColor: boolean; onChange(items: DraftItem[]): void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<DraftItem>) => onChange(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <div className="items-editor">
      {items.map((it, i) => (
        <div className="item-row" key={i}>
          <input aria-label={t('app.builder.itemValue')} className="item-value" value={it.value} onChange={(e) => set(i, { value: e.target.value })} />
          <input aria-label={t('app.builder.hotkey')} className="item-hotkey" placeholder={t('app.builder.hotkey')} value={it.hotkey ?? ''} onChange={(e) => set(i, { hotkey: e.target.value.trim() })} />
          {withColor ? <input aria-label={t('app.builder.color')} type="color" value={/^#[0-9a-f]{6}$/i.test(it.background ?? '') ? it.background : colorAt(i)} onChange={(e) => set(i, { background: e.target.value })} /> : null}
          <button type="button" className="icon-button" aria-label={t('app.builder.remove')} onClick={() => onChange(items.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="small"
        data-testid="add-item"
        onClick={() => onChange([...items, { value: `${t('app.builder.newItem')} ${items.length + 1}`, ...(withColor ? { background: colorAt(items.length) } : {}) }])}
      >
        + {t('app.builder.addItem')}
      </button>
    </div>
  );
}
