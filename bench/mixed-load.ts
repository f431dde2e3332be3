import { Q, gql } from './http';
import type { NaiveBaseline, NaiveFigure } from './naive';
import type { ReadInputs } from './read-bench';

/**
 * GraphQL requests/s over HTTP for a mixed read workload: `clients` concurrent callers, each
 * cycling through profile + accounts, effective access, explainAccess and whoHas of a small
 * entitlement, for `seconds`. The naive figure answers the same mix with variable-length
 * queries one after another, so its rate is 1000 / mean ms.
 */
function mix(input: ReadInputs, smallEntitlement: string) {
  const ops: Array<{ query: string; vars: Record<string, unknown>; naive: [string, Record<string, unknown>] }> = [];
  input.people.forEach((id, k) => {
    const pair = input.grantedPairs[k % input.grantedPairs.length];
    ops.push({ query: Q.identity, vars: { id }, naive: ['bench/naive-access-of-identity', { identityId: id }] });
    ops.push({ query: Q.effectiveAccess, vars: { id }, naive: ['bench/naive-access-of-identity', { identityId: id }] });
    ops.push({ query: Q.explainAccess, vars: { i: pair.identityId, e: pair.entitlementId }, naive: ['bench/naive-explain', { ...pair, limit: 8 }] });
    ops.push({ query: Q.whoHas, vars: { e: smallEntitlement }, naive: ['bench/naive-holders-of-entitlement', { entitlementId: smallEntitlement }] });
  });
  return ops;
}

export async function benchMixedLoad(url: string, input: ReadInputs, smallEntitlement: string, opts = { clients: 4, seconds: 15 }) {
  const ops = mix(input, smallEntitlement);
  let next = 0;
  let done = 0;
  const until = Date.now() + opts.seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      while (Date.now() < until) {
        const op = ops[next++ % ops.length];
        await gql(url, op.query, op.vars);
        done++;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  return { clients: opts.clients, seconds: +elapsed.toFixed(1), requests: done, requestsPerSecond: Math.round(done / elapsed), mixSize: ops.length };
}

/** The same mix, naive: one operation at a time until `ops` have run or one is interrupted. */
export async function naiveMixedRate(naive: NaiveBaseline, input: ReadInputs, smallEntitlement: string, count = 12): Promise<NaiveFigure> {
  const ops = mix(input, smallEntitlement).slice(0, count);
  const times: number[] = [];
  for (const op of ops) {
    const r = await naive.once(op.naive[0], op.naive[1]);
    // Interrupted: the mean is at least (time so far + the limit) / (operations so far + 1).
    if (!r) return naive.result([], 1, (times.reduce((a, b) => a + b, 0) + naive.limitMs) / (times.length + 1));
    times.push(r.ms);
  }
  // The mean, not the median: a rate over a mix is its total time divided by its count.
  return naive.result([times.reduce((a, b) => a + b, 0) / times.length], 0);
}
