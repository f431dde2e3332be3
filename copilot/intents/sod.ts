import { citeViolation, cite } from '../answer';
import { normalize } from '../directory/fuzzy';
import { resolve } from '../directory/resolve';
import { sodRules, sodViolations } from '../tools/catalog';
import type { SodRules, Violation } from '../tools/shapes';
import { citeEntry, listOf, plural, PRONOUNS, pronounSubject, resolveSlot, use, type Draft, type Turn } from './turn';
import { departmentIn } from './filters';

const sideWords = (v: Violation) => {
  const control = [...v.left, ...v.right].some((s) => s.viaControl);
  return `${v.left.map((s) => s.entitlementId).join(', ')} + ${v.right.map((s) => s.entitlementId).join(', ')}${control ? ' (one side through an identity it controls)' : ''}`;
};

function violationLines(vs: Violation[]): string[] {
  return vs.map((v) => `${v.identity?.displayName ?? v.identityId} (${v.identityId}${v.identity?.department ? `, ${v.identity.department}` : ''}) breaks "${v.rule.name}" [${v.rule.severity.toLowerCase()}, ${v.kind.toLowerCase()}]: ${sideWords(v)}`);
}

export async function sodAnswer(turn: Turn): Promise<Draft> {
  const rules = await use<SodRules>(turn, sodRules, {});
  if (!rules.sodRules) return { intent: 'sod_overview', text: 'No separation-of-duties rules are loaded, so there is nothing to check against. Load them with `whohas rules load FILE`.', citations: [], followUps: [] };
  const { slots } = turn.routed;
  if (turn.routed.intent === 'sod_rule' && slots.rule) return byRule(turn, rules, slots.rule);
  const subject = slots.subject && !PRONOUNS.test(slots.subject) ? slots.subject : pronounSubject(turn) ?? slots.subject;
  const everyone = !subject || /^(?:any(?:one|body)?|everyone|all|the company|us|we|there|our (?:company|org|organisation|organization))$/i.test(subject);
  const rule = subject && !everyone ? matchRule(rules, subject) : undefined;
  if (rule) return byRule(turn, rules, rule.name);
  // A named identity first: "SoD for hr:E10240" must not read as the HR department.
  const named = subject && !everyone ? resolve(turn.dir, subject, ['identity']) : null;
  const department = departmentIn(turn.dir, turn.routed.text);
  if (department && named?.status !== 'found' && !PRONOUNS.test(subject ?? '') ) return byDepartment(turn, rules, department);
  if (subject && !everyone) {
    const who = resolveSlot(turn, subject, ['identity'], 'identity');
    if (!who.ok) return who.draft;
    const e = who.entry;
    turn.memory.identityId = e.id;
    const d = await use<{ totalCount: number; violations: Violation[] }>(turn, sodViolations, { identityId: e.id });
    turn.ledger.add(citeEntry(e));
    if (!d.totalCount) return { intent: 'sod_identity', text: `${e.name} (${e.id}) breaks none of the ${plural(rules.sodRules.rules.length, 'rule')} in force (rule set ${rules.sodRules.version}).`, citations: [citeEntry(e)], followUps: [`What can ${e.id} access?`] };
    return {
      intent: 'sod_identity',
      text: `${e.name} (${e.id}) has ${plural(d.totalCount, 'open separation-of-duties violation')}:\n${listOf(violationLines(d.violations))}`,
      citations: [citeEntry(e), ...d.violations.map((v) => citeViolation(v.identityId, v.rule.id, `${v.rule.name}: ${e.name}`))],
      followUps: d.violations.slice(0, 1).flatMap((v) => [`Why does ${e.id} have ${v.left[0]?.entitlementId}?`, `What if we revoke ${v.right[0]?.entitlementId} from ${e.id}?`]),
    };
  }
  return overview(turn, rules);
}

function matchRule(rules: SodRules, phrase: string) {
  const n = normalize(phrase);
  return rules.sodRules?.rules.find((r) => normalize(r.id) === n || normalize(r.name) === n || normalize(r.name).includes(n) && n.length >= 6);
}

async function byRule(turn: Turn, rules: SodRules, phrase: string): Promise<Draft> {
  const rule = matchRule(rules, phrase) ?? fuzzyRule(rules, phrase);
  if (!rule) {
    const names = rules.sodRules!.rules.map((r) => `${r.name} (${r.id})`);
    return { intent: 'sod_rule', text: `No rule called "${phrase}" is loaded. The rules in force are:\n${listOf(names, 20)}`, citations: rules.sodRules!.rules.map((r) => cite('SOD_RULE', r.id, r.name)), followUps: rules.sodRules!.rules.slice(0, 2).map((r) => `Who violates the ${r.name} rule?`) };
  }
  const d = await use<{ totalCount: number; violations: Violation[] }>(turn, sodViolations, { ruleId: rule.id, first: 100 });
  const head = `"${rule.name}" (${rule.id}, ${rule.severity.toLowerCase()})${rule.description ? `: ${rule.description}` : ''}`;
  if (!d.totalCount) return { intent: 'sod_rule', text: `Nobody breaks ${head}.`, citations: [cite('SOD_RULE', rule.id, rule.name)], followUps: [] };
  return {
    intent: 'sod_rule',
    text: `${plural(d.totalCount, 'identity', 'identities')} break ${head}:\n${listOf(violationLines(d.violations), 15)}`,
    citations: [cite('SOD_RULE', rule.id, rule.name), ...d.violations.map((v) => citeViolation(v.identityId, v.rule.id, `${v.rule.name}: ${v.identity?.displayName ?? v.identityId}`))],
    followUps: d.violations.slice(0, 2).map((v) => `Does ${v.identityId} have any SoD violations?`),
  };
}

function fuzzyRule(rules: SodRules, phrase: string) {
  const words = new Set(normalize(phrase).split(' ').filter((w) => w.length > 2 && !['rule', 'the', 'and', 'sod'].includes(w)));
  let best: { r: NonNullable<SodRules['sodRules']>['rules'][number]; s: number } | null = null;
  for (const r of rules.sodRules?.rules ?? []) {
    const rw = normalize(`${r.name} ${r.id}`).split(' ');
    const s = [...words].filter((w) => rw.some((x) => x.startsWith(w) || w.startsWith(x))).length / Math.max(1, words.size);
    if (s > (best?.s ?? 0.6)) best = { r, s };
  }
  return best?.r;
}

async function byDepartment(turn: Turn, rules: SodRules, department: string): Promise<Draft> {
  const d = await use<{ totalCount: number; violations: Violation[] }>(turn, sodViolations, { first: 500 });
  // Agents and services carry no department of their own; the summary counts them under their owner's.
  const inDept = d.violations.filter((v) => v.identity?.department === department);
  const counted = rules.sodSummary.byDepartment.find((x) => x.key === department)?.open ?? inDept.length;
  if (!inDept.length) return { intent: 'sod_department', text: `No open separation-of-duties violations in ${department}${d.totalCount > d.violations.length ? ' among the first 500 read' : ''}.`, citations: [], followUps: ['Show all SoD violations'] };
  return {
    intent: 'sod_department',
    text: `${plural(counted, 'open violation')} in ${department}:\n${listOf(violationLines(inDept), 15)}`,
    citations: inDept.map((v) => citeViolation(v.identityId, v.rule.id, `${v.rule.name}: ${v.identity?.displayName ?? v.identityId}`)),
    followUps: inDept.slice(0, 2).map((v) => `Does ${v.identityId} have any SoD violations?`),
  };
}

async function overview(turn: Turn, rules: SodRules): Promise<Draft> {
  const s = rules.sodSummary;
  const byRule = s.byRule.filter((r) => r.open > 0).sort((a, b) => b.open - a.open);
  const names = new Map(rules.sodRules!.rules.map((r) => [r.id, r.name]));
  const d = await use<{ totalCount: number; violations: Violation[] }>(turn, sodViolations, { first: 10 });
  return {
    intent: 'sod_overview',
    text: `${plural(s.open, 'open separation-of-duties violation')} across ${plural(rules.sodRules!.rules.length, 'rule')} (rule set ${rules.sodRules!.version}).\nBy rule:\n${listOf(byRule.map((r) => `${names.get(r.key) ?? r.key} (${r.key}): ${r.open}`), 12)}\nBy department:\n${listOf(s.byDepartment.filter((x) => x.open).map((x) => `${x.key}: ${x.open}`), 12)}\nFirst violations:\n${listOf(violationLines(d.violations), 10)}`,
    citations: [...byRule.map((r) => cite('SOD_RULE', r.key, names.get(r.key) ?? r.key)), ...d.violations.map((v) => citeViolation(v.identityId, v.rule.id, `${v.rule.name}: ${v.identity?.displayName ?? v.identityId}`))],
    followUps: byRule.slice(0, 2).map((r) => `Who violates the ${names.get(r.key) ?? r.key} rule?`),
  };
}
