import { LabelConfigError } from './label-config-error.js';
import { readLabelStudioXml, type SourceLocation, type XmlElement } from './xml-reader.js';
import { attributeKind, type AttributeKind } from './xml-tags.js';

/** The XML tag (and attribute) a JSON config path came from. */
export interface XmlOrigin extends SourceLocation {
  tag: string;
  attribute?: string;
}

/** A config object not yet validated, plus where each of its parts came from. */
export interface RawXmlConfig {
  raw: { objects: Record<string, unknown>[]; controls: Record<string, unknown>[] };
  origins: Map<string, XmlOrigin>;
}

type Raw = Record<string, unknown>;
interface Enclosing { element: XmlElement; raw: Raw; path: string }

/** Converts Label Studio XML into an unvalidated JSON config; structural XML errors throw. */
export function xmlToRawConfig(xml: string): RawXmlConfig {
  const root = readLabelStudioXml(xml);
  if (root.tag !== 'View') fail(`the root tag must be <View>, found <${root.tag}>`, root);
  const objects: Raw[] = [];
  const controls: Raw[] = [];
  const origins = new Map<string, XmlOrigin>();

  const record = (path: string, element: XmlElement, raw: Raw) => {
    for (const attribute of element.spec.required ?? []) {
      if (!element.attributes.has(attribute)) fail(`<${element.tag}> is missing the required attribute "${attribute}"`, element);
    }
    origins.set(path, { tag: element.tag, line: element.line, column: element.column });
    for (const [attribute, at] of element.attributes) {
      origins.set(`${path}.${attribute}`, { tag: element.tag, attribute, line: at.line, column: at.column });
    }
    Object.assign(raw, convertAttributes(element));
  };

  const walk = (element: XmlElement, enclosing: Enclosing | undefined): void => {
    const { spec } = element;
    if (spec.role === 'layout') {
      for (const child of element.children) walk(child, enclosing);
      return;
    }
    if (spec.role === 'item') {
      if (enclosing === undefined || !spec.parents?.includes(enclosing.element.tag)) {
        fail(`<${element.tag}> must be inside ${orList(spec.parents ?? [])}`, element);
      }
      const key = spec.list ?? 'labels';
      const list = (enclosing.raw[key] ??= []) as Raw[];
      const raw: Raw = {};
      record(`${enclosing.path}.${key}[${list.length}]`, element, raw);
      list.push(raw);
      noChildren(element);
      return;
    }
    if (enclosing !== undefined) fail(`<${element.tag}> cannot be inside <${enclosing.element.tag}>`, element);
    const isObject = spec.role === 'object';
    const target = isObject ? objects : controls;
    const path = `${isObject ? 'objects' : 'controls'}[${target.length}]`;
    const raw: Raw = { type: spec.type };
    record(path, element, raw);
    target.push(raw);
    if (isObject) return noChildren(element);
    if (['rectanglelabels', 'polygonlabels', 'keypointlabels', 'labels', 'relations'].includes(String(spec.type))) raw.labels = [];
    if (spec.type === 'choices') raw.choices = [];
    for (const child of element.children) walk(child, { element, raw, path });
  };
  walk(root, undefined);
  nameRelations(controls, objects);
  return { raw: { objects, controls }, origins };
}

function convertAttributes(element: XmlElement): Raw {
  const out: Raw = {};
  for (const [attribute, { value, line, column }] of element.attributes) {
    const kind = attributeKind(element.spec, attribute) as AttributeKind;
    const where = () => `attribute "${attribute}" on <${element.tag}> at line ${line}`;
    const bad = (expected: string): never => {
      throw new LabelConfigError(`${where()} must be ${expected}, got "${value}"`, { line, column });
    };
    switch (kind) {
      case 'ignored':
        break;
      case 'unsupported':
        throw new LabelConfigError(`${where()} is not supported by Laoshi`, { line, column });
      case 'names':
        out[attribute] = value.split(',').map((n) => n.trim()).filter((n) => n !== '');
        break;
      case 'boolean':
        out[attribute] = value === 'true' ? true : value === 'false' ? false : bad('"true" or "false"');
        break;
      case 'yesno':
        out[attribute] = ['yes', 'true'].includes(value) ? true : ['no', 'false'].includes(value) ? false : bad('"yes" or "no"');
        break;
      case 'number':
      case 'integer': {
        const ok = kind === 'integer' ? /^-?\d{1,15}$/.test(value.trim()) : /^-?(\d{1,15}(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?$/.test(value.trim());
        out[attribute] = ok ? Number(value) : bad(kind === 'integer' ? 'a whole number' : 'a number');
        break;
      }
      default:
        // A lone radio-button look is still a single choice.
        out[attribute] = attribute === 'choice' && value === 'single-radio' ? 'single' : value;
    }
  }
  return out;
}

/** Label Studio's <Relations> needs no name; the JSON config does, so give it one nobody uses. */
function nameRelations(controls: Raw[], objects: Raw[]): void {
  const taken = new Set([...objects, ...controls].map((entry) => entry.name));
  for (const c of controls) {
    if (c.type !== 'relations' || c.name !== undefined) continue;
    let candidate = 'relations';
    for (let i = 2; taken.has(candidate); i++) candidate = `relations_${i}`;
    c.name = candidate;
    taken.add(candidate);
  }
}

function noChildren(element: XmlElement): void {
  const child = element.children[0];
  if (child) fail(`<${child.tag}> cannot be inside <${element.tag}>`, child);
}

function fail(message: string, at: SourceLocation): never {
  throw new LabelConfigError(`${message} at line ${at.line}`, { line: at.line, column: at.column });
}

function orList(tags: readonly string[]): string {
  const quoted = tags.map((t) => `<${t}>`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
