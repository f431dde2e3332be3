/**
 * What accounts and people hold, read from the generator's own tables: each group's rights through
 * its nesting (memoised; 20k groups at L), and an account's rights through its active memberships
 * and direct grants. Delegation scopes are drawn from what the delegator really holds, and usage
 * events mostly exercise rights the account really has.
 */
import { Rng } from '../random';
import type { AccountTable } from './accounts';
import type { CatalogBuilder } from './catalog-builder';

/** A 32-bit hash of three integers, to seed per-(account, habit) streams. */
export function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

export class AccessWalker {
  private readonly groupRights = new Map<number, number[]>();

  constructor(
    private readonly accounts: AccountTable,
    private readonly c: CatalogBuilder,
  ) {}

  /** Rights a member of the group receives, its own first, then its parents' level by level (nesting never expires here). */
  rightsOfGroup(group: number): number[] {
    const known = this.groupRights.get(group);
    if (known) return known;
    const out: number[] = [];
    const seen = new Set<number>([group]);
    for (let frontier = [group]; frontier.length > 0; ) {
      const next: number[] = [];
      for (const g of frontier) {
        for (const e of this.c.groupGrants[g]) if (!out.includes(e)) out.push(e);
        for (const parent of this.c.groupParents[g]) if (!seen.has(parent)) seen.add(parent), next.push(parent);
      }
      frontier = next;
    }
    this.groupRights.set(group, out);
    return out;
  }

  /** Adds what the account confers today to `into`: nothing if disabled. */
  addRightsOfAccount(account: number, into: Set<number>): void {
    if (!this.accounts.enabled.get(account)) return;
    const { memberships, grants } = this.accounts;
    for (let i = grants.first(account); i < grants.end(account); i++) if (grants.active.get(i)) into.add(grants.targets.get(i));
    for (let i = memberships.first(account); i < memberships.end(account); i++) {
      if (memberships.active.get(i)) for (const e of this.rightsOfGroup(memberships.targets.get(i))) into.add(e);
    }
  }

  /** Rights held through accounts [first, end), sorted. */
  rightsOfAccounts(first: number, end: number): number[] {
    const held = new Set<number>();
    for (let a = first; a < end; a++) this.addRightsOfAccount(a, held);
    return [...held].sort((x, y) => x - y);
  }

  /**
   * The account's k-th habit: one right it holds, the same for the same (seed, account, k). Habits
   * favour the most specific right of a group (the project's own) over inherited ones, so usage
   * gathers on a fraction of what is held. -1 when the pick holds nothing (a mail-only list).
   */
  habit(seed: number, account: number, k: number): number {
    const { memberships, grants } = this.accounts;
    let active = 0;
    for (let i = grants.first(account); i < grants.end(account); i++) active += grants.active.get(i);
    for (let i = memberships.first(account); i < memberships.end(account); i++) active += memberships.active.get(i);
    if (active === 0) return -1;
    const rng = new Rng(mix(seed, account, k));
    let j = rng.int(0, active - 1);
    for (let i = grants.first(account); i < grants.end(account); i++) if (grants.active.get(i) && j-- === 0) return grants.targets.get(i);
    for (let i = memberships.first(account); i < memberships.end(account); i++) {
      if (!memberships.active.get(i) || j-- !== 0) continue;
      const rights = this.rightsOfGroup(memberships.targets.get(i));
      if (rights.length === 0) return -1;
      return rights[Math.min(rights.length - 1, Math.floor(-Math.log(1 - rng.next()) * 1.2))];
    }
    return -1;
  }
}
