import { effectiveAccess, holdersOf } from '../src/read/access-reader';
import { entitlementsById } from '../src/read/graph-reader';
import type { KuzuStore } from '../src/store/kuzu-store';
import { Q, gql } from './http';
import { ratio, type NaiveBaseline, type NaiveFigure } from './naive';
import { sample, type Latency } from './stats';

/** One benchmark line: the engine's figure beside the naive baseline's, and their ratio. */
export interface Figure {
  figure: string;
  fast: Latency;
  naive: NaiveFigure;
  ratio: string;
  note?: string;
}

export function figure(name: string, fast: Latency, naive: NaiveFigure, note?: string): Figure {
  return { figure: name, fast, naive, ratio: ratio(fast.p50ms, naive), ...(note ? { note } : {}) };
}

export interface ReadInputs {
  people: string[];
  /** The entitlement with the most holders at this size, and how many. */
  topEntitlement: { id: string; holders: number };
  /** (identity, entitlement) pairs that are granted, for explainAccess. */
  grantedPairs: Array<{ identityId: string; entitlementId: string }>;
  peerGroups: Array<{ identityId: string; kind: string; department: string; title: string }>;
}

const NAIVE_SAMPLES = 5;

export async function benchReads(store: KuzuStore, url: string, naive: NaiveBaseline, input: ReadInputs): Promise<Figure[]> {
  const now = new Date().toISOString();
  const page = { skip: 0, limit: 50 };
  const some = input.people.slice(0, NAIVE_SAMPLES).map((identityId) => ({ identityId }));
  const accessNaive = await naive.figure('bench/naive-access-of-identity', some);
  const inProcess = await sample(input.people, async (id) => {
    const { nodes } = await effectiveAccess(store, id, page, now);
    if (nodes.length) await entitlementsById(store, nodes.map((g) => g.entitlementId));
  });
  const overHttp = await sample(input.people, (id) => gql(url, Q.effectiveAccess, { id }));

  const top = input.topEntitlement;
  const whoHasInProcess = await sample(Array(30).fill(top.id), (id) => holdersOf(store, id, page, now), 3);
  const whoHasHttp = await sample(Array(30).fill(top.id), (e) => gql(url, Q.whoHas, { e }), 3);
  const whoHasNaive = await naive.figure('bench/naive-holders-of-entitlement', [{ entitlementId: top.id }, { entitlementId: top.id }, { entitlementId: top.id }]);

  const explainHttp = await sample(input.grantedPairs, (p) => gql(url, Q.explainAccess, { i: p.identityId, e: p.entitlementId }));
  const explainNaive = await naive.figure('bench/naive-explain', input.grantedPairs.slice(0, NAIVE_SAMPLES).map((p) => ({ ...p, limit: 8 })));

  const peersHttp = await sample(input.peerGroups.map((p) => p.identityId), (id) => gql(url, Q.peerBaseline, { id }), 3);
  const peersNaive = await naive.figure('bench/naive-peer-coverage', input.peerGroups.slice(0, NAIVE_SAMPLES).map(({ kind, department, title }) => ({ kind, department, title })));

  return [
    figure('effectiveAccess, in-process (first 50 + entitlement rows)', inProcess, accessNaive),
    figure('effectiveAccess over HTTP (first 50, paths with names)', overHttp, accessNaive),
    figure(`whoHas in-process (${top.holders.toLocaleString('en-US')} holders, first 50 + count)`, whoHasInProcess, whoHasNaive),
    figure(`whoHas over HTTP (${top.holders.toLocaleString('en-US')} holders, first 50 + count)`, whoHasHttp, whoHasNaive, 'the naive query lists every holder; the engine counts them all and pages 50'),
    figure('explainAccess over HTTP (granted pairs, paths named)', explainHttp, explainNaive),
    figure('peerBaseline over HTTP', peersHttp, peersNaive, 'naive: per-entitlement coverage of the same department and title by variable-length walks'),
  ];
}
