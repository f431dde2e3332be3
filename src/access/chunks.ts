/**
 * Identities in chunks of about `size` for the index build, each chunk closed under delegation:
 * delegated access is computed from the delegator's (computeAccessFor's precondition), so everyone
 * joined by delegation edges, either way, lands in one chunk. Components are packed whole, in the
 * order of their first identity; a component larger than `size` is one chunk of its own.
 */
export function delegationChunks(identities: readonly string[], delegations: ReadonlyArray<{ from: string; to: string }>, size: number): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps later finds short on long delegation chains.
    for (let y = x; y !== root; ) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  for (const id of identities) parent.set(id, id);
  for (const d of delegations) {
    if (!parent.has(d.from)) parent.set(d.from, d.from);
    if (!parent.has(d.to)) parent.set(d.to, d.to);
    const [a, b] = [find(d.from), find(d.to)];
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const components = new Map<string, string[]>();
  for (const id of [...parent.keys()].sort()) {
    const root = find(id);
    const list = components.get(root);
    if (list) list.push(id);
    else components.set(root, [id]);
  }
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const members of components.values()) {
    if (current.length && current.length + members.length > size) {
      chunks.push(current);
      current = [];
    }
    current.push(...members);
  }
  if (current.length) chunks.push(current);
  return chunks;
}
