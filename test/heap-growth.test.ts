import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config';
import { boundHeapGrowth } from '../src/heap-growth';
import { projectRoot } from '../src/paths';

/** Runs the churn fixture in its own process (the flag is process-wide) and returns its heap figures. */
function churn(percent: number): { peak: number; live: number } {
  const fixture = join(projectRoot(), 'test', 'fixtures', 'heap', 'churn.js');
  const out = execFileSync(process.execPath, ['--expose-gc', fixture, join(__dirname, '..', 'src', 'heap-growth.js'), String(percent)], { encoding: 'utf8' });
  return JSON.parse(out);
}

describe('heap growth bound (src/heap-growth.ts)', () => {
  it('keeps the heap within about 1.5x of what stays live, where V8 alone let it reach several times that', () => {
    const bounded = churn(50);
    const free = churn(0);
    // 50%: the live set plus half again, plus the chunk being built; 2.2x leaves room for that chunk.
    assert.ok(bounded.peak < 2.2 * bounded.live, `peak ${bounded.peak} against live ${bounded.live}`);
    assert.ok(bounded.peak < free.peak, `bounded peak ${bounded.peak}, V8's own ${free.peak}`);
  });

  it('collects the garbage at once when asked, in a process started without --expose-gc', () => {
    const fixture = join(projectRoot(), 'test', 'fixtures', 'heap', 'release.js');
    const out = JSON.parse(execFileSync(process.execPath, [fixture, join(__dirname, '..', 'src', 'heap-growth.js')], { encoding: 'utf8' }));
    // A million records are about 60 MB; what stays after the collection is node's own few MB.
    assert.ok(out.held > 40 * 2 ** 20, `held ${out.held}`);
    assert.ok(out.after < out.held / 4, `after ${out.after}, held ${out.held}`);
  });

  it('is read from WHOHAS_HEAP_GROWTH_PERCENT, 50 by default, and refuses what is not a whole percent', () => {
    assert.equal(loadConfig({ WHOHAS_DEMO: 'false' }).heapGrowthPercent, 50);
    assert.equal(loadConfig({ WHOHAS_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent, 0);
    assert.throws(() => loadConfig({ WHOHAS_HEAP_GROWTH_PERCENT: '12.5' }), /WHOHAS_HEAP_GROWTH_PERCENT/);
    assert.throws(() => loadConfig({ WHOHAS_HEAP_GROWTH_PERCENT: '-1' }), /WHOHAS_HEAP_GROWTH_PERCENT/);
    assert.throws(() => boundHeapGrowth(-1), RangeError);
  });
});
