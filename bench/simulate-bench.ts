import type { AccessModel } from '../src/simulate/access-model';
import { loadAccessModel } from '../src/simulate/model-reader';
import type { KuzuStore } from '../src/store/kuzu-store';
import type { NaiveBaseline } from './naive';
import { naiveDetachWhatIf, naiveMembershipWhatIf, naiveUngrantWhatIf } from './naive-whatif';

/**
 * What-if latency over HTTP on the benchmark enterprise: one membership removal (many different
 * people), and detaching "All Employees" from "MFA Required", which moves every employee and the
 * agents that act for them. The first call after an ingest loads the in-memory model; it is timed
 * on its own.
 */
const SIMULATE = `mutation($changes: [ChangeInput!]!) { simulate(changes: $changes) { id affectedIdentityCount lostCount summary deltas(first: 50) { totalCount edges { node { identityId lost { entitlement { id } } } } } sodIntroduced { identityId } } }`;

interface SimAnswer {
  affectedIdentityCount: number;
  lostCount: number;
}

async function simulate(url: string, changes: unknown[]): Promise<{ ms: number; answer: SimAnswer }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-whohas-client': 'bench' }, body: JSON.stringify({ query: SIMULATE, variables: { changes } }) });
  const body = (await res.json()) as { data?: { simulate: SimAnswer }; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`simulate: ${JSON.stringify(body.errors)}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, answer: body.data.simulate };
}

/** Real memberships to remove (each sampled person's first account's first group) and the 10k ungrant. */
function changesToTime(model: AccessModel, humans: number) {
  const removals: Array<{ op: string; memberId: string; groupId: string; identityId: string }> = [];
  for (let i = 0; removals.length < 60 && i < humans; i++) {
    const person = `hr:E${10001 + ((i * 97) % humans)}`;
    for (const account of model.listOf('ia', person)) {
      const group = model.listOf('ag', account.to)[0];
      if (group) {
        removals.push({ op: 'REMOVE_MEMBERSHIP', memberId: account.to, groupId: group.to, identityId: person });
        break;
      }
    }
  }
  return { removals, ungrant: [tenThousandUngrant(model)] };
}

/**
 * The "10k-identity detachment": the group with the fewest member accounts at or above
 * 10,000 (the most below, at smaller sizes) stops granting its first entitlement.
 */
function tenThousandUngrant(model: AccessModel) {
  let best: { groupId: string; members: number } | null = null;
  for (const groupId of model.facts.groups.keys()) {
    if (!model.listOf('gg', groupId).length) continue;
    const members = model.listOf('ca', groupId).length;
    const better = !best || (members >= 10_000 ? best.members < 10_000 || members < best.members : best.members < 10_000 && members > best.members);
    if (better) best = { groupId, members };
  }
  if (!best) throw new Error('no group grants anything');
  return { op: 'REMOVE_GRANT', holderId: best.groupId, entitlementId: model.listOf('gg', best.groupId)[0].to };
}

/** One big change asked five times: its median and slowest, and what it moves. */
async function repeated(url: string, change: string, changes: unknown[]) {
  const times: number[] = [];
  let last: SimAnswer | null = null;
  for (let i = 0; i < 5; i++) {
    const { ms, answer } = await simulate(url, changes);
    times.push(ms);
    last = answer;
  }
  times.sort((a, b) => a - b);
  return { change, affectedIdentityCount: last!.affectedIdentityCount, lostGrants: last!.lostCount, n: times.length, p50ms: pct(times, 50), maxMs: pct(times, 100) };
}

const pct = (sorted: number[], p: number) => +sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2);

export async function benchSimulate(url: string, store: KuzuStore, humans: number, naive: NaiveBaseline) {
  // The bench reads its own copy of the model to choose the changes, and lets it go before timing:
  // held, it was 900 MB beside the server's at L and put the heap near its limit (the 10k grant
  // removal took 1.5-3.3 s over HTTP that way, 0.7 s without).
  const { removals, ungrant } = changesToTime(await loadAccessModel(store), humans);
  const detach = [{ op: 'REMOVE_MEMBERSHIP', memberId: 'okta:grp:everyone', groupId: 'okta:grp:mfa-required' }];

  const change = ({ op, memberId, groupId }: (typeof removals)[number]) => ({ op, memberId, groupId });
  const first = await simulate(url, [change(removals[0])]);
  for (const r of removals.slice(1, 11)) await simulate(url, [change(r)]); // warm-up
  const single: number[] = [];
  let affected = 0;
  for (const r of removals.slice(10)) {
    const { ms, answer } = await simulate(url, [change(r)]);
    single.push(ms);
    affected += answer.affectedIdentityCount;
  }
  single.sort((a, b) => a - b);
  const groupDetachment = await repeated(url, 'All Employees leaves MFA Required', detach);
  const tenThousandDetachment = await repeated(url, `${ungrant[0].holderId} stops granting ${ungrant[0].entitlementId}`, ungrant);
  const naiveOne = await naiveMembershipWhatIf(store, naive, removals.slice(10, 15));
  const naiveDetach = await naiveDetachWhatIf(store, naive, { memberId: detach[0].memberId, groupId: detach[0].groupId });
  return {
    naive: { oneMembershipRemoval: naiveOne, groupDetachment: naiveDetach, tenThousandDetachment: await naiveUngrantWhatIf(store, naive, ungrant[0]) },
    firstCallWithModelLoadMs: +first.ms.toFixed(1),
    oneMembershipRemoval: { n: single.length, p50ms: pct(single, 50), p95ms: pct(single, 95), meanAffectedIdentities: +(affected / single.length).toFixed(2) },
    groupDetachment,
    tenThousandDetachment,
  };
}
