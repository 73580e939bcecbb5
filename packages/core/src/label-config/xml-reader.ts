import { SaxesParser } from 'saxes';
import { LabelConfigError } from './label-config-error.js';
import { canonicalAttribute, tagSpec, type TagSpec } from './xml-tags.js';

/** Where something sits in the XML source (1-based). */
export interface SourceLocation {
  line: number;
  column: number;
}

export interface XmlAttribute extends SourceLocation {
  value: string;
}

/** A whitelisted element of a Label Studio config; text content is checked and dropped. */
export interface XmlElement extends SourceLocation {
  tag: string;
  spec: TagSpec;
  /** Keyed by the documented spelling, also when the source used an alias such as `framerate`. */
  attributes: Map<string, XmlAttribute>;
  children: XmlElement[];
}

/** Bounds that keep hostile input cheap to reject. */
export const XML_LIMITS = { maxChars: 1_000_000, maxDepth: 32, maxElements: 50_000 } as const;

/**
 * Reads Label Studio XML into a tree of known tags, rejecting DOCTYPE/ENTITY declarations,
 * unknown tags and attributes, stray text and oversized or too deeply nested input.
 */
export function readLabelStudioXml(xml: string): XmlElement {
  if (xml.length > XML_LIMITS.maxChars) {
    throw new LabelConfigError(`label config XML is too large: ${xml.length} characters, the limit is ${XML_LIMITS.maxChars}`);
  }
  const locate = locator(xml);
  // Entities are never expanded, but a DTD has no business in a label config: refuse it outright
  // (XXE, billion laughs), before the parser reads any of it.
  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(xml);
  if (dtd) {
    const at = locate(dtd.index);
    throw new LabelConfigError(`<!${dtd[1]?.toUpperCase()}> declarations are not allowed in a label config (line ${at.line})`, at);
  }

  const parser = new SaxesParser({ position: true });
  const fail = (message: string, at: SourceLocation): never => {
    throw new LabelConfigError(`${message} at line ${at.line}`, at);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let attrCursor = 0;
  let textCursor = 0;

  parser.on('doctype', () => fail('<!DOCTYPE> declarations are not allowed in a label config', { line: parser.line, column: parser.column }));
  parser.on('opentagstart', (tag) => {
    // `position` is just past the character that ended the name: back up to the "<".
    const start = Math.max(0, parser.position - tag.name.length - 2);
    const at = locate(start);
    const spec = tagSpec(tag.name);
    if (spec === undefined) fail(`unknown tag <${tag.name}>`, at);
    if (stack.length >= XML_LIMITS.maxDepth) fail(`<${tag.name}> is nested too deeply (more than ${XML_LIMITS.maxDepth} levels)`, at);
    if (++count > XML_LIMITS.maxElements) fail(`too many tags (more than ${XML_LIMITS.maxElements})`, at);
    const element: XmlElement = { tag: tag.name, spec: spec as TagSpec, attributes: new Map(), children: [], ...at };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root === undefined) root = element;
    stack.push(element);
    attrCursor = start;
  });
  parser.on('attribute', (attr) => {
    const element = stack[stack.length - 1];
    if (element === undefined) return;
    const at = locate(findAttribute(xml, attr.name, attrCursor, parser.position));
    attrCursor = parser.position;
    const canonical = canonicalAttribute(element.spec, attr.name);
    if (canonical === undefined) return fail(`unknown attribute "${attr.name}" on <${element.tag}>`, at);
    if (element.attributes.has(canonical)) {
      fail(attr.name === canonical ? `duplicate attribute "${canonical}" on <${element.tag}>` : `attribute "${attr.name}" on <${element.tag}> repeats "${canonical}"`, at);
    }
    element.attributes.set(canonical, { value: attr.value, ...at });
  });
  parser.on('opentag', () => { textCursor = parser.position; });
  parser.on('closetag', () => {
    stack.pop();
    textCursor = parser.position;
  });
  parser.on('comment', () => { textCursor = parser.position; });
  const onText = (text: string) => {
    const element = stack[stack.length - 1];
    if (element === undefined || element.spec.text === true || text.trim() === '') return;
    const start = xml.slice(textCursor).search(/\S/);
    fail(`unexpected text "${snippet(text)}" inside <${element.tag}>`, locate(textCursor + Math.max(start, 0)));
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof LabelConfigError) throw error;
    const reason = error instanceof Error ? error.message.replace(/^\d+:\d+: /, '') : String(error);
    throw new LabelConfigError(`malformed XML: ${reason} at line ${parser.line}`, { line: parser.line, column: parser.column });
  }
  if (root === undefined) throw new LabelConfigError('label config XML has no root tag');
  return root;
}

/** Finds the offset of an attribute's name between the end of the previous attribute and this one's end. */
function findAttribute(xml: string, attribute: string, from: number, to: number): number {
  const escaped = attribute.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`\\s${escaped}\\s*=`).exec(xml.slice(from, to));
  return match ? from + match.index + 1 : from;
}

/** Turns string offsets into 1-based line and column, with one pass over the input. */
function locator(text: string): (offset: number) => SourceLocation {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

function snippet(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}
