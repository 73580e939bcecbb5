import { useTranslation } from 'react-i18next';
import { formatTime, keyframeOn, pickLabel, trackShapeAt, type Editor, type Region } from '../editor/index.js';
import { ClassificationControlView } from './classification-controls.js';
import { KeyLabel } from './key-label.js';
import { RelationsList } from './relations-list.js';
import { useEditorState } from './use-editor-state.js';

/** The selected region's labels, per-region attributes (choices, text, number, rating) and relations. */
export function RegionAttributes({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const selection = useEditorState(editor, (s) => s.selection);
  const regions = useEditorState(editor, (s) => s.doc.regions);
  const readOnly = useEditorState(editor, (s) => s.readOnly);
  if (selection.size === 0) return <RelationsList editor={editor} />;
  if (selection.size > 1) {
    return (
      <section className="le-panel le-attributes">
        <p>{t('editor.attributes.many', { count: selection.size })}</p>
        {editor.model.relations && selection.size === 2 ? (
          <button type="button" disabled={readOnly} onClick={() => editor.execute('relate')}>{t('editor.commands.relate')} <KeyLabel combo="alt+r" /></button>
        ) : null}
        <RelationsList editor={editor} />
      </section>
    );
  }
  const region = regions.get([...selection][0] as string);
  if (region === undefined) return null;
  // A track's labels come from the labels control on its video.
  const control = editor.model.trackLabels.get(region.object) ?? editor.model.regionControls.get(region.control);
  const perRegion = editor.model.classificationControls.filter((c) => c.perRegion === true && c.toName.includes(region.object));
  return (
    <section className="le-panel le-attributes" aria-label={t('editor.attributes.title')} data-testid="region-attributes">
      <h3>{t('editor.attributes.title')}</h3>
      {region.suggestion ? (
        <p className="le-suggested">
          {t('editor.suggestions.pending', { score: region.suggestion.score?.toFixed(2) ?? '–', model: region.suggestion.modelVersion ?? '' })}
          <button type="button" disabled={readOnly} onClick={() => editor.execute('acceptSuggestion')}>{t('editor.suggestions.accept')} <KeyLabel combo="a" /></button>
        </p>
      ) : null}
      {control ? (
        <div className="le-label-group" role="group" aria-label={control.name}>
          {control.labels.map((l) => (
            <button key={l.value} type="button" className="le-label" aria-pressed={region.labels.includes(l.value)} disabled={readOnly || region.locked}
              onClick={() => editor.act((s, env) => pickLabel(s, env.model, control.name, l.value))}>
              {l.alias ?? l.value}
            </button>
          ))}
        </div>
      ) : null}
      {region.geometry.kind === 'span' ? <blockquote className="le-span-text">{region.geometry.text}</blockquote> : null}
      {region.geometry.kind === 'segment' ? <p className="le-span-text" data-testid="segment-time">{formatTime(region.geometry.start)} – {formatTime(region.geometry.end)}</p> : null}
      {region.geometry.kind === 'track' ? <TrackFacts editor={editor} region={region} /> : null}
      {perRegion.map((c) => <ClassificationControlView key={c.name} editor={editor} control={c} regionId={region.id} />)}
      <RelationsList editor={editor} regionId={region.id} />
    </section>
  );
}

/** Keyframes of a track and whether it is in view on the current frame. */
function TrackFacts({ editor, region }: { editor: Editor; region: Region }) {
  const { t } = useTranslation();
  const frame = useEditorState(editor, (s) => s.video?.frame ?? 1);
  if (region.geometry.kind !== 'track') return null;
  const g = region.geometry;
  const state = keyframeOn(g.track, frame) !== undefined ? 'keyframe' : trackShapeAt(g, frame) !== undefined ? 'interpolated' : 'outOfView';
  return (
    <p className="le-span-text" data-testid="track-facts">
      {t('editor.video.keyframes', { count: g.track.keyframes.length })} · {t(`editor.video.onFrame.${state}`)}
    </p>
  );
}
