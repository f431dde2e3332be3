import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoTime, normaliseIsoTime } from '../ingest/bundle/records';
import { Rng } from '../src/demo/random';

/** The rule before the fast path, kept as the reference: the engine's parser, the date as written must exist, then toISOString. */
function reference(s: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return null;
  const ms = Date.parse(s);
  const [year, month, day] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  const real = check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return Number.isNaN(ms) || !real ? null : new Date(ms).toISOString();
}

describe('ISO times in bundle records (ingest/bundle/records.ts)', () => {
  const edges = [
    '2026-01-31T09:00:00Z', '2026-01-31T09:00:00.000Z', '2026-01-31T09:00Z', '2026-01-31T09:00:00.5+05:30', '2026-01-31T09:00:00-0800',
    '2024-02-29T00:00:00.000Z', '2023-02-29T00:00:00.000Z', '2100-02-29T00:00:00.000Z', '2000-02-29T23:59:59.999Z',
    '2026-04-31T00:00:00.000Z', '2026-12-31T23:59:59.999Z', '2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-01-00T00:00:00.000Z',
    '2026-01-01T24:00:00.000Z', '2026-01-01T23:60:00.000Z', '2026-01-01T23:59:60.000Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z',
    '2026-01-01t00:00:00.000z', '2026-01-01T00:00:00.000', '2026-01-01 00:00:00Z', 'yesterday', '',
  ];

  it('gives what the parse-and-print rule gave, on edge cases and 20,000 generated times', () => {
    const rng = new Rng(11);
    const next = () => rng.next();
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const generated = Array.from({ length: 20_000 }, () => {
      const [y, mo, d, h, mi, se, ms] = [1990 + Math.floor(next() * 120), Math.floor(next() * 14), Math.floor(next() * 33), Math.floor(next() * 26), Math.floor(next() * 62), Math.floor(next() * 62), Math.floor(next() * 1000)];
      const zone = ['Z', 'Z', 'Z', '+02:00', '-0930'][Math.floor(next() * 5)];
      return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(se, 2)}${next() < 0.8 ? `.${pad(ms, 3)}` : ''}${zone}`;
    });
    let utc = 0;
    for (const s of [...edges, ...generated]) {
      assert.equal(normaliseIsoTime(s), reference(s), s);
      if (s.endsWith('Z') && normaliseIsoTime(s) !== null) utc++;
    }
    assert.ok(utc > 5_000, `${utc} generated real UTC times: the fast path was exercised`);
  });

  it('refuses with the message that says what is wrong', () => {
    const problem = (s: string) => {
      const r = isoTime.safeParse(s);
      return r.success ? null : r.error.issues[0].message;
    };
    assert.match(String(problem('2026-02-30T09:00:00Z')), /not a real date/);
    assert.match(String(problem('2026-01-01 09:00')), /must be an ISO-8601 time with a zone/);
    assert.equal(isoTime.parse('2026-01-31T09:00:00+01:00'), '2026-01-31T08:00:00.000Z');
  });
});
