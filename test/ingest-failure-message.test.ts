import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureOf } from '../ingest/bundle/failure-message';
import { WhohasError } from '../src/errors';

/** A failed run's error is stored in the graph and shown to analysts (ingestRuns): no engine internals. */
describe('the error a failed ingest run records', () => {
  it('keeps what the store said, without its source file, line or this machine’s paths', () => {
    const kuzu = new WhohasError('STORE_QUERY_FAILED', "Query 'upsert/delegations' failed: Assertion failed in file \"/home/runner/_work/kuzu/src/storage/table/csr_node_group.cpp\" on line 411: KU_UNREACHABLE");
    assert.deepEqual(failureOf(kuzu), { code: 'STORE_QUERY_FAILED', message: "Query 'upsert/delegations' failed: Assertion failed: KU_UNREACHABLE" });
    const disk = failureOf(new Error('IO exception: Cannot write to file /srv/whohas/data/whohas.kuzu.wal: No space left on device'));
    assert.deepEqual(disk, { code: 'INGEST_FAILED', message: 'The run failed and nothing was applied: IO exception: Cannot write to file <path>: No space left on device' });
  });

  it('leaves whohas’s own messages (bundle, reference and strict-mode errors) as they are', () => {
    const own = new WhohasError('BUNDLE_REJECTED', 'Strict mode: 2 record(s) rejected, nothing was loaded (see runs/x/rejects.ndjson)');
    assert.deepEqual(failureOf(own), { code: 'BUNDLE_REJECTED', message: own.message });
  });
});
