import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { WhohasError } from '../errors';
import { projectRoot } from '../paths';
import type { Backend } from './port';

/**
 * Named queries from `cypher/`. `cypher/<name>.cypher` is shared openCypher; a file of the same
 * name under `cypher/<backend>/` overrides it for that dialect (and must say why in its header).
 */
export interface NamedQuery {
  name: string;
  backend: Backend | 'shared';
  file: string;
  text: string;
  /** Statements, split on `;` at line ends (schema files hold several). */
  statements: string[];
  /** `$params` the text uses; the adapters refuse to run with any missing. */
  params: string[];
  /**
   * Params both UNWIND'd and tested with IN in one query: kuzu 0.11.3 segfaults on that
   * (`UNWIND $ids AS w ... WHERE x IN $ids`). Pass the list twice under two names instead.
   */
  unwoundAndTested: string[];
}

const BACKENDS: Backend[] = ['kuzu', 'neo4j'];

export function cypherDir(): string {
  return join(projectRoot(), 'cypher');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (entry.endsWith('.cypher')) out.push(full);
  }
  return out;
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
}

export function paramsOf(text: string): string[] {
  const names = new Set<string>();
  for (const m of stripComments(text).matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
  return [...names].sort();
}

export function unwoundAndTestedOf(text: string): string[] {
  const body = stripComments(text);
  return paramsOf(text).filter((p) => new RegExp(`UNWIND\\s+\\$${p}\\b`, 'i').test(body) && new RegExp(`\\bIN\\s+\\$${p}\\b`, 'i').test(body));
}

function parse(name: string, backend: Backend | 'shared', file: string): NamedQuery {
  const text = readFileSync(file, 'utf8');
  const body = stripComments(text);
  const statements = body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { name, backend, file, text, statements, params: paramsOf(text), unwoundAndTested: unwoundAndTestedOf(text) };
}

/** All names with the file that serves each for `backend`. */
export function loadCatalog(backend: Backend, root = cypherDir()): Map<string, NamedQuery> {
  const shared = new Map<string, NamedQuery>();
  const overrides = new Map<string, NamedQuery>();
  for (const file of walk(root)) {
    const rel = relative(root, file).split(sep);
    const head = rel[0] as Backend;
    if (BACKENDS.includes(head)) {
      if (head !== backend) continue;
      const name = rel.slice(1).join('/').replace(/\.cypher$/, '');
      overrides.set(name, parse(name, backend, file));
    } else {
      const name = rel.join('/').replace(/\.cypher$/, '');
      shared.set(name, parse(name, 'shared', file));
    }
  }
  return new Map([...shared, ...overrides]);
}

export class QueryCatalog {
  private readonly queries: Map<string, NamedQuery>;
  constructor(readonly backend: Backend, root?: string) {
    this.queries = loadCatalog(backend, root);
  }
  get(name: string): NamedQuery {
    const q = this.queries.get(name);
    if (!q) throw new WhohasError('STORE_QUERY_UNKNOWN', `No query named '${name}' in cypher/ for ${this.backend}`);
    return q;
  }
  names(): string[] {
    return [...this.queries.keys()].sort();
  }
}

/** Every param the query uses must be supplied, and nothing else: an unbound Kuzu param can crash the process. */
export function checkParams(q: NamedQuery, params: Record<string, unknown>): void {
  const missing = q.params.filter((p) => !(p in params));
  if (missing.length) {
    throw new WhohasError('STORE_PARAM_MISSING', `Query '${q.name}' needs $${missing.join(', $')}`);
  }
  const extra = Object.keys(params).filter((p) => !q.params.includes(p));
  if (extra.length) {
    throw new WhohasError('STORE_PARAM_UNEXPECTED', `Query '${q.name}' does not use $${extra.join(', $')}`);
  }
}
