/**
 * The demo enterprise's separation-of-duties rule document (YAML, the format of src/sod/rules.ts).
 * Rendered rather than stored as a file: the two mitigations name people the generator picked
 * (sod-shapes.ts), and those differ with the seed and the head count.
 */
import { aws, sap, SYS, wd } from './catalog-kit';
import { APPROVE_PAYMENT, CREATE_VENDOR, type DemoSod } from './sod-shapes';

/** Still in force at the demo's "now" (EXPORTED_AT, 2026-11-01) and for years after. */
export const MITIGATION_IN_FORCE_UNTIL = '2030-06-30T00:00:00Z';
/** Lapsed before the demo's "now": the finding counts again, and says which mitigation ran out. */
export const MITIGATION_EXPIRED_AT = '2026-06-30T00:00:00Z';

type Side = string | Record<string, string | boolean>;

interface DemoRule {
  id: string;
  name: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  description: string;
  left: Side[];
  right: Side[];
  mitigations?: { identity: string; reason: string; approver: string; expiry?: string }[];
}

/** Every scalar is written as a JSON string, which is valid YAML: ids hold ':', '*' and '/'. */
const q = (v: string | boolean) => (typeof v === 'boolean' ? String(v) : JSON.stringify(v));
const side = (s: Side) => (typeof s === 'string' ? q(s) : `{ ${Object.entries(s).map(([k, v]) => `${k}: ${q(v)}`).join(', ')} }`);

function render(r: DemoRule): string {
  const lines = [
    `  - id: ${q(r.id)}`,
    `    name: ${q(r.name)}`,
    `    severity: ${r.severity}`,
    `    description: ${q(r.description)}`,
    `    left: [${r.left.map(side).join(', ')}]`,
    `    right: [${r.right.map(side).join(', ')}]`,
  ];
  if (r.mitigations?.length) {
    lines.push('    mitigations:');
    for (const m of r.mitigations) {
      lines.push(`      - identity: ${q(m.identity)}`, `        reason: ${q(m.reason)}`, `        approver: ${q(m.approver)}`);
      if (m.expiry) lines.push(`        expiry: ${q(m.expiry)}`);
    }
  }
  return lines.join('\n');
}

/** The demo rule set: sides as entitlement ids where one right is meant, selectors where a family is. */
export function demoRules(sod: DemoSod): DemoRule[] {
  return [
    {
      id: 'SAP-P2P-01', name: 'Create vendors and approve payments', severity: 'critical',
      description: 'Whoever can create a vendor must not approve payments: together they let one person pay a vendor they invented.',
      left: [CREATE_VENDOR], right: [APPROVE_PAYMENT],
      mitigations: [
        {
          identity: sod.shapes.mitigated, approver: sod.approverId, expiry: MITIGATION_IN_FORCE_UNTIL,
          reason: 'Only AP clerk at a branch office; the controller reviews every payment run weekly',
        },
        {
          identity: sod.shapes.expiredMitigation, approver: sod.approverId, expiry: MITIGATION_EXPIRED_AT,
          reason: 'Covered the AP supervisor during the Q2 close',
        },
      ],
    },
    {
      id: 'SAP-P2P-02', name: 'Maintain vendor master data and release payment runs', severity: 'critical',
      description: 'Creating a vendor or changing its bank details, and releasing the run that pays it, redirects money with no second pair of eyes.',
      left: [{ system: SYS.sap, name: '*vendor*', privileged: true }], right: [sap.perm('release_payment_run')],
    },
    {
      id: 'SAP-GL-01', name: 'Post and approve journal entries', severity: 'high',
      description: 'A journal entry must be approved by someone other than whoever posted it.',
      left: [sap.perm('post_journal')], right: [sap.perm('approve_journal')],
    },
    {
      id: 'SAP-PROC-01', name: 'Release purchase orders and post goods receipts', severity: 'medium',
      description: 'Whoever approves an order should not also confirm that the goods arrived.',
      left: [sap.perm('approve_purchase_order')], right: [sap.perm('goods_receipt')],
    },
    {
      id: 'WD-PAY-01', name: 'Hire workers and run payroll', severity: 'critical',
      description: 'Creating a worker and paying them lets one person keep a ghost employee on the payroll.',
      left: [wd.perm('hire_worker')], right: [wd.perm('run_payroll'), wd.perm('edit_bank_details')],
    },
    {
      id: 'AWS-IAM-01', name: 'Change IAM and administer the audit trail', severity: 'high',
      description: 'Whoever can change IAM must not be able to alter CloudTrail, which records those changes.',
      left: [{ system: SYS.aws, name: 'iam *', privileged: true }], right: [aws.action('cloudtrail', 'admin')],
    },
    {
      id: 'GH-ORG-01', name: 'Own the GitHub organisation and manage its security', severity: 'medium',
      description: 'An organisation owner can switch off the very checks the security manager relies on.',
      left: [`${SYS.github}:role/owner`], right: [`${SYS.github}:role/security_manager`],
    },
    {
      id: 'IDP-CLOUD-01', name: 'Administer identities and the cloud account', severity: 'critical',
      description: 'An Okta administrator who is also an AWS administrator can grant themselves access and use it unseen.',
      left: [{ system: SYS.okta, kind: 'role', privileged: true, sensitivity: 'high' }], right: [aws.adminAll],
    },
    {
      id: 'AGENT-P2P-01', name: 'Agent tools that create vendors and approve payments', severity: 'high',
      description: 'No toolset should let an agent both onboard a vendor and approve a payment.',
      left: ['tool:vendor.create'], right: ['tool:payments.approve'],
    },
  ];
}

/** The rule document, as `whohas rules load` and the loadSodRules mutation take it. */
export function demoSodRules(sod: DemoSod): string {
  return [
    '# Separation-of-duties rules for the Acme demo enterprise (rendered by src/demo/sod-rules.ts).',
    `# Mitigations are approved by the head of Finance (${sod.approverId}); the second one has expired.`,
    'version: demo-2026.11',
    'rules:',
    ...demoRules(sod).map(render),
    '',
  ].join('\n');
}
