import type { EntityDirectory } from '../directory/directory';
import { normalize } from '../directory/fuzzy';

/** A department named in the question ("in Finance", "finance team"), matched on whole words. */
export function departmentIn(dir: EntityDirectory, text: string): string | null {
  const t = ` ${normalize(text)} `;
  let best: string | null = null;
  for (const d of dir.departments) {
    const n = normalize(d);
    if (n && t.includes(` ${n} `) && (!best || n.length > normalize(best).length)) best = d;
  }
  return best;
}

/** The identity kind a question is about, if it says ("agents", "service accounts", "people"). */
export function kindIn(text: string): 'AGENT' | 'SERVICE' | 'HUMAN' | null {
  if (/\b(?:ai )?agents?\b/i.test(text)) return 'AGENT';
  if (/\bservices?(?: accounts?)?\b|\bservice identit/i.test(text)) return 'SERVICE';
  if (/\b(?:people|persons?|humans?|employees?|staff|users?|workforce)\b/i.test(text)) return 'HUMAN';
  return null;
}
