import type { GraphStore } from '../store/port';
import { DEFAULT_RISK_THRESHOLDS, type RiskThresholds } from './thresholds';

/**
 * The thresholds in force for a store. The server registers the `risk:` section of its config file
 * when it starts (src/server/app.ts), so GraphQL, /metrics, the exports and the snapshot after each
 * ingest all judge by the same numbers; anything else (a test, the CLI without a server) gets the defaults.
 */
const settings = new WeakMap<GraphStore, RiskThresholds>();

export function setRiskThresholds(store: GraphStore, thresholds: RiskThresholds | null | undefined): void {
  if (thresholds) settings.set(store, thresholds);
  else settings.delete(store);
}

export function riskThresholds(store: GraphStore): RiskThresholds {
  return settings.get(store) ?? DEFAULT_RISK_THRESHOLDS;
}
