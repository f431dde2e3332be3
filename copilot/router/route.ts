import type { Routed, Slots } from './intents';
import { ACTIONS, PATTERNS, WHAT_IF_LEAD, type Pattern } from './patterns';

/** Question text as typed, tidied: trailing punctuation and filler words around it do not change its meaning. */
export function tidy(question: string): string {
  return question
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:(?:hey|hi|ok|okay|so|please|quick question|copilot|whohas)[,:]?\s+)+/i, '')
    .replace(/^(?:can you (?:tell me|show me|check|explain)|could you (?:tell me|show me|check|explain)|tell me(?! about)|show me|i want to know|i'd like to know|do you know)\s+/i, '')
    .replace(/[?.!\s]+$/, '')
    .replace(/,?\s+please$/i, '')
    .trim();
}

const SOD = /\b(?:sod|separation[- ]of[- ]dut(?:y|ies)|segregation[- ]of[- ]dut(?:y|ies)|toxic (?:combination|combo)s?|conflicting (?:access|duties|entitlements)|dut(?:y|ies) conflicts?|sod (?:conflict|issue|breach)e?s?)\b/i;
const OWNERLESS = /\b(?:no owners?|without (?:an? )?owners?|missing (?:an? )?owners?|lack(?:ing|s)? (?:an? )?owners?|unowned|orphan(?:ed|s)?|ownerless|nobody owns|no one owns|not owned)\b/i;
const RISKIEST = /\b(?:riskiest|most risky|risk(?:iest)? ranking|highest[- ]risk|top risks?|most at risk|biggest risks?|highest (?:risk )?scores?|worst risk|high[- ]risk (?:people|identities|users|agents|services)|risk scores? (?:in|for|of))\b/i;
const CREDENTIAL = /\b(?:credentials?|keys?|secrets?|tokens?|passwords?|certificates?)\b/i;
const STALE = /\b(?:stale|old|unrotated|not (?:been )?rotated|never (?:been )?rotated|aging|aged|rotation|out of date|expired|unused)\b/i;
const DORMANT = /\b(?:dormant|unused|inactive|idle|not (?:been )?used|never (?:been )?used|(?:hasn't|haven't|has not|have not|didn't|did not) (?:been )?used?|not logged in|no (?:recent )?logins?|stale access)\b/i;
const HELP = /^(?:help|what can you (?:do|answer)|what can i ask|how do i use (?:this|you)|hi|hello|hey|what do you know)$/i;
const RULE_AFTER = /\b(?:rule|policy)\s+(?:named\s+|called\s+)?["']?(?<rule>[^"']+?)["']?$/i;
const RULE_BEFORE = /\b(?:of|for|against|under|breaking|breaks|violating|violates|break|violate)\s+(?:the\s+)?["']?(?<rule>.+?)["']?\s+(?:rule|policy)\b/i;
const SOD_SUBJECT = /\b(?:for|of|by|does|do|has|have|is|against|involving)\s+(?<subject>.+?)(?:\s+(?:have|has|violate|violates|break|breaks|hold|holds|in violation|got|create|trigger)\b.*)?$/i;

function match(patterns: Pattern[], text: string): Routed | null {
  for (const { intent, re } of patterns) {
    const m = re.exec(text);
    if (m) return { intent, slots: clean(m.groups ?? {}), text };
  }
  return null;
}

function clean(groups: Record<string, string | undefined>): Slots {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(groups)) {
    const t = v?.trim().replace(/^["'“]|["'”]$/g, '').replace(/^(?:the|a|an)\s+/i, '').trim();
    if (t) out[k] = t;
  }
  return out as Slots;
}

/** Reads the question form and the words that name things; names are resolved against the graph later. */
export function route(question: string): Routed {
  const text = tidy(question);
  if (!text || HELP.test(text)) return { intent: 'help', slots: {}, text };
  const lead = WHAT_IF_LEAD.exec(text);
  if (lead?.groups?.action) {
    const action = match(ACTIONS, lead.groups.action.trim());
    if (action) return { ...action, text };
  }
  if (SOD.test(text) || (/\bviolat/i.test(text) && /\b(?:rules?|polic(?:y|ies))\b/i.test(text))) {
    const rule = RULE_AFTER.exec(text)?.groups?.rule ?? RULE_BEFORE.exec(text)?.groups?.rule;
    if (rule && !SOD.test(rule)) return { intent: 'sod_rule', slots: clean({ rule }), text };
    const subject = SOD_SUBJECT.exec(text.replace(SOD, ' ').replace(/\s+/g, ' '))?.groups?.subject;
    return { intent: 'sod_identity', slots: clean({ subject }), text };
  }
  if (OWNERLESS.test(text)) return { intent: 'unowned_nhi', slots: {}, text };
  if (RISKIEST.test(text)) return { intent: 'riskiest', slots: {}, text };
  if (CREDENTIAL.test(text) && STALE.test(text)) return { intent: 'stale_credentials', slots: {}, text };
  if (DORMANT.test(text)) {
    const subject = /\b(?:of|for|does|do|has|have|is)\s+(?<subject>.+?)(?:\s+(?:have|has|hold|holds|got)\b.*)?$/i.exec(text.replace(DORMANT, ' ').replace(/\s+/g, ' '))?.groups?.subject;
    return { intent: 'dormant_access', slots: clean({ subject }), text };
  }
  return match(PATTERNS, text) ?? { intent: 'unknown', slots: {}, text };
}
