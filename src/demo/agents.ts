/** AI agent identities: owners, purposes, model attributes, and accounts on the agent platform and beyond. */
import type { HumanAccounts } from './account-factory';
import type { DemoBuilder } from './builder';
import { agentTools, aws, github, sap, sf, slack, SYS } from './catalog-kit';
import { addNhiAccount, chooseOwner, nhiEdgeTimes, type NhiAccount } from './nhi-kit';
import { titleCase } from './names';
import { deptPeople, type Person, type Workforce } from './people';
import { iso, Rng, utc } from './random';

/** Agent domain -> [toolset, owning department]. */
const DOMAINS: Record<string, [string, string]> = {
  support: ['support', 'Support'],
  escalation: ['support-escalation', 'Support'],
  sales: ['sales', 'Sales'],
  finance: ['finance', 'Finance'],
  approver: ['finance-approver', 'Finance'],
  eng: ['engineering', 'Engineering'],
  sre: ['sre', 'Engineering'],
  platform: ['platform-admin', 'Engineering'],
  hr: ['hr', 'HR'],
  legal: ['legal', 'Legal'],
  marketing: ['marketing', 'Marketing'],
  data: ['data', 'Engineering'],
  orchestrator: ['orchestrator', 'Engineering'],
};

/** [name, domain, purpose]: exactly 40 agents. */
const AGENTS: [string, string, string][] = [
  ['support-triage', 'support', 'Triages inbound support tickets and drafts replies'],
  ['ticket-router', 'support', 'Routes tickets to the right queue'],
  ['escalation-agent', 'escalation', 'Works escalated cases end to end'],
  ['refund-assistant', 'escalation', 'Prepares and issues customer refunds'],
  ['kb-writer', 'support', 'Turns resolved tickets into knowledge-base articles'],
  ['sales-copilot', 'sales', 'Drafts outreach and updates opportunities'],
  ['lead-enricher', 'sales', 'Enriches leads from public sources'],
  ['meeting-scheduler', 'sales', 'Schedules customer meetings'],
  ['email-drafter', 'sales', 'Drafts follow-up e-mails'],
  ['invoice-processor', 'finance', 'Extracts and enters vendor invoices'],
  ['payments-reconciler', 'finance', 'Reconciles payments against the ledger'],
  ['vendor-onboarding', 'finance', 'Onboards new vendors'],
  ['expense-auditor', 'finance', 'Audits expense reports'],
  ['payments-approver', 'approver', 'Approves low-value payments autonomously'],
  ['code-reviewer', 'eng', 'Reviews pull requests'],
  ['pr-author', 'eng', 'Opens pull requests for small fixes'],
  ['ci-fixer', 'eng', 'Diagnoses and fixes failing CI builds'],
  ['security-scanner', 'eng', 'Scans repositories for vulnerable dependencies'],
  ['release-manager', 'sre', 'Coordinates releases and hands off deploys'],
  ['deploy-bot', 'sre', 'Deploys approved builds to production'],
  ['incident-responder', 'sre', 'First responder for production incidents'],
  ['log-summarizer', 'sre', 'Summarises logs for incident timelines'],
  ['sre-copilot', 'platform', 'Assists on-call engineers with production operations'],
  ['cost-optimizer', 'platform', 'Finds and applies cloud cost savings'],
  ['hr-assistant', 'hr', 'Answers employee HR questions'],
  ['onboarding-buddy', 'hr', 'Guides new hires through onboarding'],
  ['recruiting-screener', 'hr', 'Screens inbound applications'],
  ['contract-reviewer', 'legal', 'Reviews commercial contracts against the playbook'],
  ['policy-qa', 'legal', 'Answers policy and compliance questions'],
  ['access-reviewer', 'legal', 'Prepares quarterly access review campaigns'],
  ['campaign-planner', 'marketing', 'Plans marketing campaigns'],
  ['content-writer', 'marketing', 'Drafts blog posts and landing pages'],
  ['seo-agent', 'marketing', 'Optimises web content for search'],
  ['research-agent', 'data', 'Researches questions across internal and web sources'],
  ['web-researcher', 'data', 'Browses the web for research tasks'],
  ['data-analyst', 'data', 'Answers questions with SQL over the warehouse'],
  ['report-builder', 'data', 'Builds recurring business reports'],
  ['orchestrator-support', 'orchestrator', 'Plans support work and dispatches sub-agents'],
  ['orchestrator-finance', 'orchestrator', 'Plans finance operations and dispatches sub-agents'],
  ['orchestrator-eng', 'orchestrator', 'Plans engineering work and dispatches sub-agents'],
];

const MODELS = ['gpt-4.1', 'claude-sonnet-4', 'gemini-2.5-pro', 'llama-3.1-70b', 'mistral-large'];
const FRAMEWORKS = ['langgraph', 'openai-agents-sdk', 'crewai', 'custom'];
const ORPHANED = new Set(['seo-agent', 'expense-auditor']);
const SUSPENDED = new Set(['lead-enricher', 'policy-qa']);

export interface AgentInfo {
  id: string;
  name: string;
  owner: Person;
  /** Toolset group the agent's platform account belongs to. */
  toolset: string;
  ownerDept: string;
  accounts: NhiAccount[];
}

export function agentId(name: string): string {
  return `agent:${name}`;
}

export function buildAgents(b: DemoBuilder, rng: Rng, w: Workforce, acc: HumanAccounts): AgentInfo[] {
  const agents: AgentInfo[] = [];
  for (const [name, domain, purpose] of AGENTS) {
    const [toolsetName, ownerDept] = DOMAINS[domain];
    const pool = deptPeople(w, ownerDept).filter((p) => p.level >= 2);
    const owner = chooseOwner(rng, pool, w.people, ORPHANED.has(name));
    const id = agentId(name);
    const toolset = agentTools.toolset(toolsetName);
    const createdMs = rng.msBetween(utc(2024, 7, 1), utc(2026, 9, 1));
    b.identity({
      id,
      kind: 'agent',
      displayName: `${titleCase(name)} Agent`,
      status: SUSPENDED.has(name) ? 'suspended' : 'active',
      ownerId: owner.id,
      purpose,
      createdAt: iso(createdMs),
      attributes: {
        model: rng.pick(MODELS),
        framework: rng.pick(FRAMEWORKS),
        toolset,
        autonomy: domain === 'approver' || rng.chance(0.3) ? 'autonomous' : 'human-in-the-loop',
        environment: rng.chance(0.9) ? 'prod' : 'staging',
      },
    });
    // The owner needs a platform account to manage the agent.
    if (!acc.get(owner, 'agentTools')) acc.join(acc.ensure(owner, 'agentTools'), agentTools.toolset('base'));

    const accounts: NhiAccount[] = [];
    const add = (sys: Parameters<typeof addNhiAccount>[2], accId: string, username: string) => {
      const a = addNhiAccount(b, rng, sys, accId, username, id, createdMs, 0.02);
      accounts.push(a);
      return a;
    };
    const platform = add('agentTools', `${SYS.agentTools}:agent/${name}`, name);
    b.member(platform.id, 'account', toolset, nhiEdgeTimes(rng, platform));
    const direct: Record<string, [string, 'past' | 'future' | undefined][]> = {
      'refund-assistant': [[agentTools.tool('payments.approve'), undefined]],
      'sre-copilot': [[agentTools.tool('shell.exec'), undefined], [agentTools.tool('secrets.read'), 'future']],
      'data-analyst': [[agentTools.tool('db.write'), 'past']],
      'web-researcher': [[agentTools.tool('email.send'), undefined]],
    };
    for (const [e, exp] of direct[name] ?? []) b.grant(platform.id, 'account', e, nhiEdgeTimes(rng, platform, exp));

    if (['sre', 'platform', 'data'].includes(domain) || name === 'security-scanner' || name === 'ci-fixer') {
      const a = add('aws', `${SYS.aws}:role/agent-${name}`, `agent-${name}`);
      const actions = name === 'sre-copilot' ? [aws.action('ec2', 'admin'), aws.action('cloudwatch', 'read')]
        : name === 'cost-optimizer' ? [aws.action('billing', 'read'), aws.action('ec2', 'write')]
          : name === 'deploy-bot' ? [aws.action('eks', 'write'), aws.action('ec2', 'write')]
            : [aws.action(rng.pick(['s3', 'cloudwatch', 'dynamodb', 'rds']), 'read'), aws.action('cloudwatch', 'read')];
      for (const e of actions) b.grant(a.id, 'account', e, nhiEdgeTimes(rng, a));
    }
    if (['sales-copilot', 'lead-enricher', 'support-triage', 'escalation-agent', 'refund-assistant'].includes(name)) {
      const a = add('salesforce', `salesforce:agent-${name}@acme.example`, `agent-${name}@acme.example`);
      b.member(a.id, 'account', sf.profile('integration'), nhiEdgeTimes(rng, a));
    }
    if (['incident-responder', 'support-triage', 'orchestrator-support', 'orchestrator-eng', 'orchestrator-finance'].includes(name)) {
      const a = add('slack', `slack:bot-agent-${name}`, `${name}-agent`);
      b.member(a.id, 'account', slack.group('bots'), nhiEdgeTimes(rng, a));
    }
    if (['pr-author', 'code-reviewer', 'ci-fixer', 'release-manager'].includes(name)) {
      const a = add('github', `${SYS.github}:bot/agent-${name}`, `agent-${name}[bot]`);
      b.member(a.id, 'account', name === 'code-reviewer' ? github.team('engineering') : github.team('Platform'), nhiEdgeTimes(rng, a));
    }
    const sapDuties: Record<string, string[]> = {
      'invoice-processor': ['create_invoice', 'display_vendor'],
      'vendor-onboarding': ['create_vendor', 'display_vendor'],
      'payments-approver': ['approve_payment'],
      'payments-reconciler': ['display_ledger', 'bank_reconciliation'],
    };
    if (sapDuties[name]) {
      const user = `AGENT_${name.replace(/-/g, '_').toUpperCase()}`.slice(0, 24);
      const a = add('sap', `${SYS.sap}:${user}`, user);
      for (const d of sapDuties[name]) b.grant(a.id, 'account', sap.perm(d), nhiEdgeTimes(rng, a));
    }
    agents.push({ id, name, owner, toolset, ownerDept, accounts });
  }
  return agents;
}
