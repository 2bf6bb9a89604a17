/**
 * Shopify's calculated query cost and its leaky bucket, simplified (test/sim/README.md, "Shopify simulator",
 * "Rate limit"). The cost is read from the operation's selection set with Shopify's documented rules: a scalar or
 * enum costs 0, an object 1, a connection (a field with `first`/`last`) 2 + first × (1 + what each node selects),
 * a mutation 10; `edges`, `node`, `nodes` and `pageInfo` are part of their connection. A query over
 * `maxQueryCost` (1000, Shopify's single-query limit) is refused before it runs. Imports nothing from src-main or
 * src-shared.
 */

interface Field {
  name: string;
  args: Record<string, unknown>;
  selections: Field[] | undefined;
}

/** A `$name` variable reference inside an argument. */
class VariableRef {
  constructor(readonly name: string) {}
}

const TOKEN = /\s+|,|#[^\n]*|"""[\s\S]*?"""|"(?:\\.|[^"\\])*"|\.\.\.|[{}():$!\[\]=@]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[_A-Za-z][_0-9A-Za-z]*/y;

function tokenize(source: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new SyntaxError(`Unexpected character '${source[start]}' at offset ${start}`);
    const text = match[0];
    if (/^\s|^,|^#/.test(text)) continue;
    out.push(text);
  }
  return out;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: string[]) {}

  private peek(): string | undefined {
    return this.tokens[this.at];
  }

  private next(): string {
    const token = this.tokens[this.at];
    if (token === undefined) throw new SyntaxError('Unexpected end of document');
    this.at += 1;
    return token;
  }

  private expect(token: string): void {
    const got = this.next();
    if (got !== token) throw new SyntaxError(`Expected '${token}', got '${got}'`);
  }

  /** The first operation's kind and root selection (variable definitions and directives are skipped). */
  operation(): { kind: 'query' | 'mutation'; roots: Field[] } {
    const first = this.peek();
    const kind = first === 'mutation' ? 'mutation' : 'query';
    let depth = 0;
    while (this.peek() !== undefined && !(this.peek() === '{' && depth === 0)) {
      const token = this.next();
      if (token === '(') depth += 1;
      if (token === ')') depth -= 1;
    }
    return { kind, roots: this.selectionSet() };
  }

  private selectionSet(): Field[] {
    this.expect('{');
    const fields: Field[] = [];
    while (this.peek() !== '}') {
      if (this.peek() === '...') throw new SyntaxError('Fragments are not supported by the simulator');
      let name = this.next();
      if (this.peek() === ':') {
        this.next();
        name = this.next();
      }
      const args: Record<string, unknown> = {};
      if (this.peek() === '(') {
        this.next();
        while (this.peek() !== ')') {
          const argName = this.next();
          this.expect(':');
          args[argName] = this.value();
        }
        this.next();
      }
      while (this.peek() === '@') {
        this.next();
        this.next();
        if (this.peek() === '(') this.skipBalanced('(', ')');
      }
      fields.push({ name, args, selections: this.peek() === '{' ? this.selectionSet() : undefined });
    }
    this.next();
    return fields;
  }

  private value(): unknown {
    const token = this.next();
    if (token === '$') return new VariableRef(this.next());
    if (token === '[') {
      const list: unknown[] = [];
      while (this.peek() !== ']') list.push(this.value());
      this.next();
      return list;
    }
    if (token === '{') {
      const object: Record<string, unknown> = {};
      while (this.peek() !== '}') {
        const key = this.next();
        this.expect(':');
        object[key] = this.value();
      }
      this.next();
      return object;
    }
    if (/^-?\d/.test(token)) return Number(token);
    if (token.startsWith('"')) return token;
    return token; // enum, true, false, null
  }

  private skipBalanced(open: string, close: string): void {
    let depth = 0;
    do {
      const token = this.next();
      if (token === open) depth += 1;
      if (token === close) depth -= 1;
    } while (depth > 0);
  }
}

export interface ParsedOperation {
  kind: 'query' | 'mutation';
  roots: Field[];
}

/** Parses enough of a GraphQL document to cost it; a SyntaxError for what it cannot read. */
export function parseOperation(document: string): ParsedOperation {
  return new Parser(tokenize(document)).operation();
}

/** An argument's value with variables resolved. */
export function argumentValue(field: Field, name: string, variables: Record<string, unknown>): unknown {
  const raw = field.args[name];
  return raw instanceof VariableRef ? variables[raw.name] : raw;
}

const WRAPPERS = new Set(['edges', 'node', 'nodes']);

function fieldCost(field: Field, variables: Record<string, unknown>, countOverride?: number): number {
  if (!field.selections) return 0;
  if (field.name === 'pageInfo') return 0;
  const children = field.selections.reduce((sum, child) => sum + fieldCost(child, variables), 0);
  if (WRAPPERS.has(field.name)) return children;
  const size = argumentValue(field, 'first', variables) ?? argumentValue(field, 'last', variables);
  if (typeof size === 'number') return 2 + (countOverride ?? size) * (1 + children);
  return 1 + children;
}

/**
 * The requested cost; with `returned` (how many nodes the root connection really returned), the actual cost,
 * which Shopify charges in the end (the simulator refunds the difference, as Shopify does).
 */
export function operationCost(operation: ParsedOperation, variables: Record<string, unknown>, returned?: number): number {
  if (operation.kind === 'mutation') return 10 * operation.roots.length;
  return operation.roots.reduce((sum, root) => sum + fieldCost(root, variables, returned), 0);
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface CostBucketOptions {
  /** Bucket size in points. Default 2000. */
  maximumAvailable?: number;
  /** Points restored per second. Default 100 (Shopify's Standard plan). */
  restoreRate?: number;
}

/** The leaky bucket: `maximumAvailable` points, refilled continuously at `restoreRate` per second of `clockMs`. */
export class CostBucket {
  readonly maximumAvailable: number;
  readonly restoreRate: number;
  private available: number;
  private last: number;

  constructor(options: CostBucketOptions, private readonly clockMs: () => number) {
    this.maximumAvailable = options.maximumAvailable ?? 2000;
    this.restoreRate = options.restoreRate ?? 100;
    if (!(this.maximumAvailable > 0) || !(this.restoreRate > 0)) throw new RangeError('maximumAvailable and restoreRate must be positive');
    this.available = this.maximumAvailable;
    this.last = clockMs();
  }

  private refill(): void {
    const now = this.clockMs();
    this.available = Math.min(this.maximumAvailable, this.available + (Math.max(0, now - this.last) / 1000) * this.restoreRate);
    this.last = now;
  }

  /** Takes `cost` points when that many are available; otherwise takes nothing. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Seconds until `cost` points are available (0 when they are). */
  secondsUntil(cost: number): number {
    this.refill();
    return Math.max(0, Math.ceil((cost - this.available) / this.restoreRate));
  }

  status(): ThrottleStatus {
    this.refill();
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }
}
