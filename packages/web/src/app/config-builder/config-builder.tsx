import { labelConfigFromXml, LabelConfigError, validateLabelConfig, type LabelConfig } from '@laoshi/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorPreview } from '../labeling/editor-preview.js';
import { cleanDraft, sampleTaskData, type Draft } from './config-draft.js';
import { CONFIG_TEMPLATES, SAMPLE_IMAGE } from './config-templates.js';
import { VisualBuilder } from './visual-builder.js';

type View = 'visual' | 'code' | 'xml';
const SAMPLE_TEXT = CONFIG_TEMPLATES.find((tpl) => tpl.id === 'ner')!.sample.text as string;

/**
 * The label config builder: a visual editor of Laoshi's JSON config, the JSON itself, and a box to paste
 * Label Studio XML into (converted by core). Every change is validated by core's schema, and the
 * editor previews the config on a sample task. `onChange` gets the draft and, when valid, the config.
 */
export function ConfigBuilder({ draft, onChange }: { draft: Draft; onChange(draft: Draft, valid: LabelConfig | null): void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('visual');
  const [code, setCode] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [xml, setXml] = useState('');
  const [xmlError, setXmlError] = useState<string | null>(null);

  const clean = useMemo(() => cleanDraft(draft), [draft]);
  const validation = useMemo(() => validateLabelConfig(clean), [clean]);
  const config = validation.ok ? validation.config : null;
  const update = (d: Draft) => {
    const v = validateLabelConfig(cleanDraft(d));
    onChange(d, v.ok ? v.config : null);
  };

  const applyCode = (text: string) => {
    setCode(text);
    try {
      update(JSON.parse(text) as Draft);
      setCodeError(null);
    } catch (err) {
      setCodeError(err instanceof Error ? err.message : String(err));
    }
  };

  const convertXml = () => {
    try {
      const converted = labelConfigFromXml(xml) as unknown as Draft;
      update(converted);
      setXmlError(null);
      setView('visual');
    } catch (err) {
      setXmlError(err instanceof LabelConfigError ? err.message : err instanceof Error ? err.message : String(err));
    }
  };

  const sample = useMemo(() => ({ id: 0, data: sampleTaskData(clean, { image: SAMPLE_IMAGE, text: SAMPLE_TEXT }) }), [clean]);

  return (
    <div className="config-builder">
      <div className="builder-editor">
        <div className="builder-templates">
          <span className="muted">{t('app.builder.templates')}</span>
          {CONFIG_TEMPLATES.map((tpl) => (
            <button key={tpl.id} type="button" className="small" data-testid={`template-${tpl.id}`} onClick={() => update(tpl.config as unknown as Draft)}>
              {t(tpl.nameKey)}
            </button>
          ))}
        </div>
        <div className="tabs" role="tablist">
          {(['visual', 'code', 'xml'] as const).map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'tab active' : 'tab'} onClick={() => (setView(v), setCode(null))}>
              {t(`app.builder.views.${v}`)}
            </button>
          ))}
        </div>
        {view === 'visual' ? <VisualBuilder draft={draft} onChange={update} /> : null}
        {view === 'code' ? (
          <div>
            <textarea className="code" spellCheck={false} rows={22} aria-label={t('app.builder.views.code')} value={code ?? JSON.stringify(clean, null, 2)} onChange={(e) => applyCode(e.target.value)} />
            {codeError ? <p className="error">{codeError}</p> : null}
          </div>
        ) : null}
        {view === 'xml' ? (
          <div>
            <p className="muted">{t('app.builder.xmlHelp')}</p>
            <textarea className="code" spellCheck={false} rows={16} aria-label={t('app.builder.views.xml')} data-testid="xml-input" value={xml} onChange={(e) => setXml(e.target.value)} placeholder={'<View>\n  <Image name="image" value="$image"/>\n  <RectangleLabels name="label" toName="image">\n    <Label value="Car"/>\n  </RectangleLabels>\n</View>'} />
            <button type="button" className="primary" onClick={convertXml} data-testid="xml-convert">
              {t('app.builder.convert')}
            </button>
            {xmlError ? <p className="error" role="alert">{xmlError}</p> : null}
          </div>
        ) : null}
        {validation.ok ? (
          <p className="ok-text" data-testid="config-valid">
            ✓ {t('app.builder.valid')}
          </p>
        ) : (
          <ul className="issues" data-testid="config-issues">
            {validation.issues.map((issue, i) => (
              <li key={i}>
                <code>{issue.field ?? "/"}</code> {issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="builder-preview">
        <h3>{t('app.builder.preview')}</h3>
        {config ? <EditorPreview config={config} task={sample} /> : <p className="muted">{t('app.builder.previewInvalid')}</p>}
      </div>
    </div>
  );
}
