/**
 * What of a customer e-mail's HTML the Settings preview may show, decided on a plain tree (no DOM here, so every
 * decision is unit-tested). The e-mail is made by the core from the shop's and customers' data, which is untrusted:
 * the preview keeps an allow-list of layout tags and attributes, links that are only http(s), images that are only
 * data: images, and inline styles without remote fetches or positioning that could cover the desk's own screen.
 * Anything else is dropped (scripts, forms, frames — with their content) or unwrapped (unknown tags: their text stays).
 *
 * Why a rebuild rather than a frame: the renderer's CSP has no 'unsafe-inline' for styles, and an iframe srcdoc
 * inherits it, so an e-mail's style attributes would not apply there. emailPreviewDom.ts rebuilds the tree in a
 * shadow root and sets each style through the CSSOM (`style.cssText`), which the CSP does not govern.
 */

/** The parsed e-mail, as emailPreviewDom.ts reads it from the (inert) DOMParser document. */
export type RawNode =
  | { kind: 'text'; text: string }
  | { kind: 'element'; tag: string; /** In the HTML namespace (not svg/math). */ html: boolean; attributes: readonly (readonly [string, string])[]; children: readonly RawNode[] }
  | { kind: 'other' };

export type SafeNode =
  | { kind: 'text'; text: string }
  | { kind: 'element'; tag: string; attributes: [string, string][]; /** The style attribute, still to be filtered per property. */ style: string | null; children: SafeNode[] };

const KEEP = new Set([
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'div', 'span', 'p', 'a', 'img', 'h1', 'h2', 'h3', 'h4',
  'strong', 'b', 'em', 'i', 'u', 'br', 'ul', 'ol', 'li', 'hr', 'small',
]);

/** Gone with everything inside: active content, forms, embedded documents, and text that is not the e-mail's body. */
const DROP = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input',
  'button', 'select', 'option', 'textarea', 'svg', 'math', 'head', 'title', 'meta', 'link', 'base', 'audio', 'video',
  'canvas', 'source', 'track', 'picture', 'map', 'area', 'dialog', 'slot', 'portal',
]);

/** The e-mail's body becomes a plain block (a shadow root cannot hold a second <body>). */
const RENAME: Record<string, string> = { body: 'div' };

export type TagDecision = { action: 'keep'; tag: string } | { action: 'unwrap' } | { action: 'drop' };

export function tagDecision(tag: string, html: boolean): TagDecision {
  const name = tag.toLowerCase();
  if (!html || DROP.has(name)) return { action: 'drop' };
  const renamed = RENAME[name] ?? name;
  return KEEP.has(renamed) ? { action: 'keep', tag: renamed } : { action: 'unwrap' };
}

/** A link the preview shows: absolute http(s) only, no user:password@, in the URL parser's normalised form. */
export function safeHref(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

/** An image the preview shows: only one embedded in the e-mail (the CSP allows data: images; nothing is fetched). */
export function safeImageSrc(value: string): string | null {
  const compact = value.replace(/\s+/gu, '');
  return /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/u.test(compact) ? compact : null;
}

const NUMBER = /^\d{1,4}%?$/u;
const ATTRIBUTE_RULES: Record<string, (value: string) => string | null> = {
  alt: (v) => v.slice(0, 500),
  width: (v) => (NUMBER.test(v.trim()) ? v.trim() : null),
  height: (v) => (NUMBER.test(v.trim()) ? v.trim() : null),
  align: (v) => (/^(left|right|center|justify)$/iu.test(v.trim()) ? v.trim().toLowerCase() : null),
  valign: (v) => (/^(top|middle|bottom|baseline)$/iu.test(v.trim()) ? v.trim().toLowerCase() : null),
  colspan: (v) => (/^\d{1,3}$/u.test(v.trim()) ? v.trim() : null),
  rowspan: (v) => (/^\d{1,3}$/u.test(v.trim()) ? v.trim() : null),
  // Presentational table attributes e-mail templates still use; mapped to styles by the browser, not inline CSS.
  cellpadding: (v) => (/^\d{1,3}$/u.test(v.trim()) ? v.trim() : null),
  cellspacing: (v) => (/^\d{1,3}$/u.test(v.trim()) ? v.trim() : null),
  border: (v) => (/^\d{1,2}$/u.test(v.trim()) ? v.trim() : null),
  bgcolor: (v) => (/^(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]{3,20})$/iu.test(v.trim()) ? v.trim() : null),
};

/** The attribute as the preview sets it, or null to leave it off. `style` is handled apart (see safeStyleProperty). */
export function safeAttribute(tag: string, name: string, value: string): string | null {
  const attribute = name.toLowerCase();
  if (attribute === 'href') return tag === 'a' ? safeHref(value) : null;
  if (attribute === 'src') return tag === 'img' ? safeImageSrc(value) : null;
  return ATTRIBUTE_RULES[attribute]?.(value) ?? null;
}

/**
 * One CSS property after the browser parsed the style (longhands, so `background: url(x)` arrives as
 * `background-image`). Refused: anything fetching from elsewhere (url() other than a data: image, image-set,
 * @import cannot appear in a declaration), old script hooks, and positioning that would lift the e-mail out of its
 * box onto the desk's own buttons.
 */
export function safeStyleProperty(property: string, value: string): boolean {
  const name = property.toLowerCase();
  const v = value.toLowerCase();
  if (name === 'position') return v === 'static' || v === 'relative';
  if (name === 'behavior' || name === '-moz-binding' || v.includes('expression(') || v.includes('javascript:')) return false;
  // image-set() and friends take bare strings as addresses, without url().
  if (/image-set\(|cross-fade\(|element\(/u.test(v)) return false;
  const urls = v.match(/url\(\s*["']?[^"')\s]*/gu) ?? [];
  return urls.every((url) => /^url\(\s*["']?data:image\//u.test(url));
}

/** Deeper than this is not an e-mail layout; what is below it is left out (and no recursion runs away). */
export const MAX_DEPTH = 64;
const MAX_STYLE_LENGTH = 8000;

export function sanitizeEmail(nodes: readonly RawNode[], depth = 0): SafeNode[] {
  const out: SafeNode[] = [];
  if (depth >= MAX_DEPTH) return out;
  for (const node of nodes) {
    if (node.kind === 'text') {
      out.push({ kind: 'text', text: node.text });
      continue;
    }
    if (node.kind !== 'element') continue;
    const decision = tagDecision(node.tag, node.html);
    if (decision.action === 'drop') continue;
    const children = sanitizeEmail(node.children, depth + 1);
    if (decision.action === 'unwrap') {
      out.push(...children);
      continue;
    }
    const attributes: [string, string][] = [];
    let style: string | null = null;
    for (const [name, value] of node.attributes) {
      if (name.toLowerCase() === 'style') {
        if (value.length <= MAX_STYLE_LENGTH) style = value;
        continue;
      }
      const safe = safeAttribute(decision.tag, name, value);
      if (safe !== null) attributes.push([name.toLowerCase(), safe]);
    }
    out.push({ kind: 'element', tag: decision.tag, attributes, style, children });
  }
  return out;
}

/** The part of a DOM node the walk reads: real nodes from DOMParser satisfy it, and so do the tests' plain objects. */
export interface DomLike {
  nodeType: number;
  nodeValue: string | null;
  localName?: string | null;
  namespaceURI?: string | null;
  attributes?: ArrayLike<{ name: string; value: string }> | null;
  childNodes: ArrayLike<DomLike>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** The parsed document as a plain tree. Stops at MAX_DEPTH like sanitizeEmail (the parser nests without limit). */
export function rawFromDom(node: DomLike, depth = 0): RawNode {
  if (node.nodeType === TEXT_NODE) return { kind: 'text', text: node.nodeValue ?? '' };
  if (node.nodeType !== ELEMENT_NODE || !node.localName) return { kind: 'other' };
  const attributes: [string, string][] = [];
  for (const attribute of Array.from(node.attributes ?? [])) attributes.push([attribute.name, attribute.value]);
  const children = depth + 1 >= MAX_DEPTH ? [] : Array.from(node.childNodes, (child) => rawFromDom(child, depth + 1));
  return { kind: 'element', tag: node.localName, html: node.namespaceURI === HTML_NAMESPACE, attributes, children };
}
