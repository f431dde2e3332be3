import { matches } from './actions';
import type { Statement } from './policy-document';

/**
 * A fixed set of concrete actions, indexed by service, answering "which of these does this
 * statement take in?". Statements are shared by every principal their policy is attached to, so
 * the answer is cached per statement: AWS-managed policies list thousands of patterns.
 */
export class ActionIndex {
  /** lower-cased action -> spelling */
  readonly all: Map<string, string>;
  private readonly byService = new Map<string, string[]>();
  private readonly cache = new WeakMap<Statement, Set<string>>();

  constructor(actions: Map<string, string>) {
    this.all = actions;
    for (const [lower] of actions) {
      const svc = lower.split(':')[0];
      if (!this.byService.has(svc)) this.byService.set(svc, []);
      this.byService.get(svc)!.push(lower);
    }
  }

  /** Lower-cased actions of the index the statement's Action (or NotAction) takes in. */
  covered(s: Statement): Set<string> {
    let hit = this.cache.get(s);
    if (hit) return hit;
    const named = this.expand(s.actions ?? s.notActions ?? []);
    hit = s.actions ? named : new Set([...this.all.keys()].filter((a) => !named.has(a)));
    this.cache.set(s, hit);
    return hit;
  }

  private expand(patterns: string[]): Set<string> {
    const out = new Set<string>();
    for (const p of patterns) {
      const lower = p.toLowerCase();
      if (lower === '*') return new Set(this.all.keys());
      if (!/[*?]/.test(lower)) {
        if (this.all.has(lower)) out.add(lower);
        continue;
      }
      const svc = lower.split(':')[0];
      const services = /[*?]/.test(svc) ? [...this.byService.keys()].filter((k) => matches(svc, k)) : [svc];
      for (const k of services) for (const a of this.byService.get(k) ?? []) if (matches(lower, a)) out.add(a);
    }
    return out;
  }
}
