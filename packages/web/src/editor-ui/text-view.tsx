import { useMemo, useRef } from 'react';
import { addSpan, labelColor, spanSegments, type Editor, type Region } from '../editor/index.js';
import { selectionOffsets } from './selection-offsets.js';
import { useEditorState } from './use-editor-state.js';

interface Props {
  editor: Editor;
  /** The text object's name (`to_name` of its spans). */
  object: string;
  text: string;
}

/**
 * A text object with its NER spans. The text is rendered as React text nodes, cut into segments
 * at span boundaries: data never becomes markup. Selecting text with the mouse adds a span with
 * the active label; clicking a span selects it.
 */
export function TextView({ editor, object, text }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const regions = useEditorState(editor, (s) => s.doc.regions);
  const selection = useEditorState(editor, (s) => s.selection);
  const spans = useMemo(() => [...regions.values()].filter((r) => r.object === object && r.geometry.kind === 'span'), [regions, object]);
  const byId = useMemo(() => new Map(spans.map((r) => [r.id, r])), [spans]);
  const segments = useMemo(() => spanSegments(text, spans), [text, spans]);
  // The last segment of each span carries its label tag.
  const lastSegmentOf = useMemo(() => {
    const last = new Map<string, number>();
    segments.forEach((s, i) => s.spans.forEach((id) => last.set(id, i)));
    return last;
  }, [segments]);

  const onMouseUp = () => {
    const el = ref.current;
    if (!el) return;
    const sel = window.getSelection();
    const offsets = selectionOffsets(el, sel);
    if (!offsets) return;
    editor.act((s, env) => addSpan(s, env.model, env.newId, object, text, offsets.start, offsets.end));
    sel?.removeAllRanges();
  };

  const colorOf = (r: Region) => labelColor(editor.model, r.control, r.labels[0]);

  return (
    <div ref={ref} className="le-text" data-testid={`text-${object}`} onMouseUp={onMouseUp}>
      {segments.map((segment, i) => {
        if (segment.spans.length === 0) {
          return <span key={segment.start} data-start={segment.start} data-end={segment.end}>{segment.text}</span>;
        }
        const innermost = byId.get(segment.spans[segment.spans.length - 1] as string) as Region;
        const outer = segment.spans.slice(0, -1).map((id) => byId.get(id)).filter((r): r is Region => r !== undefined);
        const selected = segment.spans.some((id) => selection.has(id));
        const endingHere = segment.spans.filter((id) => lastSegmentOf.get(id) === i).map((id) => byId.get(id)?.labels.join(', ') ?? '');
        return (
          <span
            key={segment.start}
            data-start={segment.start}
            data-end={segment.end}
            data-region={innermost.id}
            // Labels are shown through a CSS attr(): plain text, and not part of the selectable text.
            data-tags={endingHere.filter(Boolean).join(' · ') || undefined}
            className={`le-span${selected ? ' le-span-selected' : ''}${innermost.suggestion ? ' le-span-suggestion' : ''}`}
            style={{
              backgroundColor: `color-mix(in srgb, ${colorOf(innermost)} 28%, transparent)`,
              boxShadow: outer.map((r, k) => `inset 0 -${2 * (k + 1)}px 0 ${colorOf(r)}`).join(', ') || undefined,
            }}
            onClick={(e) => {
              if (window.getSelection()?.isCollapsed === false) return;
              const ids = e.shiftKey ? new Set([...selection, innermost.id]) : new Set([innermost.id]);
              editor.patch({ selection: ids });
            }}
          >
            {segment.text}
          </span>
        );
      })}
    </div>
  );
}
