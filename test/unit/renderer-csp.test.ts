import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/csp';

/**
 * src-renderer/index.html carries the CSP as a <meta> tag (a second line of defence, and the policy that holds
 * if a page is ever opened without the host's header). It must say what src-main/security/csp.ts says, minus
 * the directives a <meta> policy cannot carry (CSP3 §3.3: the browser ignores them there and logs a warning).
 */
const NOT_IN_META = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

const indexHtml = readFileSync(join(import.meta.dirname, '..', '..', 'src-renderer', 'index.html'), 'utf8');

function directives(policy: string): string[] {
  return policy.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter((d) => d !== '');
}

function metaPolicies(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/http-equiv\s*=\s*"Content-Security-Policy"/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*"([^"]*)"/i.exec(tag);
    found.push(content?.[1] ?? '');
  }
  return found;
}

describe('renderer CSP meta tag', () => {
  it('is exactly CONTENT_SECURITY_POLICY without the directives a meta tag cannot carry', () => {
    const policies = metaPolicies(indexHtml);
    expect(policies).toHaveLength(1);
    const expected = directives(CONTENT_SECURITY_POLICY).filter((d) => !NOT_IN_META.has(d.split(' ')[0] ?? ''));
    expect(directives(policies[0] ?? '')).toEqual(expected);
  });

  it('comes before anything that loads (a later meta CSP does not cover what is already fetched)', () => {
    const head = indexHtml.slice(0, indexHtml.search(/<meta\b[^>]*http-equiv\s*=\s*"Content-Security-Policy"/i));
    expect(head).not.toMatch(/<(script|link|style)\b/i);
  });
});
