import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

function selects(selections: readonly SelectionNode[], fragments: Record<string, FragmentDefinitionNode>, path: readonly string[]): boolean {
  for (const s of selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value !== path[0]) continue;
      if (path.length === 1) return true;
      if (s.selectionSet && selects(s.selectionSet.selections, fragments, path.slice(1))) return true;
    } else {
      const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments[s.name.value]?.selectionSet;
      if (inner && selects(inner.selections, fragments, path)) return true;
    }
  }
  return false;
}

/**
 * Whether the caller asked, under the field being resolved, for the field at `path` (by field name,
 * through aliases and fragments). `@skip`/`@include` are not evaluated: a field they drop still
 * counts, which only costs a read that was not needed.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && selects(node.selectionSet.selections, info.fragments, path));
}
