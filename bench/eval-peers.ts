import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ingestBundle } from '../ingest/bundle/run-ingest';
import { projectRoot } from '../src/paths';
import { writeResult } from './results-file';
import { peerModel } from '../src/read/peers-reader';
import { KuzuStore } from '../src/store/kuzu-store';
import { readAccessRequests, requesterId, resourceId, writeAccessBundle, type AccessRequest } from './amazon-access';
import { rocAuc, stratifiedFolds } from './roc-auc';

/**
 * `npm run eval:peers -- --train A.csv --test B.csv --out scores.csv`: loads the training requests
 * through the normal ingest path (a bundle folder, ingestBundle, a fresh embedded store) and writes
 * one accessRecommendation score per test row (`id,score`, id = 0-based row of the test file).
 * Without --train it runs the proof: a seeded, stratified k-fold cross-validation over --data
 * (default ../shared/data/amazon-employee-access/train.csv), ROC AUC per fold into
 * bench/results/peers-eval-<date>.json.
 */
const Args = z.object({
  train: z.string().min(1).optional(),
  test: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  data: z.string().min(1).default(resolve(process.env.WHOHAS_SHARED_DATA ?? resolve(projectRoot(), '..', 'shared', 'data'), 'amazon-employee-access', 'train.csv')),
  folds: z.coerce.number().int().min(2).max(20).default(5),
  seed: z.coerce.number().int().min(0).default(42),
}).refine((a) => !a.train || (a.test && a.out), '--train needs --test and --out').refine((a) => !a.test || a.train, '--test needs --train');

interface SplitResult {
  scores: number[];
  ingestSeconds: number;
  modelSeconds: number;
  scoreSeconds: number;
  model: unknown;
  example: unknown;
}

const seconds = (since: number) => Math.round((Date.now() - since) / 10) / 100;

/** One train/test split end to end: bundle -> ingest -> model -> a recommendation per test row. */
async function runSplit(train: AccessRequest[], test: AccessRequest[]): Promise<SplitResult> {
  const work = mkdtempSync(join(tmpdir(), 'whohas-eval-peers-'));
  const store = new KuzuStore(join(work, 'db.kuzu'));
  try {
    await store.init();
    let t = Date.now();
    await writeAccessBundle(join(work, 'bundle'), train, test);
    const run = await ingestBundle(store, join(work, 'bundle'), { maxFileBytes: 1e9, runsDir: join(work, 'runs'), maxPathsPerGrant: 8 });
    if (run.status !== 'succeeded' || run.rejectCount) throw new Error(`ingest ${run.status}, ${run.rejectCount} rejects: ${run.error?.message ?? JSON.stringify(run.rejectSample[0])}`);
    const ingestSeconds = seconds(t);
    t = Date.now();
    const now = new Date().toISOString();
    const model = await peerModel(store, now);
    const info = model.info('human');
    // Every training request must have arrived as a decision, or the AUC would measure something else.
    if (info.method !== 'LEARNED_FROM_DECISIONS' || info.decisions.total !== train.length) {
      throw new Error(`expected ${train.length} decisions to learn from, the graph holds ${info.decisions.total} (${info.method})`);
    }
    const modelSeconds = seconds(t);
    t = Date.now();
    const recommendations = test.map((r) => model.recommend(requesterId(r), resourceId(r.RESOURCE), now));
    const scoreSeconds = seconds(t);
    // The lowest-scored test request, explained as accessRecommendation explains it.
    const lowest = recommendations.reduce((a, b) => (b.score < a.score ? b : a));
    return {
      scores: recommendations.map((r) => r.score),
      ingestSeconds,
      modelSeconds,
      scoreSeconds,
      model: { method: info.method, decisions: info.decisions, intercept: round(info.intercept), weights: Object.fromEntries(info.terms.map((x) => [x.id, round(x.weight)])) },
      example: {
        identityId: lowest.identity.id,
        entitlementId: lowest.entitlementId,
        score: round(lowest.score),
        suggestion: lowest.suggestion,
        baseLogOdds: round(lowest.baseLogOdds),
        evidence: lowest.evidence.map((e) => ({ statement: e.statement, contribution: round(e.contribution) })),
      },
    };
  } finally {
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10000) / 10000;

async function scoreFiles(args: z.infer<typeof Args>) {
  const train = readAccessRequests(args.train!, true);
  const test = readAccessRequests(args.test!, false);
  const result = await runSplit(train, test);
  writeFileSync(args.out!, ['id,score', ...result.scores.map((s, i) => `${i},${s}`)].join('\n') + '\n');
  const labelled = test.every((r) => r.ACTION !== undefined);
  const auc = labelled ? rocAuc(result.scores, test.map((r) => (r.ACTION === '1' ? 1 : 0))) : null;
  console.log(JSON.stringify({ train: train.length, test: test.length, out: args.out, auc, ...result, scores: undefined }, null, 2));
}

async function crossValidate(args: z.infer<typeof Args>) {
  const started = Date.now();
  const rows = readAccessRequests(args.data, true);
  const labels = rows.map((r) => (r.ACTION === '1' ? 1 : 0) as 0 | 1);
  const fold = stratifiedFolds(labels, args.folds, args.seed);
  const folds = [];
  for (let k = 0; k < args.folds; k++) {
    const train = rows.filter((_, i) => fold[i] !== k);
    const testIdx = rows.map((_, i) => i).filter((i) => fold[i] === k);
    const result = await runSplit(train, testIdx.map((i) => rows[i]));
    const auc = rocAuc(result.scores, testIdx.map((i) => labels[i]));
    folds.push({ fold: k, train: train.length, test: testIdx.length, deniedInTest: testIdx.filter((i) => !labels[i]).length, auc: round(auc), ...result, scores: undefined });
    console.error(`fold ${k}: AUC ${auc.toFixed(4)} (ingest ${result.ingestSeconds}s, model ${result.modelSeconds}s, scoring ${result.scoreSeconds}s)`);
  }
  const aucs = folds.map((f) => f.auc);
  const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
  const sd = Math.sqrt(aucs.reduce((a, b) => a + (b - mean) ** 2, 0) / (aucs.length - 1));
  const report = {
    date: new Date().toISOString(),
    data: { path: args.data, rows: rows.length, sha256: createHash('sha256').update(readFileSync(args.data)).digest('hex') },
    split: { folds: args.folds, seed: args.seed, stratified: true },
    method: 'accessRecommendation: non-negative logistic regression over smoothed peer log-odds terms (docs/peers.md), learned per fold from the training decisions',
    aucPerFold: aucs,
    meanAuc: round(mean),
    sdAuc: round(sd),
    totalSeconds: seconds(started),
    machine: { node: process.version, cpus: cpus().length },
    folds,
  };
  const file = writeResult(`peers-eval-${report.date.slice(0, 10)}.json`, report);
  console.log(`mean ROC AUC over ${args.folds} folds: ${mean.toFixed(4)} (per fold ${aucs.join(', ')}); ${report.totalSeconds}s; written to ${file}`);
}

async function main() {
  const { values } = parseArgs({
    options: { train: { type: 'string' }, test: { type: 'string' }, out: { type: 'string' }, data: { type: 'string' }, folds: { type: 'string' }, seed: { type: 'string' } },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new Error(`eval:peers: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')}`);
  if (parsed.data.train) await scoreFiles(parsed.data);
  else await crossValidate(parsed.data);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
