import { XML_TAGS, type LabelConfig } from '@laoshi/core';

// Label Studio ML backends read the label config as XML. A project created from XML keeps it
// (projects.label_config_xml); one built as JSON is written back to the XML it stands for.

const TAG_OF_TYPE = new Map(Object.entries(XML_TAGS).filter(([, spec]) => spec.role !== 'item' && spec.type).map(([tag, spec]) => [spec.type as string, tag]));
const ITEM_TAG = { choices: 'Choice', labels: 'Label', buckets: 'Bucket' } as const;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The attributes of one config entry as XML, in the entry's key order, skipping lists and unknown keys. */
function attributes(tag: string, entry: Record<string, unknown>): string {
  const spec = XML_TAGS[tag];
  if (!spec) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    const kind = Object.hasOwn(spec.attributes, key) ? spec.attributes[key] : undefined;
    if (kind === undefined || kind === 'ignored' || kind === 'unsupported' || value === undefined) continue;
    let text: string;
    if (kind === 'names' && Array.isArray(value)) text = value.join(',');
    else if (kind === 'yesno' && typeof value === 'boolean') text = value ? 'yes' : 'no';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else continue;
    parts.push(` ${key}="${escapeAttribute(text)}"`);
  }
  return parts.join('');
}

/**
 * The Label Studio XML of a label config.
 * @example labelConfigToXml(config) // '<View>\n  <Text name="text" value="$text"/>\n  <Choices …>…</Choices>\n</View>'
 */
export function labelConfigToXml(config: LabelConfig): string {
  const lines = ['<View>'];
  for (const object of config.objects) {
    const tag = TAG_OF_TYPE.get(object.type);
    if (tag) lines.push(`  <${tag}${attributes(tag, object)}/>`);
  }
  for (const control of config.controls) {
    const tag = TAG_OF_TYPE.get(control.type);
    if (!tag) continue;
    const entry = control as Record<string, unknown>;
    const list = (['choices', 'labels', 'buckets'] as const).find((k) => Array.isArray(entry[k]));
    if (!list) {
      lines.push(`  <${tag}${attributes(tag, entry)}/>`);
      continue;
    }
    const itemTag = control.type === 'relations' ? 'Relation' : ITEM_TAG[list];
    lines.push(`  <${tag}${attributes(tag, entry)}>`);
    for (const item of entry[list] as Record<string, unknown>[]) lines.push(`    <${itemTag}${attributes(itemTag, item)}/>`);
    lines.push(`  </${tag}>`);
  }
  lines.push('</View>');
  return lines.join('\n');
}

/** The XML a backend gets for a project: the XML it was created from, else the JSON config written as XML. */
export function projectLabelConfigXml(project: { label_config: string; label_config_xml: string | null }): string {
  return project.label_config_xml ?? labelConfigToXml(JSON.parse(project.label_config) as LabelConfig);
}
