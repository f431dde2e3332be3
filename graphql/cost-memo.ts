import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';

/** Costs kept per document: one per combination of the values its cost depends on (page sizes, skip/include flags). */
const COSTS_PER_DOCUMENT = 64;

function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) for (const item of value.values) variablesIn(item, into);
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) variablesIn(field.value, into);
}

/**
 * The variables an operation's estimated cost can depend on: those in a `first` argument (the
 * cost estimator reads only that one) or in a directive's argument (`@skip`, `@include` decide
 * what is costed at all). Every other variable (the ids asked about) leaves the cost as it is.
 */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Field(node) {
      for (const arg of node.arguments ?? []) if (arg.name.value === 'first') variablesIn(arg.value, names);
    },
    Directive(node) {
      for (const arg of node.arguments ?? []) variablesIn(arg.value, names);
    },
  });
  return [...names].sort();
}

/**
 * Estimated costs by document and by the values of its cost variables. Costing walks the whole
 * operation: 5% of the server's thread under the bench's mixed reads, where the same few documents
 * come again and again with other ids. Apollo hands over the same document object for the same
 * query text (its parsed-document cache), so a document that goes out of that cache goes from here too.
 */
export class CostMemo {
  private readonly byDocument = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();

  cost(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, compute: () => number): number {
    let entry = this.byDocument.get(document);
    if (!entry) this.byDocument.set(document, (entry = { variables: costVariables(document), costs: new Map() }));
    // A variable left out and one given as null can cost differently (a default applies to the first only).
    const key = JSON.stringify([operationName ?? null, ...entry.variables.map((name) => (Object.hasOwn(variables, name) ? [variables[name]] : 0))]);
    const known = entry.costs.get(key);
    if (known !== undefined) return known;
    const cost = compute();
    if (entry.costs.size >= COSTS_PER_DOCUMENT) entry.costs.delete(entry.costs.keys().next().value as string);
    entry.costs.set(key, cost);
    return cost;
  }
}
