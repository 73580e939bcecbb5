import { useEffect, useState } from 'react';

/**
 * HTML from task data, shown only after sanitizing (see sanitize-html.ts). The sanitizer is loaded
 * on first use, so image and text projects never download it. Until it is ready nothing is shown.
 */
export function HyperTextView({ html, object, clickableLinks }: { html: string; object: string; clickableLinks?: boolean | undefined }) {
  const [clean, setClean] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    setClean(null);
    void import('./sanitize-html.js').then(({ sanitizeHtml }) => {
      if (!cancelled) setClean(sanitizeHtml(html, window));
    });
    return () => {
      cancelled = true;
    };
  }, [html]);
  return (
    <div
      className={`le-hypertext${clickableLinks ? '' : ' le-hypertext-inert-links'}`}
      data-testid={`hypertext-${object}`}
      aria-busy={clean === null}
      // Only sanitized HTML is ever inserted.
      dangerouslySetInnerHTML={{ __html: clean ?? '' }}
    />
  );
}
