/**
 * Systems, groups and entitlements of the scale enterprise, written as they are declared and
 * remembered by index (group nesting, what each group grants), which is what the account,
 * delegation and usage phases walk. Also the one place that enforces the nesting depth limit.
 */
import type { EntitlementKind, GroupKind, Level } from '../types';
import { Rng, utc } from '../random';
import type { RecordSink } from './ndjson-files';
import { MAX_GROUP_LEVELS } from './plan';

export interface EntitlementSpec {
  id: string;
  name: string;
  kind: EntitlementKind;
  sensitivity: Level;
  privileged?: boolean;
  description?: string;
}

const NESTED_FROM_MS = utc(2019, 1, 1);
const NESTED_TO_MS = utc(2025, 12, 31);

export class CatalogBuilder {
  readonly systemIds: string[] = [];
  readonly groupIds: string[] = [];
  readonly groupLevel: number[] = [];
  readonly groupSystem: number[] = [];
  readonly groupParents: number[][] = [];
  readonly groupGrants: number[][] = [];
  readonly entitlementIds: string[] = [];
  readonly entitlementSystem: number[] = [];
  readonly privileged: boolean[] = [];
  private readonly entitlementIndex = new Map<string, number>();

  constructor(
    private readonly sink: RecordSink,
    private readonly rng: Rng,
  ) {}

  system(id: string, name: string, criticality: Level, ownerId: string): number {
    this.sink.write('systems', { id, name, criticality, ownerId });
    return this.systemIds.push(id) - 1;
  }

  entitlement(system: number, spec: EntitlementSpec): number {
    const known = this.entitlementIndex.get(spec.id);
    if (known !== undefined) return known;
    this.sink.write('entitlements', {
      id: spec.id,
      systemId: this.systemIds[system],
      name: spec.name,
      kind: spec.kind,
      privileged: spec.privileged ? true : undefined,
      sensitivity: spec.sensitivity,
      description: spec.description,
    });
    const index = this.entitlementIds.push(spec.id) - 1;
    this.entitlementSystem.push(system);
    this.privileged.push(Boolean(spec.privileged));
    this.entitlementIndex.set(spec.id, index);
    return index;
  }

  /** A group nested into `parents` (members of this group are members of those): one level below the deepest parent. */
  group(system: number, id: string, name: string, kind: GroupKind, parents: readonly number[] = [], description?: string): number {
    const level = 1 + Math.max(0, ...parents.map((p) => this.groupLevel[p]));
    if (level > MAX_GROUP_LEVELS) throw new Error(`scale generator: group ${id} would be nested ${level} deep`);
    this.sink.write('groups', { id, systemId: this.systemIds[system], name, kind, description });
    const index = this.groupIds.push(id) - 1;
    this.groupLevel.push(level);
    this.groupSystem.push(system);
    this.groupParents.push([...parents]);
    this.groupGrants.push([]);
    for (const parent of parents) {
      this.sink.write('memberships', { memberId: id, memberType: 'group', groupId: this.groupIds[parent], grantedAt: this.rng.timeBetween(NESTED_FROM_MS, NESTED_TO_MS) });
    }
    return index;
  }

  grant(group: number, entitlement: number): void {
    if (this.groupGrants[group].includes(entitlement)) return;
    this.groupGrants[group].push(entitlement);
    this.sink.write('grants', {
      holderId: this.groupIds[group],
      holderType: 'group',
      entitlementId: this.entitlementIds[entitlement],
      grantedAt: this.rng.timeBetween(NESTED_FROM_MS, NESTED_TO_MS),
    });
  }

  /** Entitlement ids of one system are contiguous only if declared so; this lists them whatever the order. */
  entitlementsOf(system: number): number[] {
    const out: number[] = [];
    this.entitlementSystem.forEach((s, e) => s === system && out.push(e));
    return out;
  }
}
