import type { Intent } from './intents';

/**
 * Question forms, tried in order; the first that matches decides. Named groups are the slots. Longer,
 * more specific forms come first ("what if we remove A from G" before "who has G").
 */
export interface Pattern {
  intent: Intent;
  re: RegExp;
}

const S = String.raw`(?<subject>.+?)`;
const T = String.raw`(?<target>.+?)`;
const POSS = String.raw`(?:'s|’s|s')`;
const HAVE = String.raw`(?:have|has|hold|holds|get|gets|got|keep|keeps|retain|retains)`;

const p = (intent: Intent, source: string): Pattern => ({ intent, re: new RegExp(`^${source}$`, 'i') });

export const WHAT_IF_LEAD = /^(?:what (?:if|happens if|would happen if|would change if|changes if|is the impact if|breaks if)|simulate(?: that)?|if|suppose|imagine|what is the (?:impact|effect) of|impact of|effect of|show the impact of)\s+(?:we\s+|i\s+|you\s+|they\s+)?(?<action>.+)$/i;

/** Actions after a what-if lead ("remove A from G", "A is removed from G", "disable account C"). */
export const ACTIONS: Pattern[] = [
  p('what_if_revoke_delegation', String.raw`(?:revoke|revoking|end|ending|remove|removing|cancel|cancelling) (?:the |all )?delegations? (?:from )?(?<from>.+?) to (?<to>.+?)`),
  p('what_if_revoke_delegation', String.raw`(?<from>.+?) (?:stops? delegating|no longer delegates|revokes? (?:the |its |their |his |her )?delegation) to (?<to>.+?)`),
  p('what_if_remove', String.raw`(?:remove|removed|removing|take|took|taking|drop|dropping|kick|kicking|pull|pulling) ${S} (?:out of|off|from) (?:the )?(?<group>.+?)`),
  p('what_if_remove', String.raw`${S} (?:is|was|were|gets|got|are) (?:removed|taken out|dropped) (?:from|out of) (?:the )?(?<group>.+?)`),
  p('what_if_remove', String.raw`${S} (?:leaves|left|quits|exits) (?:the )?(?<group>.+?) (?:group|role)`),
  p('what_if_revoke', String.raw`(?:revoke|revoked|revoking|withdraw|withdrawing|take away|taking away) ${S}${POSS} (?:access to )?${T}`),
  p('what_if_revoke', String.raw`(?:revoke|revoked|revoking|withdraw|withdrawing|take away|taking away) (?:access to )?${T} (?:from|for) ${S}`),
  p('what_if_revoke', String.raw`${S} (?:loses|lost|no longer has|did not have|didn't have) (?:access to )?${T}`),
  p('what_if_revoke', String.raw`${T} (?:is|was|gets|got) revoked (?:from|for) ${S}`),
  p('what_if_disable', String.raw`(?:disable|disabled|disabling|deactivate|deactivating|lock|locking|turn off|turning off|suspend|suspending|shut down) (?:the )?(?:account )?(?<account>.+?)`),
  p('what_if_disable', String.raw`(?:the )?(?:account )?(?<account>.+?) (?:is|was|were|gets|got) (?:disabled|deactivated|locked|turned off|suspended)`),
  p('what_if_terminate', String.raw`(?:terminate|terminated|terminating|offboard|offboarded|off-board|offboarding|fire|fired|firing|let go|remove|delete|deprovision|deprovisioning) ${S}(?: from the company| completely| entirely)?`),
  p('what_if_terminate', String.raw`${S} (?:is|was|were|gets|got) (?:terminated|fired|offboarded|let go|deprovisioned)`),
  p('what_if_terminate', String.raw`${S} (?:leaves|left|quits|quit|departs|departed)(?: the company| acme| us)?`),
];

export const PATTERNS: Pattern[] = [
  // Why does A have X
  p('explain', String.raw`why (?:does|do|did|can|could|is|would) ${S} (?:${HAVE}|access|use|reach|able to (?:access|use)|allowed to (?:access|use)|have access to|has access to) (?:access to |rights to |permission (?:to|for) )?${T}`),
  p('explain', String.raw`how (?:does|do|did|can|could|come) ${S} (?:${HAVE}|access|use|reach|ends? up with) (?:access to |rights to )?${T}`),
  p('explain', String.raw`(?:explain|justify|show|trace) (?:why |how )?${S}${POSS}? (?:access to|has|have|holds|gets|got|path to|paths to) ${T}`),
  p('explain', String.raw`(?:explain|justify) ${S} (?:→|->|to) ${T}`),
  p('explain', String.raw`what gives ${S} access to ${T}`),
  p('explain', String.raw`what gives ${S} ${T}`),
  p('explain', String.raw`(?:show (?:me )?)?(?:the )?(?:access )?paths? (?:from|for) ${S} to ${T}`),
  p('explain', String.raw`where does ${S}${POSS}? (?:access to )?${T} come from`),
  // What did agent B get, and from whom
  p('delegation', String.raw`what did (?:the )?(?:agent |service )?${S} get(?:,? and (?:from whom|who (?:from|gave it)))?`),
  p('delegation', String.raw`who (?:delegated|granted|gave|delegates) (?:access |authority |rights )?to (?:the )?(?:agent |service )?${S}`),
  p('delegation', String.raw`(?:who is|whom is|who's|on whose behalf (?:is|does)|for whom (?:is|does)) (?:the )?(?:agent |service )?${S} (?:acting|act|acting for|acting on behalf of|working for|act for)(?: for| on behalf of)?`),
  p('delegation', String.raw`(?:show |explain |trace )?(?:the )?(?:delegation|authority) chain (?:of|for|behind) (?:the )?(?:agent |service )?${S}`),
  p('delegation', String.raw`(?:show |explain |trace )?(?:the )?(?:agent |service )?${S}${POSS} (?:delegation|authority) chain`),
  p('delegation', String.raw`where does (?:the )?(?:agent |service )?${S} get (?:its|their|his|her) (?:access|authority|permissions)(?: from)?`),
  p('delegation', String.raw`(?:who|which humans?|which people) (?:is|are) behind (?:the )?(?:agent |service )?${S}`),
  // Peers
  p('peers', String.raw`who are ${S}${POSS} peers(?:,? and what is (?:unusual|different|odd)(?: about (?:them|his|her|their|its) access)?)?`),
  p('peers', String.raw`who are the peers of ${S}`),
  p('peers', String.raw`(?:what(?: is|'s)|anything) (?:unusual|odd|abnormal|anomalous|out of the ordinary|strange) (?:about|in|with) ${S}${POSS}? ?(?:access|permissions|entitlements)?`),
  p('peers', String.raw`(?:compare|how does) ${S}(?:${POSS} access)? (?:to|with|compare to|compare with|against) (?:(?:his|her|their|its) )?peers`),
  p('peers', String.raw`(?:peers?|peer baseline|peer group|outliers?) (?:of|for) ${S}`),
  p('peers', String.raw`does ${S} have (?:any )?(?:unusual|excess|excessive|outlier|abnormal) (?:access|permissions|entitlements)`),
  // What can A access
  p('access_of', String.raw`what (?:can|does|do|could) ${S} (?:access|reach|use|hold|have access to|touch|get to|do)(?: (?:in|on) (?<system>.+?))?`),
  p('access_of', String.raw`(?:list|show(?: me)?|what are|give me|get) (?:all )?(?:of )?${S}${POSS} (?:access|entitlements|permissions|privileges|rights|grants|effective access)(?: (?:in|on) (?<system>.+?))?`),
  p('access_of', String.raw`(?:what|which) (?:access|entitlements|permissions|privileges|rights) (?:does|do|has|have) ${S} (?:have|hold|got)?(?: (?:in|on) (?<system>.+?))?`),
  p('access_of', String.raw`(?:effective access|access|entitlements|permissions|privileges) (?:of|for) ${S}(?: (?:in|on) (?<system>.+?))?`),
  p('access_of', String.raw`${S}${POSS} (?:access|entitlements|permissions|privileges|rights|grants|effective access)(?: (?:in|on) (?<system>.+?))?`),
  p('explain', String.raw`(?:does|do|can|is) ${S} (?:have|hold|able to access|allowed to access|access|use|reach) (?:access to )?${T}`),
  // Who has X
  p('who_has', String.raw`(?:who|which (?:people|identities|users|accounts|agents|employees|humans|services|persons))(?: all| else)? (?:has|have|holds?|can (?:access|use|reach)|got|gets?|is granted|are granted|has access to|have access to|is allowed to use) (?:access to |the )?${T}`),
  p('who_has', String.raw`(?:list|show(?: me)?|give me|find|get)? ?(?:all |every )?(?:the )?(?:holders|members|users|people|identities|everyone|everybody|anyone) (?:of|with|holding|who (?:has|have|hold)|that (?:has|have|hold)|having) (?:access to |the )?${T}`),
  p('who_has', String.raw`(?:holders of|who holds|how many (?:people|identities|users) (?:have|hold)|how many have) ${T}`),
  p('who_has', String.raw`(?:who|which (?:people|identities|users|accounts|agents|employees|humans|services|persons))(?: all| else)? (?:can|could|is able to|are able to|is allowed to|are allowed to) ${T}`),
  // Who is A
  p('profile', String.raw`(?:who is|who's|tell me about|describe|look up|lookup|profile of|details (?:of|for|about)|show (?:me )?(?:the )?profile of) ${S}`),
];
