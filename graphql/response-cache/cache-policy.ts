import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * The fields a cached answer may contain, as `Type.field`. Everything else (risk, peers,
 * simulations, SoD, delegations, copilot, introspection, ...) leaves the whole answer uncached:
 * each field here was checked to depend only on the store's content, or on it and the clock in a
 * way its resolver reports (TIMED_FIELDS). Add a field only after the same check.
 */
const STORE_ONLY_FIELDS = new Set([
  'Query.identity', 'Query.entitlement', 'Query.account', 'Query.group', 'Query.system',
  ...fields('Identity', 'id kind displayName email department title status purpose createdAt terminatedAt attributes manager owner accounts'),
  ...fields('Account', 'id username status createdAt lastLoginAt identityEmail system identity'),
  ...fields('System', 'id name criticality owner'),
  ...fields('Entitlement', 'id name kind privileged sensitivity description system'),
  ...fields('Group', 'id name kind description system'),
  ...fields('AccessConnection', 'edges pageInfo totalCount'),
  ...fields('AccessEdge', 'cursor node'),
  ...fields('PageInfo', 'hasNextPage hasPreviousPage startCursor endCursor'),
  ...fields('AccessGrant', 'viaDelegation lastUsedAt useCount identity entitlement paths'),
  ...fields('AccessPath', 'hops expiresAt viaDelegation'),
  ...fields('AccessHop', 'kind id name edge direction expiresAt'),
  ...fields('AccessExplanation', 'granted paths nearMisses summary viaDelegation'),
  ...fields('NearMiss', 'path blockers'),
  ...fields('AccessBlocker', 'kind hopIndex expiredAt scope reason'),
]);

/**
 * Fields whose answer also depends on the request's `now` (grants and paths expire): their
 * resolvers report until when it holds (AnswerValidity.until), or refuse.
 */
export const TIMED_FIELDS = new Set(['Identity.effectiveAccess', 'Query.whoHas', 'Query.explainAccess']);

function fields(type: string, names: string): string[] {
  return names.split(' ').map((n) => `${type}.${n}`);
}

/** What the response cache may do with one document: `timed` lists the time-dependent fields it selects. */
export type DocumentPolicy = { cacheable: false } | { cacheable: true; timed: string[] };

const policies = new WeakMap<DocumentNode, DocumentPolicy>();

/**
 * Whether answers to `document` may be reused, from every field it names (in every operation and
 * fragment, skipped or not: a document is judged whole). Kept per document object, which Apollo
 * reuses for the same query text.
 */
export function documentPolicy(schema: GraphQLSchema, document: DocumentNode): DocumentPolicy {
  let policy = policies.get(document);
  if (!policy) policies.set(document, (policy = judge(schema, document)));
  return policy;
}

function judge(schema: GraphQLSchema, document: DocumentNode): DocumentPolicy {
  const typeInfo = new TypeInfo(schema);
  const timed = new Set<string>();
  let cacheable = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        if (node.operation !== 'query') cacheable = false;
      },
      Field(node) {
        if (node.name.value === '__typename') return;
        const parent = typeInfo.getParentType();
        const coordinate = `${parent?.name ?? '?'}.${node.name.value}`;
        if (TIMED_FIELDS.has(coordinate)) timed.add(coordinate);
        else if (!STORE_ONLY_FIELDS.has(coordinate)) cacheable = false;
      },
    }),
  );
  return cacheable ? { cacheable, timed: [...timed] } : { cacheable: false };
}
