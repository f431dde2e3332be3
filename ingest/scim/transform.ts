import { KeptRecords } from '../core/kept-records';
import { BundleBuilder } from '../core/bundle-builder';
import type { Payload, TransformContext, TransformResult } from '../core/connector';
import { ScimIds, Tally } from './ids';
import { keepRejectedResources } from './keep-rejected';
import { mapGroup } from './map-group';
import { mapUser } from './map-user';
import type { ScimOptions } from './options';
import { systemOfPayloads } from './payload';
import { resolveResources } from './resolve';
import { scanPayloads } from './scan';

/** Pure: payloads in, records out. Output order follows input order, so a re-run is identical. */
export function transformScim(payloads: Payload[], options: ScimOptions, ctx: TransformContext): TransformResult {
  const system = options.system ?? systemOfPayloads(payloads) ?? 'scim';
  const ids = new ScimIds(system);
  const b = new BundleBuilder({ source: ids.systemId, mode: 'full', exportedAt: ctx.now.toISOString() });
  const found = scanPayloads(payloads, b);
  const { users, groups, rejected } = resolveResources(found, b, (kind, id) => (kind === 'User' ? ids.user(id) : ids.group(id)));

  const first = { file: payloads[0]?.name ?? system, line: 1 };
  b.addOnce('systems', { id: ids.systemId, name: `${system} (SCIM)` }, first);
  const tally = new Tally();
  const userIds = new Set(users.map((u) => u.id));
  const groupIds = new Set(groups.map((g) => g.id));
  const kept = new KeptRecords(b);
  for (const user of users) mapUser(user, { ids, options, userIds, tally, kept }, b);
  for (const group of groups) mapGroup(group, { ids, options, userIds, groupIds, tally }, b);
  // Last, so what this run loads anyway is not also named as kept.
  keepRejectedResources(rejected, { ids, options, userIds, groupIds, tally }, kept);
  kept.flush();
  tally.notes().forEach((n) => b.note(n));
  if (!users.length && !groups.length) b.note('no SCIM User or Group was found: a full run removes everything this source supplied before');
  return b.result();
}
