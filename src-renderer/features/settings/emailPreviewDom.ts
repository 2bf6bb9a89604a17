/**
 * Puts a customer e-mail's HTML on screen under the renderer's CSP (no inline styles, no framing): the HTML is
 * parsed by DOMParser (an inert document: no script runs, no image loads), reduced to the allow-list of
 * emailPreviewModel.ts, and rebuilt element by element into a shadow root, each style attribute copied through the
 * CSSOM and filtered per property. The e-mail's markup never reaches innerHTML of the live page.
 */
import { rawFromDom, safeStyleProperty, sanitizeEmail, type SafeNode } from './emailPreviewModel';

function build(doc: Document, parent: Node, nodes: readonly SafeNode[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      parent.appendChild(doc.createTextNode(node.text));
      continue;
    }
    const element = doc.createElement(node.tag);
    for (const [name, value] of node.attributes) element.setAttribute(name, value);
    if (node.tag === 'a') {
      const href = element.getAttribute('href');
      // Shown, not followed: the desk's own window must not navigate away; hovering tells where it goes.
      if (href) element.title = `Goes to ${href}`;
    }
    if (node.style !== null) {
      element.style.cssText = node.style;
      const properties: string[] = [];
      for (let i = 0; i < element.style.length; i += 1) properties.push(element.style.item(i));
      for (const property of properties) {
        if (!safeStyleProperty(property, element.style.getPropertyValue(property))) element.style.removeProperty(property);
      }
    }
    build(doc, element, node.children);
    parent.appendChild(element);
  }
}

/** Replaces what `root` shows with the e-mail. Clicks on its links are swallowed (see build). */
export function renderEmailInto(root: ShadowRoot, html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const safe = sanitizeEmail([rawFromDom(parsed.body)]);
  const fragment = root.ownerDocument.createDocumentFragment();
  build(root.ownerDocument, fragment, safe);
  root.replaceChildren(fragment);
}

/** The shadow root of a preview host, made once; a click on a link inside it goes nowhere. */
export function previewRoot(host: HTMLElement): ShadowRoot {
  if (host.shadowRoot) return host.shadowRoot;
  const root = host.attachShadow({ mode: 'open' });
  root.addEventListener('click', (event) => {
    if (event.composedPath().some((target) => target instanceof HTMLAnchorElement)) event.preventDefault();
  });
  return root;
}
