import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Mutex } from '../src/store/mutex';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('the store session mutex', () => {
  it('runs one unit at a time, in arrival order, past a failure', async () => {
    const m = new Mutex();
    const log: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      m.runExclusive(async () => {
        log.push(`${name} start`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a', 20), step('b', 1, true), step('c', 5)]);
    assert.deepEqual(log, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(m.pending, 0);
  });

  it('keeps no answer once its caller has it (an idle session held the last read, hundreds of MB at L)', async () => {
    const m = new Mutex();
    let ref: WeakRef<object> | null = null;
    await (async () => {
      const answer = await m.runExclusive(async () => ({ rows: new Array(1000).fill('row') }));
      ref = new WeakRef(answer);
    })();
    await new Promise((r) => setTimeout(r, 0));
    gc();
    assert.equal(ref!.deref(), undefined, 'the mutex still references the last result');
  });
});
