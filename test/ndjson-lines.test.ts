import assert from 'node:assert/strict';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { LineSplitter } from '../ingest/bundle/ndjson-lines';
import { Rng } from '../src/demo/random';

/** The lines node's readline gives for `chunks` (what the NDJSON reader used before, and what line numbers must keep matching). */
async function readlineLines(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input: Readable.from(chunks), crlfDelay: Infinity })) out.push(line);
  return out;
}

function splitterLines(chunks: string[]): string[] {
  const splitter = new LineSplitter();
  return [...chunks.flatMap((c) => splitter.push(c)), ...splitter.end()];
}

describe('NDJSON lines (ingest/bundle/ndjson-lines.ts)', () => {
  it('end lines at \\n, \\r\\n and a lone \\r, and keep a last line without a break', () => {
    assert.deepEqual(splitterLines(['a\nb\r\nc\rd']), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitterLines(['{"id":"x"}\n', '\n', '{"id":"y"}\n']), ['{"id":"x"}', '', '{"id":"y"}']);
    assert.deepEqual(splitterLines(['a\r', '\nb\r', 'c\r']), ['a', 'b', 'c'], 'a \\r\\n split over two chunks is one break');
    assert.deepEqual(splitterLines([]), []);
  });

  it('give the lines readline gives, however the text is cut into chunks', async () => {
    const pieces = ['{"a":1}', 'é', '😀', ' ', 'x', '\n', '\r\n', '\r', '\n\n', '\r\r'];
    const rng = new Rng(20261124);
    const next = () => rng.next();
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = 1 + Math.floor(next() * 40);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)];
      const chunks: string[] = [];
      for (let at = 0; at < text.length; ) {
        const size = 1 + Math.floor(next() * 6);
        chunks.push(text.slice(at, at + size));
        at += size;
      }
      assert.deepEqual(splitterLines(chunks), await readlineLines(chunks), `round ${round}: ${JSON.stringify(chunks)}`);
    }
  });
});
