import { createHash } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { isoTime } from '../../ingest/bundle/records';
import { WhohasError } from '../errors';

/**
 * Separation-of-duties rules as code: a YAML or JSON document, either a bare list of rules or
 * `{ version, rules }`. A rule names two sides; holding something from each is the toxic pair.
 * A side lists entitlement ids and/or selectors, so a rule survives new permissions being added.
 */
const Level = z.enum(['low', 'medium', 'high', 'critical']);

export const Selector = z
  .strictObject({
    /** System id, exact (e.g. `sap:fin`). */
    system: z.string().min(1).optional(),
    /** Entitlement name or id pattern, `*` and `?` wildcards, case-insensitive. */
    name: z.string().min(1).optional(),
    kind: z.enum(['permission', 'scope', 'role', 'license', 'tool']).optional(),
    privileged: z.boolean().optional(),
    /** At least this sensitivity. */
    sensitivity: Level.optional(),
  })
  .refine((s) => Object.keys(s).length > 0, 'a selector needs at least one of system, name, kind, privileged, sensitivity');
export type Selector = z.infer<typeof Selector>;

const Side = z.union([z.string().min(1), Selector]);
const Sides = z.union([z.array(Side).min(1, 'must name at least one entitlement or selector'), Side]).transform((s) => (Array.isArray(s) ? s : [s]));

export const Mitigation = z.strictObject({
  identity: z.string().min(1),
  reason: z.string().min(1),
  approver: z.string().min(1),
  /** After this instant the mitigation no longer counts (absent: until removed). */
  expiry: isoTime.optional(),
});
export type Mitigation = z.infer<typeof Mitigation>;

export const Rule = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'may hold letters, digits and . _ : - only'),
  name: z.string().min(1),
  severity: Level,
  description: z.string().optional(),
  left: Sides,
  right: Sides,
  mitigations: z.array(Mitigation).default([]),
});
export type Rule = z.infer<typeof Rule>;
export type Side = z.infer<typeof Side>;

const RuleDocument = z.union([z.array(z.unknown()), z.strictObject({ version: z.union([z.string(), z.number()]).optional(), rules: z.array(z.unknown()) })]);

export interface RuleSet {
  /** Declared version (if any) and a content hash: two different rule sets never share a version. */
  version: string;
  rules: Rule[];
  loadedAt: string;
}

/** Parses and validates a whole rule document; any problem refuses all of it, naming the line. */
export function parseRuleDocument(text: string, fileName: string, now: Date): RuleSet {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (line: number | undefined, message: string): never => {
    throw new WhohasError('BAD_USER_INPUT', `${fileName}${line ? `:${line}` : ''}: ${message}; no rule was loaded`, { file: fileName, line });
  };
  if (doc.errors.length) fail(lines.linePos(doc.errors[0].pos[0]).line, `not valid YAML or JSON: ${doc.errors[0].message.split('\n')[0]}`);
  const lineOf = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
    return node?.range ? lines.linePos(node.range[0]).line : undefined;
  };
  const root = RuleDocument.safeParse(doc.toJS());
  if (!root.success) fail(1, "expected a list of rules, or { version, rules: [...] }");
  const data = root.data!;
  const rawRules = Array.isArray(data) ? data : data.rules;
  const base: (string | number)[] = Array.isArray(data) ? [] : ['rules'];
  const rules: Rule[] = [];
  const ids = new Map<string, number>();
  rawRules.forEach((raw, i) => {
    const parsed = Rule.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : null;
      const within = issue.path as (string | number)[];
      const at = [...base, i, ...within, ...(unknownKeys ? [unknownKeys[0]] : [])];
      const what = unknownKeys ? `unknown field(s) ${unknownKeys.join(', ')}` : issue.message.replace(/^Invalid option: expected one of /, 'must be one of ').replace(/^Invalid input: /, '');
      const ruleId = typeof (raw as { id?: unknown })?.id === 'string' ? ` (rule '${(raw as { id: string }).id}')` : '';
      const where = within.length ? `${within.join('.')}: ` : '';
      fail(lineOf(at) ?? lineOf([...base, i]), `rule ${i + 1}${ruleId}: ${where}${what}`);
    }
    const rule = parsed.data!;
    if (ids.has(rule.id)) fail(lineOf([...base, i]), `rule id '${rule.id}' is used twice (first at rule ${ids.get(rule.id)! + 1})`);
    ids.set(rule.id, i);
    rules.push(rule);
  });
  const declared = Array.isArray(data) ? undefined : data.version;
  const hash = createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 10);
  return { version: declared !== undefined ? `${declared}+${hash}` : hash, rules, loadedAt: now.toISOString() };
}
