import { SaxesParser } from 'saxes';
import { FormatError, type FormatName } from './format-error.js';

/** An element of a small XML document: its children and its own text, with the line it opens on. */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
  line: number;
}

/** Bounds that keep hostile XML cheap to reject. */
export interface XmlLimits {
  maxChars: number;
  maxDepth: number;
  maxElements: number;
}

/**
 * Reads an XML document into a tree, refusing DOCTYPE and ENTITY declarations outright (no XXE,
 * no billion laughs: entities other than the five built-in ones are never expanded) and input
 * beyond `limits`. Attributes are ignored. Throws FormatError with the line of the problem.
 */
export function readXmlTree(xml: string, format: FormatName, limits: XmlLimits): XmlNode {
  if (xml.length > limits.maxChars) throw new FormatError(format, `XML is ${xml.length} characters long, the limit is ${limits.maxChars}`);
  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(xml);
  if (dtd !== null) {
    const line = xml.slice(0, dtd.index).split('\n').length;
    throw new FormatError(format, `<!${dtd[1]?.toUpperCase()}> declarations are not allowed (they can pull in files or expand without bound)`, { line });
  }
  const parser = new SaxesParser({ position: true });
  const fail = (reason: string): never => {
    throw new FormatError(format, reason, { line: parser.line });
  };
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let count = 0;
  parser.on('doctype', () => fail('<!DOCTYPE> declarations are not allowed'));
  parser.on('opentag', (tag) => {
    if (stack.length >= limits.maxDepth) fail(`<${tag.name}> is nested more than ${limits.maxDepth} levels deep`);
    if (++count > limits.maxElements) fail(`more than ${limits.maxElements} elements`);
    const node: XmlNode = { name: tag.name, children: [], text: '', line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (text: string) => {
    const node = stack[stack.length - 1];
    if (node !== undefined) node.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof FormatError) throw error;
    const reason = error instanceof Error ? error.message.replace(/^[^:]*:\d+:\d+: /, '').replace(/^\d+:\d+: /, '') : String(error);
    throw new FormatError(format, `malformed XML: ${reason}`, { line: parser.line });
  }
  if (root === undefined) throw new FormatError(format, 'the XML has no root element');
  return root;
}

/** Escapes text for an XML element or attribute, and replaces characters XML 1.0 cannot hold with U+FFFD. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
