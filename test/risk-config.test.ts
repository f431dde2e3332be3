import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJobConfig } from '../src/jobs/job-config';
import { DEFAULT_RISK_THRESHOLDS } from '../src/risk/thresholds';

describe('risk thresholds in whohas.config.yaml', () => {
  it('reads the risk section and fills in the defaults for what it leaves out', () => {
    const config = parseJobConfig('version: 1\nrisk:\n  dormantAccountDays: 30\n  codeWeights: { PEER_OUTLIER: 0.5 }\n', '/etc/whohas.config.yaml', {});
    assert.equal(config.risk?.dormantAccountDays, 30);
    assert.equal(config.risk?.codeWeights.PEER_OUTLIER, 0.5);
    assert.equal(config.risk?.unusedEntitlementDays, DEFAULT_RISK_THRESHOLDS.unusedEntitlementDays);
    assert.deepEqual(config.risk?.severityPoints, { low: 2, medium: 5, high: 10, critical: 20 });
  });

  it('has no risk section by default (the defaults apply)', () => {
    assert.equal(parseJobConfig('version: 1\n', 'c.yaml', {}).risk, null);
    assert.deepEqual(DEFAULT_RISK_THRESHOLDS, {
      dormantAccountDays: 90, unusedEntitlementDays: 90, unusedEntitlementScope: 'all', credentialMaxAgeDays: 365, credentialRotationGraceDays: 90, maxDelegationDepth: 2,
      peerOutlierMinScore: 0.8, severityPoints: { low: 2, medium: 5, high: 10, critical: 20 }, codeWeights: {}, maxFindingsPerFactor: 5,
    });
  });

  for (const [yaml, expected] of [
    ['risk:\n  dormantDays: 30\n', /c\.yaml:2: risk: unknown key\(s\) dormantDays/],
    ['risk:\n  dormantAccountDays: 0\n', /c\.yaml:2: risk\.dormantAccountDays: dormantAccountDays must be at least 1/],
    ['risk:\n  codeWeights: { NOT_A_CODE: 1 }\n', /risk\.codeWeights/],
    ['risk:\n  peerOutlierMinScore: 2\n', /peerOutlierMinScore must be between 0 and 1/],
  ] as const) {
    it(`refuses a bad risk section, naming the line: ${JSON.stringify(yaml)}`, () => {
      assert.throws(() => parseJobConfig(yaml, 'c.yaml', {}), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'CONFIG_INVALID');
        assert.match(e.message, expected);
        return true;
      });
    });
  }
});
