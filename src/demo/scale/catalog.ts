/**
 * The whole catalog: the directory's org tree first, the agent tools, then the applications, which
 * get whatever is left of the group and entitlement budgets (20k groups and 5k rights at L).
 */
import { DEPARTMENTS } from '../names';
import type { Rng } from '../random';
import { buildAgentTools, type ToolsCatalog } from './agent-tools';
import { buildApps, type AppCatalog } from './app-catalog';
import { CatalogBuilder } from './catalog-builder';
import { buildDirectory, type DirectoryCatalog } from './directory';
import type { RecordSink } from './ndjson-files';
import { personId, type ScaleOrg } from './org';
import type { ScalePlan } from './plan';

export interface ScaleCatalog {
  c: CatalogBuilder;
  directory: DirectoryCatalog;
  tools: ToolsCatalog;
  apps: AppCatalog[];
}

export function buildCatalog(sink: RecordSink, rng: Rng, plan: ScalePlan, org: ScaleOrg): ScaleCatalog {
  const c = new CatalogBuilder(sink, rng.fork('edge-times'));
  const headOf = (code: string) => personId(org.heads[DEPARTMENTS.findIndex((d) => d.code === code)]);
  const directory = buildDirectory(c, rng.fork('directory'), org, headOf('it'), plan.distributionLists);
  const tools = buildAgentTools(c, rng.fork('tools'), org, headOf('eng'), plan.tools);
  const groupBudget = Math.max(0, plan.groups - c.groupIds.length);
  const entitlementBudget = Math.max(0, plan.entitlements - c.entitlementIds.length);
  const apps = buildApps(c, rng.fork('apps'), org, headOf, groupBudget, entitlementBudget);
  return { c, directory, tools, apps };
}
