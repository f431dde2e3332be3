/**
 * Name matching for questions typed by people: case, accents, punctuation and small typos do not
 * matter ("fatima andersen", "App: AWS prod", "sap finance"), while ids and emails match exactly.
 */

/** Lower case, accents and punctuation removed, single spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const n = normalize(text);
  return n ? n.split(' ') : [];
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), stopping early past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** How alike two words are, 0..1: typos allowed in proportion to length; a long-enough prefix counts. */
export function wordSimilarity(typed: string, known: string): number {
  if (typed === known) return 1;
  if (typed.length >= 3 && known.startsWith(typed)) return 0.8 + 0.15 * (typed.length / known.length);
  const allowed = typed.length <= 3 ? 0 : typed.length <= 6 ? 1 : 2;
  const d = editDistance(typed, known, allowed);
  if (d > allowed) return 0;
  return 1 - d / Math.max(typed.length, known.length) / 1.5;
}

/**
 * How well typed words name a known name, 0..1. Every typed word must find a word of the name; words
 * of the name left unmatched cost a little ("fatima" for "Fatima Anderson" is a weaker match than the
 * full name, so a full match elsewhere wins).
 */
export function nameSimilarity(typedWords: readonly string[], knownWords: readonly string[]): number {
  if (!typedWords.length || !knownWords.length) return 0;
  const used = new Set<number>();
  let sum = 0;
  for (const w of typedWords) {
    let best = 0;
    let at = -1;
    knownWords.forEach((k, i) => {
      if (used.has(i)) return;
      const s = wordSimilarity(w, k);
      if (s > best) [best, at] = [s, i];
    });
    if (best === 0) return 0;
    used.add(at);
    sum += best;
  }
  const covered = used.size / knownWords.length;
  return (sum / typedWords.length) * (0.75 + 0.25 * covered);
}
