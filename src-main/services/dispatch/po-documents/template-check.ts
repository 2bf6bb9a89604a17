/**
 * Checks a per-supplier e-mail template before it is saved (the supplier form shows the message) and before
 * it is rendered: mustache syntax, known tags only, and the HTML safety rules below.
 *
 * HTML safety (the shop writes the template, customers write the values):
 * - {{x}} is HTML-escaped by mustache; {{{x}}} and {{& x}} are REFUSED in the HTML part (every value in the view
 *   is data, none is markup, so there is nothing a raw tag is needed for).
 * - A value tag may stand only in text content: never inside `<…>` markup (an attribute such as href/src/style/
 *   on*, a tag name, a comment) nor inside <script>/<style>. Escaping makes a value safe as TEXT, not as a URL
 *   ("javascript:alert(1)" needs no `<`), a CSS or a script, so those places are refused outright.
 * - Partials ({{> x}}) are refused: there are none, and a lookup must not reach anything else.
 * Subject and text parts are plain text: raw tags are harmless there (nothing is escaped) and the subject is
 * flattened to one line after rendering.
 */
import Mustache from 'mustache';
import { PO_LINE_TEMPLATE_TAGS, PO_TEMPLATE_TAGS } from './po-view';
import type { PoEmailTemplate } from './types';

export type PoTemplatePart = 'subject' | 'text' | 'html';

export interface PoTemplateProblem {
  part: PoTemplatePart;
  /** A sentence for the supplier form, naming the part, the tag and where it is. */
  message: string;
  line?: number;
  column?: number;
}

export type PoTemplateCheck = { ok: true } | { ok: false; problems: PoTemplateProblem[]; message: string };

export class PoTemplateError extends Error {
  readonly problems: PoTemplateProblem[];
  constructor(problems: PoTemplateProblem[]) {
    super(problems.map((problem) => problem.message).join('\n'));
    this.name = 'PoTemplateError';
    this.problems = problems;
  }
}

/** Longer templates are refused: a PO e-mail is a page, not a book. */
export const PO_TEMPLATE_MAX_LENGTH = 100_000;

const PART_NAMES: Record<PoTemplatePart, string> = { subject: 'subject', text: 'plain-text template', html: 'HTML template' };
const TOP_TAGS: ReadonlySet<string> = new Set(PO_TEMPLATE_TAGS);
const LINE_TAGS: ReadonlySet<string> = new Set(PO_LINE_TEMPLATE_TAGS);

type Token = [string, string, number, number, ...unknown[]];

function position(template: string, index: number): { line: number; column: number } {
  const before = template.slice(0, Math.max(0, Math.min(index, template.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function where(template: string, index: number): { line: number; column: number; text: string } {
  const at = position(template, index);
  return { ...at, text: `line ${at.line}, column ${at.column}` };
}

/** Is the end of this static HTML inside a tag's markup (`<a href="`) or inside a script/style element? */
function htmlContextProblem(staticHtml: string): string | undefined {
  if (staticHtml.lastIndexOf('<') > staticHtml.lastIndexOf('>')) return 'inside HTML markup (an attribute, a tag name or a comment)';
  const lower = staticHtml.toLowerCase();
  for (const element of ['script', 'style']) {
    if (lower.lastIndexOf(`<${element}`) > lower.lastIndexOf(`</${element}`)) return `inside a <${element}> element`;
  }
  return undefined;
}

function checkPart(part: PoTemplatePart, template: string): PoTemplateProblem[] {
  const name = PART_NAMES[part];
  if (template.length > PO_TEMPLATE_MAX_LENGTH) {
    return [{ part, message: `The ${name} is too long (${template.length} characters; at most ${PO_TEMPLATE_MAX_LENGTH}).` }];
  }
  let tokens: Token[];
  try {
    tokens = Mustache.parse(template) as unknown as Token[];
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const at = /\bat (\d+)\s*$/.exec(raw);
    const reason = raw.replace(/\s*\bat \d+\s*$/, '');
    if (at?.[1]) {
      // Mustache reports an unclosed tag where it stopped reading (the end); point at the tag's opening instead.
      const opening = reason === 'Unclosed tag' ? template.lastIndexOf('{{', Number(at[1])) : -1;
      const loc = where(template, opening >= 0 ? opening : Number(at[1]));
      return [{ part, message: `The ${name} has a syntax error: ${reason} (${loc.text}).`, line: loc.line, column: loc.column }];
    }
    return [{ part, message: `The ${name} has a syntax error: ${reason}.` }];
  }

  const problems: PoTemplateProblem[] = [];
  let staticHtml = '';
  const add = (start: number, message: string): void => {
    const loc = where(template, start);
    problems.push({ part, message: `The ${name} ${message} (${loc.text}).`, line: loc.line, column: loc.column });
  };
  const walk = (list: Token[], scope: ReadonlySet<string>): void => {
    for (const token of list) {
      const [type, value, start] = token;
      if (type === 'text') {
        staticHtml += value;
        continue;
      }
      if (type === '!' || type === '=') continue;
      if (type === '>') {
        add(start, `uses the partial {{> ${value}}}; partials are not supported`);
        continue;
      }
      const known = scope.has(value);
      if (!known) {
        add(start, `uses the unknown tag {{${value}}}; the known tags are listed beside the template`);
      }
      if (type === 'name' || type === '&') {
        if (part === 'html' && type === '&') {
          add(start, `inserts {{{${value}}}} without HTML escaping; write {{${value}}} instead`);
        } else if (part === 'html') {
          const context = htmlContextProblem(staticHtml);
          if (context) add(start, `puts {{${value}}} ${context}; values may only stand in the text of the e-mail`);
        }
        continue;
      }
      if (type === '#' || type === '^') {
        const children = (token[4] as Token[] | undefined) ?? [];
        let inner: Set<string> = new Set(scope);
        if (type === '#') {
          if (value === 'lines') inner = new Set([...scope, ...LINE_TAGS]);
          inner.add('.');
        }
        walk(children, inner);
      }
    }
  };
  walk(tokens, TOP_TAGS);
  return problems;
}

/** Checks every part given; `{ ok: false }` carries one sentence per problem (and all of them joined in `message`). */
export function checkPoTemplate(template: PoEmailTemplate): PoTemplateCheck {
  const problems: PoTemplateProblem[] = [];
  for (const part of ['subject', 'text', 'html'] as const) {
    const source = template[part];
    if (source !== undefined) problems.push(...checkPart(part, source));
  }
  if (problems.length === 0) return { ok: true };
  return { ok: false, problems, message: problems.map((problem) => problem.message).join('\n') };
}
