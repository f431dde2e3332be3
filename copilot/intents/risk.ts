import { cite } from '../answer';
import { findings, riskiest } from '../tools/catalog';
import type { FindingNode, Ranked } from '../tools/shapes';
import { departmentIn, kindIn } from './filters';
import { citeEntry, listOf, plural, pronounSubject, resolveSlot, use, type Draft, type Turn } from './turn';

type Found = { totalCount: number; findings: FindingNode[] };

const findingLine = (f: FindingNode) => `[${f.severity.toLowerCase()}] ${f.reason}`;
const citeFinding = (f: FindingNode) => cite('FINDING', f.id, f.reason);
const where = (department: string | null, kind: string | null) => `${kind ? ` among ${kind.toLowerCase()}s` : ''}${department ? ` in ${department}` : ''}`;

async function listFindings(turn: Turn, codes: string[], title: string, opts: { kind?: string | null; intent: string; followUp?: (f: FindingNode) => string }): Promise<Draft> {
  const department = departmentIn(turn.dir, turn.routed.text);
  const all: FindingNode[] = [];
  let total = 0;
  for (const code of codes) {
    const d = await use<Found>(turn, findings, { code, department: department ?? undefined, kind: opts.kind ?? undefined, first: 50 });
    total += d.totalCount;
    all.push(...d.findings);
  }
  const scope = where(department, opts.kind ?? null);
  if (!total && opts.kind) {
    // "Which agents have no owner?" when only services lack one: say so rather than a bare "none".
    const wider = await listFindings(turn, codes, title, { ...opts, kind: null });
    return { ...wider, text: `None${scope}. ${wider.text}` };
  }
  if (!total) return { intent: opts.intent, text: `No ${title}${scope}.`, citations: [], followUps: [] };
  return {
    intent: opts.intent,
    text: `${plural(total, title.replace(/s$/, ''), title)}${scope}${total > all.length ? ` (the first ${all.length})` : ''}:\n${listOf(all.map(findingLine), 20)}`,
    citations: all.slice(0, 20).map(citeFinding),
    followUps: all.slice(0, 2).flatMap((f) => (opts.followUp ? [opts.followUp(f)] : f.identityId ? [`Who is ${f.identityId}?`] : [])),
  };
}

export function unownedAnswer(turn: Turn): Promise<Draft> {
  const kind = kindIn(turn.routed.text);
  const codes = /\b(?:left|terminated|departed|gone|former)\b/i.test(turn.routed.text) ? ['NHI_OWNER_TERMINATED'] : ['NHI_WITHOUT_OWNER'];
  const title = codes[0] === 'NHI_OWNER_TERMINATED' ? 'non-human identities whose owner has left' : 'non-human identities with no owner';
  return listFindings(turn, codes, title, { kind: kind === 'HUMAN' ? null : kind, intent: 'unowned_nhi', followUp: (f) => `What did ${f.identityId ?? f.subjectId} get and from whom?` });
}

export function staleCredentialsAnswer(turn: Turn): Promise<Draft> {
  const never = /\bnever (?:been )?rotated\b/i.test(turn.routed.text);
  return listFindings(turn, [never ? 'CREDENTIAL_NEVER_ROTATED' : 'CREDENTIAL_STALE'], never ? 'credentials never rotated' : 'stale credentials', { kind: kindIn(turn.routed.text), intent: 'stale_credentials' });
}

export async function dormantAnswer(turn: Turn): Promise<Draft> {
  const subject = turn.routed.slots.subject ?? pronounSubject(turn);
  const department = departmentIn(turn.dir, turn.routed.text);
  if (subject && !department && !/^(?:any(?:one)?|everyone|all|us|the company)$/i.test(subject)) {
    const who = resolveSlot(turn, subject, ['identity'], 'identity');
    if (!who.ok) return who.draft;
    const e = who.entry;
    turn.memory.identityId = e.id;
    turn.ledger.add(citeEntry(e));
    const own: FindingNode[] = [];
    for (const code of ['DORMANT_ACCOUNT', 'UNUSED_PRIVILEGED_ENTITLEMENT', 'UNUSED_ENTITLEMENT']) {
      const d = await use<Found>(turn, findings, { code, department: e.department ?? undefined, first: 200 });
      own.push(...d.findings.filter((f) => f.identityId === e.id));
    }
    if (!own.length) return { intent: 'dormant_access', text: `${e.name} (${e.id}) has no dormant accounts or unused entitlements on record.`, citations: [citeEntry(e)], followUps: [`What can ${e.id} access?`] };
    return { intent: 'dormant_access', text: `${e.name} (${e.id}) has ${plural(own.length, 'dormant or unused item')}:\n${listOf(own.map(findingLine), 15)}`, citations: [citeEntry(e), ...own.slice(0, 15).map(citeFinding)], followUps: [`What can ${e.id} access?`] };
  }
  const privileged = /\bprivileged|admin/i.test(turn.routed.text);
  const accounts = /\baccounts?\b|\blog ?ins?\b/i.test(turn.routed.text);
  const codes = accounts ? ['DORMANT_ACCOUNT'] : privileged ? ['UNUSED_PRIVILEGED_ENTITLEMENT'] : ['DORMANT_ACCOUNT', 'UNUSED_PRIVILEGED_ENTITLEMENT'];
  return listFindings(turn, codes, accounts ? 'dormant accounts' : privileged ? 'unused privileged entitlements' : 'dormant accounts and unused privileged entitlements', { kind: kindIn(turn.routed.text), intent: 'dormant_access' });
}

export async function riskiestAnswer(turn: Turn): Promise<Draft> {
  const department = departmentIn(turn.dir, turn.routed.text);
  const kind = kindIn(turn.routed.text.replace(/\b(?:identities|users)\b/gi, ''));
  const top = Number(/\btop (\d{1,2})\b/i.exec(turn.routed.text)?.[1] ?? 10);
  const r = await use<Ranked[]>(turn, riskiest, { department: department ?? undefined, kind: kind ?? undefined, first: Math.min(Math.max(top, 1), 50) });
  const scope = where(department, kind);
  if (!r.length) return { intent: 'riskiest', text: `No identity${scope} has a risk score above 0.`, citations: [], followUps: [] };
  const lines = r.map((x) => `${x.identity?.displayName ?? x.identityId} (${x.identityId}${x.identity?.title ? `, ${x.identity.title}` : ''}): ${x.score.toFixed(0)} (${x.band.toLowerCase()}) — ${x.factors.slice(0, 3).map((f) => `${f.code} ×${f.count}`).join(', ')}`);
  return {
    intent: 'riskiest',
    text: `The ${plural(r.length, 'riskiest identity', 'riskiest identities')}${scope}:\n${listOf(lines, 50)}`,
    citations: r.map((x) => cite('IDENTITY', x.identityId, x.identity?.displayName ?? x.identityId)),
    followUps: r.slice(0, 2).map((x) => `Who is ${x.identityId}?`),
  };
}
