import type { KeptRecords } from '../core/kept-records';
import type { Entry } from './map-principals';
import { identityId, isService } from './map-principals';
import { rightsId } from './map-groups';
import type { BloodhoundOptions } from './options';
import type { RejectedObject } from './parse-objects';
import { privilegedGroup } from './privileged';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Objects that failed the schema: their reject names the account or group. What else they gave is
 * kept too, as far as the raw object still says: the identity this connector owns for a user or
 * computer and its primary group membership; a privileged group's rights and the members it lists.
 * Memberships other groups state for a rejected object are named where those groups are linked.
 */
export function keepRejectedObjects(rejected: Map<string, RejectedObject>, directory: Map<string, Entry>, options: BloodhoundOptions, kept: KeptRecords): void {
  for (const r of rejected.values()) {
    // A full listing of the same object elsewhere loaded: that one is the object now.
    if (!r.id || directory.get(r.oid)?.state === 'loaded') continue;
    const cause = `its object was rejected (${r.at.file}:${r.at.line})`;
    const props = isRecord(r.value.Properties) ? r.value.Properties : {};
    if (r.type === 'groups') {
      const privileged = privilegedGroup(r.oid);
      if (privileged) {
        const rights = rightsId(r.domain, r.oid);
        kept.node('entitlements', rights, r.at, r.field, cause);
        kept.grant(r.id, rights, r.at, r.field, cause);
      }
      for (const m of Array.isArray(r.value.Members) ? r.value.Members : []) {
        const oid = isRecord(m) && typeof m.ObjectIdentifier === 'string' ? m.ObjectIdentifier.trim() : '';
        const target = directory.get(oid);
        if (target && (target.state === 'loaded' || target.state === 'rejected')) kept.edge('memberships', target.id, r.id, r.at, r.field, cause);
      }
      continue;
    }
    const kind = r.type === 'computers' ? 'computer' : 'user';
    if (kind === 'computer' && !options.computers) continue;
    if (isService(kind, r.oid, props) || options.identities === 'create') kept.node('identities', identityId(r.domain, r.oid), r.at, r.field, cause);
    const primary = typeof r.value.PrimaryGroupSID === 'string' ? directory.get(r.value.PrimaryGroupSID.trim()) : undefined;
    if (options.primaryGroups && primary?.memberType === 'group' && primary.state !== 'placeholder') kept.edge('memberships', r.id, primary.id, r.at, r.field, cause);
  }
}
