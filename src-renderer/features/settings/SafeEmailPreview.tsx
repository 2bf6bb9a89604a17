import { useEffect, useRef } from 'react';
import { previewRoot, renderEmailInto } from './emailPreviewDom';

/**
 * A customer e-mail's HTML as the customer would see it, inside the desk's own page: rebuilt into a shadow root
 * from an allow-list (emailPreviewDom.ts), so its inline styles show without loosening the CSP and none of its
 * markup runs. Its links show where they go but are not followed.
 */
export function SafeEmailPreview({ html, label }: { html: string; label: string }) {
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (hostRef.current) renderEmailInto(previewRoot(hostRef.current), html);
  }, [html]);

  return <div ref={hostRef} className="email-preview-html" role="document" aria-label={label} data-testid="email-preview-html" />;
}
