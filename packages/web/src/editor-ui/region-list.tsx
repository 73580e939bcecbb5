import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptSuggestions, labelColor, removeRegions, seekFrame, toggleHidden, toggleLocked, trackShapeAt, type Editor, type Region } from '../editor/index.js';
import { Icon } from './icons.js';
import { useEditorState } from './use-editor-state.js';

const ROW = 26;
const HEIGHT = 260;

/**
 * Counts per label and the regions themselves. Only the rows in view are rendered, so a task
 * with thousands of regions costs the same as one with twenty.
 */
export function RegionList({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const regionMap = useEditorState(editor, (s) => s.doc.regions);
  const selection = useEditorState(editor, (s) => s.selection);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const [scroll, setScroll] = useState(0);
  const regions = useMemo(() => [...regionMap.values()], [regionMap]);
  const counts = useMemo(() => {
    const out = new Map<string, { control: string; label: string; count: number }>();
    for (const r of regions) {
      for (const label of r.labels.length > 0 ? r.labels : ['']) {
        const key = `${r.control}\u0000${label}`;
        const entry = out.get(key) ?? { control: r.control, label, count: 0 };
        entry.count += 1;
        out.set(key, entry);
      }
    }
    return [...out.values()];
  }, [regions]);
  const suggestions = regions.filter((r) => r.suggestion).length;
  const first = Math.max(0, Math.floor(scroll / ROW) - 5);
  const shown = regions.slice(first, first + Math.ceil(HEIGHT / ROW) + 10);
  const select = (r: Region, add: boolean) => {
    const next = new Set(add ? selection : []);
    if (add && next.has(r.id)) next.delete(r.id);
    else next.add(r.id);
    // A track out of view on this frame is shown where it starts.
    const s = editor.getState();
    const first = r.geometry.kind === 'track' ? r.geometry.track.keyframes[0]?.frame : undefined;
    const hidden = r.geometry.kind === 'track' && s.video !== null && trackShapeAt(r.geometry, s.video.frame) === undefined;
    editor.patch({ selection: next, ...(hidden && first !== undefined ? seekFrame(s, first) : {}) });
  };

  return (
    <section className="le-panel le-regions" aria-label={t('editor.regions.title')}>
      <header>
        <h3>{t('editor.regions.title')} <span className="le-count">{regions.length}</span></h3>
        {suggestions > 0 ? (
          <button type="button" disabled={readOnly} onClick={() => editor.execute('acceptAllSuggestions')} data-testid="accept-all">
            {t('editor.suggestions.acceptAll', { count: suggestions })}
          </button>
        ) : null}
      </header>
      {counts.length > 0 ? (
        <ul className="le-counts" data-testid="label-counts">
          {counts.map((c) => (
            <li key={`${c.control}:${c.label}`} style={{ ['--le-label' as string]: labelColor(editor.model, c.control, c.label || undefined) }}>
              <span className="le-swatch" aria-hidden="true" />
              {c.label || t('editor.regions.unlabelled')} <span className="le-count">{c.count}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="le-empty">{t('editor.regions.empty')}</p>
      )}
      <div className="le-region-scroll" style={{ maxHeight: HEIGHT }} onScroll={(e) => setScroll(e.currentTarget.scrollTop)} role="listbox" aria-multiselectable="true">
        <div style={{ height: regions.length * ROW, position: 'relative' }}>
          {shown.map((r, i) => (
            <div
              key={r.id}
              role="option"
              aria-selected={selection.has(r.id)}
              className={`le-region${selection.has(r.id) ? ' le-selected' : ''}${r.hidden ? ' le-hidden' : ''}`}
              style={{ top: (first + i) * ROW, height: ROW, ['--le-label' as string]: labelColor(editor.model, r.control, r.labels[0]) }}
              onClick={(e) => select(r, e.shiftKey || e.ctrlKey || e.metaKey)}
              data-testid="region-row"
            >
              <span className="le-swatch" aria-hidden="true" />
              <span className="le-region-name">{r.labels.join(', ') || t('editor.regions.unlabelled')}</span>
              <span className="le-region-kind">{t(`editor.kinds.${kindName(r)}`)}</span>
              {r.suggestion ? (
                <button type="button" className="le-mini le-score" disabled={readOnly} title={t('editor.suggestions.accept')}
                  onClick={(e) => { e.stopPropagation(); editor.edit((doc) => acceptSuggestions(doc, [r.id])); }}>
                  {r.suggestion.score?.toFixed(2) ?? '✓'}
                </button>
              ) : null}
              <button type="button" className="le-mini" aria-pressed={r.hidden} title={t('editor.commands.toggleHidden')}
                onClick={(e) => { e.stopPropagation(); editor.act((s) => toggleHidden(s, [r.id])); }}>
                <Icon name={r.hidden ? 'eyeOff' : 'eye'} />
              </button>
              <button type="button" className="le-mini" aria-pressed={r.locked} disabled={readOnly} title={t('editor.commands.toggleLocked')}
                onClick={(e) => { e.stopPropagation(); editor.act((s) => toggleLocked(s, [r.id])); }}>
                <Icon name={r.locked ? 'lock' : 'unlock'} />
              </button>
              <button type="button" className="le-mini" disabled={readOnly || r.locked} title={t('editor.commands.delete')}
                onClick={(e) => { e.stopPropagation(); editor.edit((doc) => removeRegions(doc, [r.id])); }}>
                <Icon name="close" />
              </button>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

/** The i18n key under editor.kinds for a region: polylines and tracks by their shape. */
function kindName(r: Region): string {
  const g = r.geometry;
  if (g.kind === 'polygon' && !g.closed) return 'polyline';
  if (g.kind === 'track') return `${g.track.kind}Track`;
  return g.kind;
}
