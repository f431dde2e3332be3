import { z } from 'zod';
import type { Where } from '../core/bundle-builder';
import { timeProblem, utcTime } from './event-time';
import { canonical, isObj } from './fields';
import type { OktaLogOptions } from './options';
import type { Outcome, UsageKey, UsageTally } from './usage-tally';

const text = z.string().optional().catch(undefined);

const OktaEvent = z.object({
  eventType: z.string({ error: (i) => (i.input === undefined ? 'is missing (not an Okta System Log event?)' : 'must be a string') }).min(1),
  published: z.unknown().optional(),
  p_event_time: z.unknown().optional(),
  actor: z.unknown().optional(),
  outcome: z.unknown().optional(),
  target: z.unknown().optional(),
});

const TOP = ['eventType', 'published', 'actor', 'outcome', 'target'];
const SUCCESS = new Set(['SUCCESS', 'ALLOW']);
const SIGN_IN = 'user.session.start';

const Actor = z.object({ id: text, type: text });
const Target = z.object({ id: text, type: text });

/**
 * One System Log event. A successful event of an `appEventTypes` type by a user is usage of each
 * AppInstance it targets; a successful `user.session.start` is also a sign-in. Failed, denied and
 * challenged outcomes are never usage.
 */
export function tallyOktaEvent(raw: unknown, where: Where, options: OktaLogOptions, tally: UsageTally): void {
  const event = canonical(raw, TOP);
  if (!event) return tally.reject(where, null, 'not a JSON object');
  const parsed = OktaEvent.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return tally.reject(where, issue.path.join('.') || null, `${issue.path.join('.')} ${issue.message}`);
  }
  const e = parsed.data;
  const outcome = classify(e, options);
  // p_event_time is Panther's copy of the event time.
  const at = utcTime(e.published ?? e.p_event_time);
  // An event that would be usage still names its account and apps: a full run keeps those records.
  if (!at) return tally.reject(where, 'published', timeProblem('published', e.published), 'uses' in outcome ? outcome.uses : []);
  if ('count' in outcome) return tally.count(...outcome.count);
  for (const u of outcome.uses) tally.use(u.accountId, u.entitlementId, at, where);
  tally.count('used', outcome.used);
}

type Classified = { count: [Outcome, string] } | { uses: UsageKey[]; used: string };

/** What an event is, whatever its time: usage of which (account, entitlement) pairs, or why not. */
function classify(e: z.infer<typeof OktaEvent>, options: OktaLogOptions): Classified {
  const apps = targetsOf(e.target).filter((t) => t.type === 'AppInstance' && t.id);
  const appUse = options.appEventTypes.includes(e.eventType) && apps.length > 0;
  const signIn = e.eventType === SIGN_IN;
  if (!appUse && !signIn) return { count: ['skipped', 'event types that are not app access or sign-in'] };
  const result = isObj(e.outcome) && typeof e.outcome.result === 'string' ? e.outcome.result.toUpperCase() : undefined;
  if (!result || !SUCCESS.has(result)) return { count: ['failed', `outcome ${result ?? 'missing'}`] };
  const actor = Actor.safeParse(canonical(e.actor, ['id', 'type']));
  if (!actor.success || actor.data.type !== 'User' || !actor.data.id) {
    return { count: ['notAttributable', actor.success && actor.data.type ? `actor type ${actor.data.type}` : 'no actor'] };
  }
  const accountId = `okta:${options.oktaOrg}:user/${actor.data.id}`;
  const uses: UsageKey[] = [];
  if (appUse) for (const app of apps) uses.push({ accountId, entitlementId: `okta:${options.oktaOrg}:app/${app.id}` });
  if (signIn && options.signInEntitlement) uses.push({ accountId, entitlementId: options.signInEntitlement });
  if (appUse) return { uses, used: 'app access' };
  if (options.signInEntitlement) return { uses, used: 'sign-in entitlement' };
  return { count: ['skipped', 'sign-in (no signInEntitlement configured)'] };
}

function targetsOf(raw: unknown): Array<{ id?: string; type?: string }> {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((t) => {
    const parsed = Target.safeParse(canonical(t, ['id', 'type']));
    return parsed.success ? [parsed.data] : [];
  });
}
