/**
 * AI agent sources (docs/connectors/agents.md): our agent registry format, and A2A Agent Cards.
 * Both emit only what they own (agent identities, their platforms, accounts, tools, grants,
 * delegations, credentials); owners and delegating people are ids from other sources (HR).
 */
export { agentRegistryConnector } from './registry-connector';
export { a2aCardConnector } from './a2a-connector';
export type { RegistryOptions } from './registry-schema';
export type { CardOptions } from './a2a-schema';
