import { registerEnumType } from 'type-graphql';

/** Upper-case names in GraphQL, the spec's lower-case values inside: type-graphql maps between them. */
export enum IdentityKind { HUMAN = 'human', SERVICE = 'service', AGENT = 'agent' }
export enum IdentityStatus { ACTIVE = 'active', SUSPENDED = 'suspended', TERMINATED = 'terminated' }
export enum AccountStatus { ENABLED = 'enabled', DISABLED = 'disabled' }
export enum GroupKind { GROUP = 'group', ROLE = 'role', PERMISSION_SET = 'permission_set' }
export enum EntitlementKind { PERMISSION = 'permission', SCOPE = 'scope', ROLE = 'role', LICENSE = 'license', TOOL = 'tool' }
export enum Level { LOW = 'low', MEDIUM = 'medium', HIGH = 'high', CRITICAL = 'critical' }
export enum HopKind { IDENTITY = 'identity', ACCOUNT = 'account', GROUP = 'group', ENTITLEMENT = 'entitlement' }
export enum EdgeType { OWNS = 'OWNS', MEMBER_OF = 'MEMBER_OF', GRANTS = 'GRANTS', DELEGATES_TO = 'DELEGATES_TO' }
export enum EdgeDirection { FORWARD = 'forward', REVERSE = 'reverse' }
export enum RunStatus { RUNNING = 'running', SUCCEEDED = 'succeeded', FAILED = 'failed' }
export enum RunMode { FULL = 'full', INCREMENTAL = 'incremental' }
export enum BlockerKind { DISABLED_ACCOUNT = 'DISABLED_ACCOUNT', EXPIRED = 'EXPIRED', OUT_OF_SCOPE = 'OUT_OF_SCOPE' }

registerEnumType(IdentityKind, { name: 'IdentityKind', description: 'human, non-human (service/workload) or AI agent' });
registerEnumType(IdentityStatus, { name: 'IdentityStatus' });
registerEnumType(AccountStatus, { name: 'AccountStatus', description: 'A disabled account confers nothing' });
registerEnumType(GroupKind, { name: 'GroupKind' });
registerEnumType(EntitlementKind, { name: 'EntitlementKind' });
registerEnumType(Level, { name: 'Level', description: 'criticality of a system or sensitivity of an entitlement' });
registerEnumType(HopKind, { name: 'HopKind' });
registerEnumType(EdgeType, { name: 'EdgeType' });
registerEnumType(EdgeDirection, {
  name: 'EdgeDirection',
  description: 'REVERSE when the path walks an edge against its direction (a delegate acting for its delegator)',
});
registerEnumType(RunStatus, { name: 'RunStatus' });
registerEnumType(RunMode, { name: 'RunMode' });
registerEnumType(BlockerKind, { name: 'BlockerKind' });
