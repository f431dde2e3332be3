import { DecisionLogResolver, RequesterResolver } from './decision-log.resolver';
import { AccessDeltaResolver, SimulationResolver } from './simulation.resolver';

/** What-if simulation and the decision log, registered together (graphql/schema.ts). */
export const SIMULATION_RESOLVERS = [SimulationResolver, AccessDeltaResolver, DecisionLogResolver, RequesterResolver] as const;
