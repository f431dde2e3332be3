/** The question forms the copilot answers without a language model. */
export const INTENTS = [
  'who_has', 'explain', 'access_of', 'delegation', 'peers', 'sod_identity', 'sod_rule', 'sod_department', 'sod_overview',
  'what_if_remove', 'what_if_revoke', 'what_if_disable', 'what_if_terminate', 'what_if_revoke_delegation',
  'unowned_nhi', 'riskiest', 'stale_credentials', 'dormant_access', 'profile', 'help', 'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Words of the question that name things, as typed; resolved against the graph afterwards. */
export interface Slots {
  subject?: string;
  target?: string;
  group?: string;
  account?: string;
  system?: string;
  from?: string;
  to?: string;
  rule?: string;
}

export interface Routed {
  intent: Intent;
  slots: Slots;
  /** The question with the words that carry the filter (departments, kinds) left for the handler. */
  text: string;
}
