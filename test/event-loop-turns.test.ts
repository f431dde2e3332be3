import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventLoopTurns } from '../src/event-loop-turns';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('event-loop turns (long computations let requests through)', () => {
  it('is due once a slice of work has run, and a pause lets queued callbacks run before the next slice', async () => {
    const turns = new EventLoopTurns(10);
    const ran: string[] = [];
    setImmediate(() => ran.push('queued callback'));
    busy(15);
    assert.equal(turns.due(), true);
    assert.deepEqual(ran, [], 'nothing else runs while the slice holds the thread');
    await turns.pause();
    assert.deepEqual(ran, ['queued callback']);
  });

  it('starts a new slice after each pause', async () => {
    const turns = new EventLoopTurns(60_000);
    busy(5);
    assert.equal(turns.due(), false);
    await turns.pause();
    assert.equal(turns.due(), false);
  });
});
