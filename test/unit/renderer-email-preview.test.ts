/**
 * The Settings e-mail preview's allow-list (src-renderer/features/settings/emailPreviewModel.ts): which tags,
 * attributes, links, images and style properties of a customer e-mail reach the screen. The DOM side (DOMParser,
 * shadow root, CSSOM) is thin and was checked in Chromium under the renderer's CSP; here the decisions are tested
 * on plain trees, and the walk over DOM nodes on plain objects shaped like them.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_DEPTH, rawFromDom, safeAttribute, safeHref, safeImageSrc, safeStyleProperty, sanitizeEmail, tagDecision, type DomLike, type RawNode, type SafeNode,
} from '../../src-renderer/features/settings/emailPreviewModel';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';

const el = (tag: string, attributes: Record<string, string> = {}, children: RawNode[] = [], html = true): RawNode =>
  ({ kind: 'element', tag, html, attributes: Object.entries(attributes), children });
const text = (value: string): RawNode => ({ kind: 'text', text: value });

/** All the text a sanitized tree shows, in order. */
function textOf(nodes: readonly SafeNode[]): string {
  return nodes.map((n) => (n.kind === 'text' ? n.text : textOf(n.children))).join('');
}

describe('tags', () => {
  it.each(['table', 'tbody', 'tr', 'td', 'th', 'div', 'span', 'p', 'a', 'img', 'h1', 'h2', 'h3', 'strong', 'em', 'br', 'ul', 'ol', 'li', 'hr', 'small'])(
    '<%s> is kept', (tag) => {
      expect(tagDecision(tag, true)).toEqual({ action: 'keep', tag });
    });

  it('upper-case names from an HTML parser are the same tags', () => {
    expect(tagDecision('TD', true)).toEqual({ action: 'keep', tag: 'td' });
  });

  it('the e-mail’s <body> becomes a <div> (its background and padding stay)', () => {
    expect(tagDecision('body', true)).toEqual({ action: 'keep', tag: 'div' });
  });

  it.each(['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'template', 'noscript', 'link', 'meta', 'base', 'head', 'title', 'video'])(
    '<%s> is dropped with what is inside it', (tag) => {
      expect(tagDecision(tag, true)).toEqual({ action: 'drop' });
    });

  it.each(['center', 'font', 'section', 'custom-element', 'html'])('<%s> (not on the list) is unwrapped: its content stays, the tag goes', (tag) => {
    expect(tagDecision(tag, true)).toEqual({ action: 'unwrap' });
  });

  it('an element from another namespace (inside <svg> or <math>) is dropped even with an allowed name', () => {
    expect(tagDecision('a', false)).toEqual({ action: 'drop' });
  });
});

describe('links and images', () => {
  it.each<[string, string, string | null]>([
    ['an https tracking link', 'https://www.ups.com/track?tracknum=1Z999AA10123456784', 'https://www.ups.com/track?tracknum=1Z999AA10123456784'],
    ['plain http, with spaces around', '  http://track.example/1  ', 'http://track.example/1'],
    ['javascript:', 'javascript:alert(1)', null],
    ['javascript: in disguise', ' JaVaScRiPt:alert(1)', null],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>', null],
    ['a relative path (would point at the desk itself)', '/api/orders.list', null],
    ['a mailto: link', 'mailto:shop@example.com', null],
    ['user and password in the address', 'https://user:pw@track.example/', null],
    ['not an address at all', 'track me', null],
  ])('href: %s → %s', (_, value, expected) => {
    expect(safeHref(value)).toBe(expected);
  });

  it.each<[string, string, string | null]>([
    ['the embedded PNG logo', PNG, PNG],
    ['an embedded JPEG broken over lines', 'data:image/jpeg;base64,/9j/\n4AAQ', 'data:image/jpeg;base64,/9j/4AAQ'],
    ['a remote image (a tracking pixel)', 'https://tracker.example/pixel.gif', null],
    ['an image on the desk’s own origin', '/icons/logo.png', null],
    ['an SVG data image', 'data:image/svg+xml;base64,PHN2Zz4=', null],
    ['a data URL that is not an image', 'data:text/html;base64,PGI+', null],
  ])('img src: %s', (_, value, expected) => {
    expect(safeImageSrc(value)).toBe(expected);
  });
});

describe('attributes', () => {
  it.each<[string, string, string, string | null]>([
    ['a', 'href', 'https://track.example/1', 'https://track.example/1'],
    ['img', 'href', 'https://track.example/1', null],
    ['img', 'src', PNG, PNG],
    ['a', 'src', PNG, null],
    ['img', 'alt', 'Happy Paws', 'Happy Paws'],
    ['img', 'width', '120', '120'],
    ['table', 'width', '100%', '100%'],
    ['table', 'width', '100px;position:fixed', null],
    ['img', 'height', '48', '48'],
    ['td', 'align', 'CENTER', 'center'],
    ['td', 'align', 'middle"', null],
    ['td', 'valign', 'top', 'top'],
    ['td', 'colspan', '2', '2'],
    ['td', 'colspan', '2x', null],
    ['table', 'cellpadding', '0', '0'],
    ['td', 'bgcolor', '#f4f4f4', '#f4f4f4'],
    ['td', 'bgcolor', 'url(x)', null],
    ['img', 'onerror', 'alert(1)', null],
    ['a', 'onclick', 'alert(1)', null],
    ['a', 'target', '_blank', null],
    ['div', 'id', 'app', null],
    ['div', 'class', 'screen', null],
    ['a', 'formaction', 'https://x.example', null],
    ['img', 'srcset', 'https://x.example/a.png 2x', null],
  ])('<%s %s="%s"> → %s', (tag, name, value, expected) => {
    expect(safeAttribute(tag, name, value)).toBe(expected);
  });
});

describe('style properties (after the browser split them into longhands)', () => {
  it.each<[string, string, boolean]>([
    ['color', '#333333', true],
    ['background-color', 'rgb(47, 111, 78)', true],
    ['padding-top', '16px', true],
    ['font-family', 'Arial, sans-serif', true],
    ['display', 'block', true],
    ['background-image', 'url("data:image/png;base64,iVBORw0KGgo=")', true],
    ['background-image', 'url("https://tracker.example/open.gif")', false],
    ['background-image', 'url(/api/orders.list)', false],
    ['list-style-image', 'URL(http://x.example/dot.png)', false],
    ['background-image', 'image-set("https://x.example/a.png" 1x)', false],
    ['background-image', '-webkit-image-set("https://x.example/a.png" 1x)', false],
    ['cursor', 'url(https://x.example/c.cur), auto', false],
    ['position', 'fixed', false],
    ['position', 'absolute', false],
    ['position', 'sticky', false],
    ['position', 'relative', true],
    ['position', 'static', true],
    ['-moz-binding', 'url(x.xml#y)', false],
    ['width', 'expression(alert(1))', false],
  ])('%s: %s → %s', (property, value, allowed) => {
    expect(safeStyleProperty(property, value)).toBe(allowed);
  });
});

describe('sanitizeEmail: the whole tree', () => {
  it('keeps the layout, its allowed attributes and style text, and nothing else', () => {
    const email = [el('body', { style: 'margin:0;background:#f4f4f4', onload: 'x()' }, [
      el('table', { width: '100%', role: 'presentation', class: 'wrap' }, [
        el('tr', {}, [el('td', { style: 'padding:16px;color:#fff', bgcolor: '#2f6f4e', id: 'head' }, [
          el('img', { src: PNG, alt: 'Happy Paws', width: '120', onerror: 'steal()' }),
          el('a', { href: 'https://track.example/1Z', style: 'color:#2f6f4e', target: '_blank' }, [text('Track your parcel')]),
        ])]),
      ]),
    ])];
    expect(sanitizeEmail(email)).toEqual([{
      kind: 'element', tag: 'div', attributes: [], style: 'margin:0;background:#f4f4f4', children: [{
        kind: 'element', tag: 'table', attributes: [['width', '100%']], style: null, children: [{
          kind: 'element', tag: 'tr', attributes: [], style: null, children: [{
            kind: 'element', tag: 'td', attributes: [['bgcolor', '#2f6f4e']], style: 'padding:16px;color:#fff', children: [
              { kind: 'element', tag: 'img', attributes: [['src', PNG], ['alt', 'Happy Paws'], ['width', '120']], style: null, children: [] },
              { kind: 'element', tag: 'a', attributes: [['href', 'https://track.example/1Z']], style: 'color:#2f6f4e', children: [{ kind: 'text', text: 'Track your parcel' }] },
            ],
          }],
        }],
      }],
    }]);
  });

  it('drops a script, a style sheet and a form together with their text; an unknown wrapper keeps its text', () => {
    const email = [el('div', {}, [
      text('Hello '),
      el('script', {}, [text('steal()')]),
      el('style', {}, [text('p{color:red}')]),
      el('form', { action: 'https://x.example' }, [el('input', { value: 'card' }), text('Pay here')]),
      el('center', {}, [el('font', { color: 'red' }, [text('Ana')])]),
      el('svg', {}, [el('a', { href: 'https://x.example' }, [text('svg link')], false)]),
    ])];
    expect(textOf(sanitizeEmail(email))).toBe('Hello Ana');
  });

  it('a customer’s name that looks like markup stays text', () => {
    const safe = sanitizeEmail([el('p', {}, [text('<img src=x onerror=alert(1)>')])]);
    expect(safe).toEqual([{ kind: 'element', tag: 'p', attributes: [], style: null, children: [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }] }]);
  });

  it('a link to javascript: keeps its words but loses its address', () => {
    expect(sanitizeEmail([el('a', { href: 'javascript:alert(1)' }, [text('Click')])]))
      .toEqual([{ kind: 'element', tag: 'a', attributes: [], style: null, children: [{ kind: 'text', text: 'Click' }] }]);
  });

  it('comments and other node kinds are left out', () => {
    expect(sanitizeEmail([{ kind: 'other' }, text('x')])).toEqual([{ kind: 'text', text: 'x' }]);
  });

  it(`nesting deeper than ${MAX_DEPTH} levels is cut off instead of recursing without end`, () => {
    let node: RawNode = text('deepest');
    for (let i = 0; i < MAX_DEPTH + 10; i += 1) node = el('div', {}, [node]);
    let depth = 0;
    let current = sanitizeEmail([node]);
    while (current[0]?.kind === 'element') {
      depth += 1;
      current = current[0].children;
    }
    expect(depth).toBe(MAX_DEPTH);
    expect(textOf(sanitizeEmail([node]))).toBe('');
  });
});

describe('rawFromDom: reading the parsed document', () => {
  const HTML_NS = 'http://www.w3.org/1999/xhtml';
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const domText = (value: string): DomLike => ({ nodeType: 3, nodeValue: value, childNodes: [] });
  const domComment = (value: string): DomLike => ({ nodeType: 8, nodeValue: value, childNodes: [] });
  const domEl = (localName: string, attributes: Record<string, string>, childNodes: DomLike[], namespaceURI = HTML_NS): DomLike => ({
    nodeType: 1, nodeValue: null, localName, namespaceURI, attributes: Object.entries(attributes).map(([name, value]) => ({ name, value })), childNodes,
  });

  it('turns elements, attributes, text and comments into the plain tree, marking foreign elements', () => {
    const body = domEl('body', { style: 'margin:0' }, [
      domEl('p', { class: 'x' }, [domText('Hi '), domComment('secret'), domText('Ana')]),
      domEl('svg', {}, [domEl('a', { href: 'https://x.example' }, [], SVG_NS)], SVG_NS),
    ]);
    expect(rawFromDom(body)).toEqual({
      kind: 'element', tag: 'body', html: true, attributes: [['style', 'margin:0']], children: [
        { kind: 'element', tag: 'p', html: true, attributes: [['class', 'x']], children: [{ kind: 'text', text: 'Hi ' }, { kind: 'other' }, { kind: 'text', text: 'Ana' }] },
        { kind: 'element', tag: 'svg', html: false, attributes: [], children: [{ kind: 'element', tag: 'a', html: false, attributes: [['href', 'https://x.example']], children: [] }] },
      ],
    });
  });

  it('read and sanitized, the svg link and the comment are gone and the paragraph’s text stays', () => {
    const body = domEl('body', {}, [
      domEl('p', {}, [domText('Hi '), domComment('secret'), domText('Ana')]),
      domEl('svg', {}, [domEl('a', { href: 'https://x.example' }, [domText('svg link')], SVG_NS)], SVG_NS),
    ]);
    expect(textOf(sanitizeEmail([rawFromDom(body)]))).toBe('Hi Ana');
  });
});
