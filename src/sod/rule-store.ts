import { z } from 'zod';
import type { QueryRunner } from '../store/port';
import { Rule, type RuleSet } from './rules';

const KEY = 'sodRules';
const Stored = z.object({ version: z.string(), loadedAt: z.string(), rules: z.array(Rule) });

/** The rule set lives in the graph, so every API replica and the CLI see the same one. */
export async function readRuleSet(db: QueryRunner): Promise<RuleSet | null> {
  const rows = await db.run('meta/get', { key: KEY });
  if (!rows.length || typeof rows[0].value !== 'string') return null;
  return Stored.parse(JSON.parse(rows[0].value));
}

/** Replaces the whole rule set in one write: a rule set is never half-loaded. */
export async function writeRuleSet(tx: QueryRunner, ruleSet: RuleSet): Promise<void> {
  await tx.run('meta/set', { key: KEY, value: JSON.stringify(ruleSet), seq: 0 });
}
