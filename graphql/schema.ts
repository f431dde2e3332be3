import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker';
import { AccessGrantResolver } from './resolvers/access.resolver';
import { AccountResolver, EntitlementResolver, GroupResolver, SystemResolver } from './resolvers/catalog.resolver';
import { DelegationResolver, IdentityResolver } from './resolvers/identity.resolver';
import { PEER_RESOLVERS } from './resolvers/peer.resolver';
import { QueryResolver } from './resolvers/query.resolver';
import { RISK_RESOLVERS } from './resolvers/risk.resolver';
import { SearchResolver } from './resolvers/search.resolver';
import { SodResolver, SodSideHoldingResolver } from './resolvers/sod.resolver';
import { CopilotResolver } from './resolvers/copilot.resolver';
import { RiskiestResolver } from './resolvers/riskiest.resolver';
import { SIMULATION_RESOLVERS } from './resolvers/simulation-resolvers';

let schema: Promise<GraphQLSchema> | null = null;

/** Built once per process: type-graphql's metadata is global, and the schema does not change at run time. */
export function whohasSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: [
      QueryResolver, IdentityResolver, DelegationResolver, AccessGrantResolver,
      AccountResolver, GroupResolver, EntitlementResolver, SystemResolver, SodResolver, SodSideHoldingResolver,
      ...PEER_RESOLVERS,
      ...RISK_RESOLVERS,
      ...SIMULATION_RESOLVERS,
      RiskiestResolver, CopilotResolver, SearchResolver,
    ],
    // Roles per operation and per field (`@Authorized`, src/auth/roles.ts); a field without it is open to any caller that got past /graphql's door.
    authChecker,
    authMode: 'error',
    validate: false, // inputs are validated with zod at the boundary (graphql/inputs.ts)
    emitSchemaFile: false,
  });
  return schema;
}
