import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError, getVariableValues, isListType, getNullableType, Kind,
  type ASTNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE, MAX_PAGE } from '../src/read/page';
import { CostMemo } from './cost-memo';

export interface QueryLimits {
  /** Deepest selection nesting, fragments expanded (introspection's own query needs about 13). */
  maxDepth: number;
  /** Aliased fields in one document: aliases multiply work without growing the query much. */
  maxAliases: number;
  /** Estimated cost (see `costEstimator`); a request over it is refused before anything runs. */
  maxCost: number;
}

/**
 * A list without a `first` argument is costed as this many items (paths per grant, hops per path,
 * accounts per identity: usually a handful). A connection's own `edges` list is already paid for by `first`.
 */
const UNPAGED_LIST_ITEMS = 3;
const CONNECTION_LISTS = new Set(['edges', 'nodes']);

function refuse(message: string, node?: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: node ? [node] : undefined, extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

/**
 * Depth with fragments expanded (a fragment used in itself is already refused by graphql-js's own
 * NoFragmentCycles rule, which runs first). Small own code: graphql-depth-limit has been unmaintained since 2018.
 */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>(
      context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    const depthOf = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth - 1;
      if (depth > maxDepth) return depth; // deep enough to refuse; no need to walk further
      let deepest = depth;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) deepest = Math.max(deepest, depthOf(sel.selectionSet, depth + 1, seen));
        else if (sel.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(sel.selectionSet, depth, seen));
        else if (!seen.has(sel.name.value)) {
          const frag = fragments.get(sel.name.value);
          if (frag) deepest = Math.max(deepest, depthOf(frag.selectionSet, depth, new Set([...seen, sel.name.value])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(op) {
        const depth = depthOf(op.selectionSet, 1, new Set());
        if (depth > maxDepth) context.reportError(refuse(`The query is nested ${depth} levels deep; at most ${maxDepth} are allowed`, op));
      },
    };
  };
}

export function aliasLimit(maxAliases: number): ValidationRule {
  return (context: ValidationContext) => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === maxAliases + 1) context.reportError(refuse(`The query uses more than ${maxAliases} aliases`, node));
      },
    };
  };
}

/**
 * Cost: every field costs 1 plus its children; a connection costs its children once per item asked
 * for (`first`, default DEFAULT_PAGE); a plain list is costed as UNPAGED_LIST_ITEMS items. Nested
 * connections multiply, which is the shape that can make one request read the whole graph.
 */
export const costEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  // Capped at MAX_PAGE: a larger `first` is refused by the resolver with a clearer BAD_USER_INPUT.
  if (typeof args.first === 'number') return 1 + Math.min(Math.max(args.first, 1), MAX_PAGE) * childComplexity;
  if (field.args.some((a) => a.name === 'first')) return 1 + DEFAULT_PAGE * childComplexity;
  if (isListType(getNullableType(field.type)) && !CONNECTION_LISTS.has(field.name)) return 1 + UNPAGED_LIST_ITEMS * childComplexity;
  return 1 + childComplexity;
};

/** Runs after the operation is parsed, validated and chosen, with the request's variables, before any resolver. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  const memo = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          let cost: number;
          try {
            const variables = request.variables ?? {};
            cost = memo.cost(document, request.operationName, variables, () =>
              getComplexity({ schema, query: document, variables, operationName: request.operationName ?? undefined, estimators: [costEstimator] }),
            );
          } catch (e) {
            // Variables the operation refuses are the client's mistake, which execution reports as
            // BAD_USER_INPUT naming the variable, before any resolver runs: nothing to cost. Checked
            // only here, so a well-formed request does not coerce its variables once more.
            if (operation && 'errors' in getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {})) return;
            // Otherwise e.g. too many nodes once fragments are expanded (the library stops at 10,000)
            throw new GraphQLError(`The query cannot be costed: ${e instanceof Error ? e.message : String(e)}`, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
          }
          if (cost > maxCost) {
            throw new GraphQLError(`The query's estimated cost is ${cost}; at most ${maxCost} is allowed (ask for smaller pages or fewer nested lists)`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
