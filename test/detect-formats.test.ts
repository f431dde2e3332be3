import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { detectFormat } from '../ingest/registry';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';

const fixture = (...p: string[]) => join(__dirname, '..', '..', 'test', 'fixtures', ...p);

describe('whohas ingest PATH picks the connector from what the files are', { skip: skipWithoutSharedData }, () => {
  const cases: Array<[string, string]> = [
    [sharedData('scim-rfc-examples'), 'scim'],
    [sharedData('scim-rfc-examples', 'rfc7643-8.4-group.json'), 'scim'],
    [sharedData('aws-iam-cloudsplaining', 'iam-vulnerable-account-authorization-details.json'), 'aws-iam'],
    [sharedData('aws-iam-cloudmapper-demo'), 'aws-iam'],
    [sharedData('bloodhound-ad-sample'), 'bloodhound'],
    [sharedData('bloodhound-ad-sample', '20240305110018_users.json'), 'bloodhound'],
    [sharedData('ocsf-examples', 'aws-cloudtrail-v1.1.generic_api_activity.raw.json'), 'cloudtrail'],
    [sharedData('ocsf-examples', 'aws-cloudtrail-v1.1.generic_api_activity.ocsf.json'), 'ocsf'],
    [sharedData('panther-detection-tests', 'aws-cloudtrail.labelled-events.ndjson'), 'cloudtrail'],
    [sharedData('panther-detection-tests', 'okta-systemlog.labelled-events.ndjson'), 'okta-log'],
    [fixture('agents', 'registry', 'acme-agents.yaml'), 'agent-registry'],
    [fixture('agents', 'a2a'), 'a2a-card'],
    [fixture('hris', 'workers.csv'), 'hris-csv'],
    [fixture('acme'), 'bundle'],
  ];
  for (const [path, format] of cases) {
    it(`${path.split('/').slice(-2).join('/')} is ${format}`, async () => {
      assert.equal((await detectFormat(path)).format, format);
    });
  }

  it('a folder mixing raw CloudTrail, OCSF and Okta events is ambiguous: the user chooses', async () => {
    await assert.rejects(detectFormat(sharedData('ocsf-examples')), /could be cloudtrail or ocsf or okta-log; pass --format/);
  });

  it('a file no connector knows, and a URL, are refused with what to do', async () => {
    await assert.rejects(detectFormat(sharedData('amazon-employee-access', 'train.csv')), /Could not tell what format .*pass --format/);
    await assert.rejects(detectFormat('https://idp.example.com/scim/v2'), /is a URL: say what it serves with --format/);
  });
});
