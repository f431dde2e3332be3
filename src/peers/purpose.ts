/**
 * Purposes are free text ("Deploys billing workloads to production"), so two agents or services
 * rarely share one word for word. They are peers by purpose when their content words overlap by at
 * least PURPOSE_SIMILARITY (Jaccard: shared words / all words, after dropping stop words and plural
 * or -ing endings).
 */
export const PURPOSE_SIMILARITY = 0.5;

const STOP_WORDS = new Set([
  'the', 'and', 'for', 'from', 'into', 'with', 'without', 'that', 'this', 'these', 'those', 'their', 'its', 'our', 'your',
  'all', 'any', 'each', 'end', 'via', 'per', 'over', 'under', 'between', 'across', 'onto', 'out', 'off', 'about', 'right',
]);

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function purposeWords(purpose: string | null): Set<string> {
  const out = new Set<string>();
  for (const raw of (purpose ?? '').toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw.length < 3 || STOP_WORDS.has(raw)) continue;
    out.add(stem(raw));
  }
  return out;
}

export function purposeSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

export function sharedWords(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((w) => b.has(w)).sort();
}
