/**
 * Character offsets of a DOM selection inside a text view. The view renders the text as segment
 * elements carrying `data-start` (their offset in the task text), each holding one text node, so
 * an offset is the segment's start plus the offset inside its text node.
 */
export function selectionOffsets(container: HTMLElement, selection: Selection | null): { start: number; end: number } | undefined {
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return undefined;
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  if (start === undefined || end === undefined) return undefined;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

function offsetOf(node: Node, offset: number): number | undefined {
  if (node.nodeType === Node.TEXT_NODE) {
    const segment = node.parentElement?.closest<HTMLElement>('[data-start]');
    return segment ? Number(segment.dataset.start) + offset : undefined;
  }
  // A boundary between elements: before the `offset`-th child of `node`.
  const element = node as Element;
  const child = element.childNodes[offset];
  if (child instanceof HTMLElement && child.dataset.start !== undefined) return Number(child.dataset.start);
  const previous = element.childNodes[offset - 1];
  if (previous instanceof HTMLElement && previous.dataset.end !== undefined) return Number(previous.dataset.end);
  if (element instanceof HTMLElement && element.dataset.start !== undefined) return Number(offset === 0 ? element.dataset.start : element.dataset.end);
  return undefined;
}
