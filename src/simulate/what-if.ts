import { byTarget, type TimedEdge } from '../access/topology';
import { emptyLists, ListTopology, splitKey, type AccessModel, type ListKey, type ListKind } from './access-model';

/**
 * The model with a simulation's edits on top, copy-on-write: an edited list is copied once into the
 * overlay, everything else is read through to the shared model. Implements the same topology the
 * access computation walks, so "after" is computed by exactly the code that built the index.
 */
export class WhatIfGraph extends ListTopology {
  private readonly lists = emptyLists();
  private readonly accounts = new Map<string, string>();
  private readonly identities = new Map<string, string>();

  constructor(readonly base: AccessModel) {
    super();
  }

  listOf(kind: ListKind, id: string): readonly TimedEdge[] {
    return this.lists.get(kind)!.get(id) ?? this.base.listOf(kind, id);
  }

  accountStatus(accountId: string): string | undefined {
    return this.accounts.get(accountId) ?? this.base.accountStatus(accountId);
  }

  identityStatus(identityId: string): string | undefined {
    return this.identities.get(identityId) ?? this.base.identityStatus(identityId);
  }

  setAccountStatus(accountId: string, status: string): void {
    this.accounts.set(accountId, status);
  }

  setIdentityStatus(identityId: string, status: string): void {
    this.identities.set(identityId, status);
  }

  /** The edge from `from` to `to` in a forward list, if any. */
  find(forward: ListKey, to: string): TimedEdge | undefined {
    return this.list(forward).find((e) => e.to === to);
  }

  /** Adds (or replaces) the edge in its forward and backward lists. */
  put(forward: ListKey, backward: ListKey | null, edge: TimedEdge): void {
    this.remove(forward, backward, edge.from, edge.to);
    this.edit(forward, (list) => [...list, edge]);
    if (backward) this.edit(backward, (list) => [...list, edge]);
  }

  remove(forward: ListKey, backward: ListKey | null, from: string, to: string): void {
    const same = (e: TimedEdge) => e.from === from && e.to === to;
    if (this.list(forward).some(same)) this.edit(forward, (list) => list.filter((e) => !same(e)));
    if (backward && this.list(backward).some(same)) this.edit(backward, (list) => list.filter((e) => !same(e)));
  }

  private edit(key: ListKey, change: (list: readonly TimedEdge[]) => TimedEdge[]): void {
    const [kind, id] = splitKey(key);
    this.lists.get(kind)!.set(id, change(this.listOf(kind, id)).sort(byTarget));
  }
}
