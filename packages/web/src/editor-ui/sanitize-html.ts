import DOMPurify from 'dompurify';

/**
 * Sanitizes task HTML with DOMPurify: scripts, event handlers, forms, frames, styles and data
 * attributes never survive; links open in a new tab without access to this page.
 */
export function sanitizeHtml(html: string, window: Window & typeof globalThis): string {
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  return purify.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset'],
    ALLOW_DATA_ATTR: false,
  });
}
