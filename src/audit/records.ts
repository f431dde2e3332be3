import { z } from 'zod';

/** The decision log's record shapes: what is hashed is exactly what is stored, line by line. */
export const GENESIS = '0'.repeat(64);

const Requester = z.object({
  /** The client that asked: an authenticated key or token name, or what an unauthenticated caller called itself. */
  client: z.string(),
  authenticated: z.boolean(),
  /** The identity (usually an agent) the client said it acts as; checked to exist when recorded. */
  actingAs: z.string().nullable(),
});
export type Requester = z.infer<typeof Requester>;

const Sealed = z.object({ seq: z.number().int().min(1), at: z.string(), prev: z.string().length(64), hash: z.string().length(64) });

export const SimulationEntry = Sealed.extend({
  type: z.literal('simulation'),
  simulationId: z.string(),
  requester: Requester,
  graphVersion: z.string(),
  baseGraphVersion: z.string().nullable(),
  changes: z.array(z.record(z.string(), z.unknown())),
  outcomes: z.array(z.object({ index: z.number().int(), status: z.string() })),
  affectedIdentityCount: z.number().int(),
  lostCount: z.number().int(),
  gainedCount: z.number().int(),
  sodIntroduced: z.array(z.string()),
  sodResolved: z.array(z.string()),
  /** sha256 of the canonical result (docs/decision-log.md says exactly what goes in). */
  resultDigest: z.string(),
  /** Identities the changes name or whose access they change: what "decisions touching X" searches. */
  touched: z.array(z.string()),
});
export type SimulationEntry = z.infer<typeof SimulationEntry>;

export const DECISIONS = ['APPLIED', 'ABANDONED', 'ESCALATED'] as const;
export type DecisionTaken = (typeof DECISIONS)[number];

export const DecisionEntry = Sealed.extend({
  type: z.literal('decision'),
  simulationId: z.string(),
  decision: z.enum(DECISIONS),
  note: z.string().nullable(),
  requester: Requester,
});
export type DecisionEntry = z.infer<typeof DecisionEntry>;

/** Written when the log is reopened after a crash cut a record short: the fragment is dropped, and said so. */
export const RecoveryEntry = Sealed.extend({
  type: z.literal('recovery'),
  discardedBytes: z.number().int(),
  discardedSha256: z.string(),
  reason: z.string(),
});
export type RecoveryEntry = z.infer<typeof RecoveryEntry>;

export const LogEntry = z.discriminatedUnion('type', [SimulationEntry, DecisionEntry, RecoveryEntry]);
export type LogEntry = z.infer<typeof LogEntry>;

type Unsealed<T> = T extends unknown ? Omit<T, 'seq' | 'at' | 'prev' | 'hash'> : never;
export type NewEntry = Unsealed<LogEntry>;
