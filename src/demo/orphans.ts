/** Deliberately unowned accounts (no identityId, no identityEmail): leftovers every estate has. */
import type { DemoBuilder } from './builder';
import { agentTools, aws, github, okta, sap, sf, slack, SYS } from './catalog-kit';
import { nhiEdgeTimes, type NhiAccount } from './nhi-kit';
import type { SysKey } from './account-factory';
import { ACTIVITY_TO_MS, iso, Rng, utc } from './random';

type Access = ['member' | 'grant', string, ('past' | 'future')?];

/** [system, id, username, enabled, access]. */
const ORPHANS: [SysKey, string, string, boolean, Access[]][] = [
  ['okta', 'okta:svc-legacy-sync', 'svc-legacy-sync', true, [['grant', 'okta:scope:okta.users.manage']]],
  ['okta', 'okta:admin-temp', 'admin-temp@acme.example', true, [['member', okta.itAdmins]]],
  ['aws', `${SYS.aws}:user/old-deploy`, 'old-deploy', true, [['grant', aws.adminAll]]],
  ['aws', `${SYS.aws}:user/temp-contractor-2023`, 'temp-contractor-2023', false, [['member', aws.group('all-engineers')]]],
  ['aws', `${SYS.aws}:user/jenkins`, 'jenkins', true, [['member', aws.group('platform')]]],
  ['github', `${SYS.github}:ghost-bot`, 'ghost-bot', true, [['grant', github.repo('infra-terraform', 'write')]]],
  ['github', `${SYS.github}:former-intern`, 'former-intern', false, [['member', github.team('Web')]]],
  ['sap', `${SYS.sap}:TEMP_AUDIT`, 'TEMP_AUDIT', true, [['member', sap.role('FI_DISPLAY'), 'past']]],
  ['sap', `${SYS.sap}:FF_ID_01`, 'FF_ID_01', true, [['member', sap.role('FI_SUPERUSER')]]],
  ['salesforce', 'salesforce:admin-backup@acme.example', 'admin-backup@acme.example', true, [['member', sf.profile('system-admin')]]],
  ['slack', 'slack:bot-legacy-alerts', 'legacy-alerts', true, [['member', slack.group('bots')]]],
  ['workday', 'workday:isu-old-payroll', 'ISU_old_payroll', false, [['grant', `${SYS.workday}:run_payroll`]]],
  ['agentTools', `${SYS.agentTools}:agent/prototype-x`, 'prototype-x', true, [['member', agentTools.toolset('sre')]]],
];

export function buildOrphans(b: DemoBuilder, rng: Rng): NhiAccount[] {
  const out: NhiAccount[] = [];
  for (const [sys, id, username, enabled, access] of ORPHANS) {
    const createdMs = sys === 'agentTools' ? rng.msBetween(utc(2024, 7, 1), utc(2025, 6, 1)) : rng.msBetween(utc(2019, 1, 1), utc(2024, 6, 1));
    const recent = enabled && rng.chance(0.4);
    b.account({
      id,
      systemId: SYS[sys],
      username,
      status: enabled ? 'enabled' : 'disabled',
      createdAt: iso(createdMs),
      lastLoginAt: recent ? rng.timeBetween(utc(2026, 9, 1), ACTIVITY_TO_MS) : rng.timeBetween(createdMs, utc(2025, 6, 1)),
    });
    const a: NhiAccount = { id, sys, createdMs };
    for (const [how, target, expires] of access) {
      if (how === 'member') b.member(id, 'account', target, nhiEdgeTimes(rng, a, expires));
      else b.grant(id, 'account', target, nhiEdgeTimes(rng, a, expires));
    }
    out.push(a);
  }
  return out;
}
