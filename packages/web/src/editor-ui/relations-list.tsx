import { useTranslation } from 'react-i18next';
import { updateRelation, type Editor, type Relation, type RelationDirection } from '../editor/index.js';
import { useEditorState } from './use-editor-state.js';

const NEXT_DIRECTION: Record<RelationDirection, RelationDirection> = { right: 'left', left: 'bi', bi: 'right' };
const ARROW: Record<RelationDirection, string> = { right: '→', left: '←', bi: '↔' };

/** Relations (all, or those touching one region): direction, labels, delete. */
export function RelationsList({ editor, regionId }: { editor: Editor; regionId?: string }) {
  const { t } = useTranslation();
  const relations = useEditorState(editor, (s) => s.doc.relations);
  const regions = useEditorState(editor, (s) => s.doc.regions);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  const control = editor.model.relations;
  const shown = relations.filter((r) => regionId === undefined || r.from === regionId || r.to === regionId);
  if (control === undefined || shown.length === 0) return null;
  const name = (id: string) => {
    const r = regions.get(id);
    return r ? `${r.labels.join(', ') || t('editor.regions.unlabelled')}${r.geometry.kind === 'span' ? ` “${r.geometry.text}”` : ''}` : id;
  };
  const change = (relation: Relation, update: (r: Relation) => Relation | null) => editor.edit((doc) => updateRelation(doc, relation.id, update));
  return (
    <section className="le-relations" aria-label={t('editor.relations.title')} data-testid="relations">
      <h4>{t('editor.relations.title')}</h4>
      <ul>
        {shown.map((relation) => (
          <li key={relation.id}>
            <button type="button" className="le-link" onClick={() => editor.patch({ selection: new Set([relation.from]) })}>{name(relation.from)}</button>
            <button type="button" className="le-mini" disabled={readOnly} title={t('editor.relations.direction')}
              onClick={() => change(relation, (r) => ({ ...r, direction: NEXT_DIRECTION[r.direction] }))}>
              {ARROW[relation.direction]}
            </button>
            <button type="button" className="le-link" onClick={() => editor.patch({ selection: new Set([relation.to]) })}>{name(relation.to)}</button>
            <select
              aria-label={t('editor.relations.label')}
              disabled={readOnly}
              value={relation.labels[0] ?? ''}
              onChange={(e) => change(relation, (r) => ({ ...r, labels: e.target.value ? [e.target.value] : [] }))}
            >
              <option value="">{t('editor.relations.noLabel')}</option>
              {control.labels.map((l) => <option key={l.value} value={l.value}>{l.alias ?? l.value}</option>)}
            </select>
            <button type="button" className="le-mini" disabled={readOnly} title={t('editor.relations.delete')} onClick={() => change(relation, () => null)}>×</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
