import { accessOfAnswer, explainAnswer, profileAnswer, whoHasAnswer } from './intents/access';
import { delegationAnswer, peersAnswer } from './intents/delegation';
import { dormantAnswer, riskiestAnswer, staleCredentialsAnswer, unownedAnswer } from './intents/risk';
import { sodAnswer } from './intents/sod';
import type { Draft, Turn } from './intents/turn';
import { disableAnswer, removeAnswer, revokeAnswer, revokeDelegationAnswer, terminateAnswer } from './intents/whatif';
import type { Intent } from './router/intents';
import { isWhohasError } from '../src/errors';

/** What the copilot can answer, offered when it cannot answer what was asked. */
export const EXAMPLES = [
  'Who has App assignment: salesforce?',
  'Why does hr:E10001 have okta:app:aws-prod?',
  'What can Support Triage Agent access?',
  'What did agent:support-triage get and from whom?',
  "Who are hr:E10002's peers and what is unusual?",
  'Show SoD violations in Finance',
  'What if we remove hr:E10001 from All Employees?',
  'Which agents have no owner?',
  'Riskiest identities in Engineering',
  'Show stale credentials',
  'Dormant access in Sales',
];

const HANDLERS: Record<Exclude<Intent, 'help' | 'unknown'>, (turn: Turn) => Promise<Draft>> = {
  who_has: whoHasAnswer,
  explain: explainAnswer,
  access_of: accessOfAnswer,
  profile: profileAnswer,
  delegation: delegationAnswer,
  peers: peersAnswer,
  sod_identity: sodAnswer,
  sod_rule: sodAnswer,
  sod_department: sodAnswer,
  sod_overview: sodAnswer,
  what_if_remove: removeAnswer,
  what_if_revoke: revokeAnswer,
  what_if_disable: disableAnswer,
  what_if_terminate: terminateAnswer,
  what_if_revoke_delegation: revokeDelegationAnswer,
  unowned_nhi: unownedAnswer,
  riskiest: riskiestAnswer,
  stale_credentials: staleCredentialsAnswer,
  dormant_access: dormantAnswer,
};

/** Answers from the graph alone: the question form picks the tools, the tools' results make the text. */
export async function answerByRules(turn: Turn): Promise<Draft> {
  const { intent } = turn.routed;
  if (intent === 'help') {
    return { intent, text: `I answer questions about who has what, and why, from the identity graph. For example:\n${EXAMPLES.map((e) => `- ${e}`).join('\n')}`, citations: [], followUps: EXAMPLES.slice(0, 4) };
  }
  if (intent === 'unknown') {
    return {
      intent,
      text: `I can't answer that from the identity graph, or I did not understand the question. I can answer questions like:\n${EXAMPLES.map((e) => `- ${e}`).join('\n')}`,
      citations: [],
      followUps: EXAMPLES.slice(0, 4),
    };
  }
  try {
    return await HANDLERS[intent](turn);
  } catch (e) {
    if (isWhohasError(e) && e.code === 'FORBIDDEN') return forbidden(turn);
    throw e;
  }
}

/** The tools run with the asker's roles; an answer that needs more says which, rather than failing. */
function forbidden(turn: Turn): Draft {
  const roles = turn.ctx.principal.roles.join(', ') || 'none';
  const what = turn.routed.intent.startsWith('what_if_')
    ? 'Simulating a change needs the admin or agent role'
    : 'Part of this answer needs a role you do not have';
  return {
    intent: turn.routed.intent,
    text: `${what}; your roles: ${roles}. Nothing was simulated or read beyond what your roles allow. Ask someone with that role, or ask what your role can answer, e.g. who has an entitlement or why someone has it.`,
    citations: [],
    followUps: EXAMPLES.slice(0, 3),
  };
}
