/**
 * GraphQL over real HTTP for the benchmark; an answer with errors fails the run. Every answer is
 * computed (`Cache-Control: no-cache`): a latency figure repeats its questions, and answers kept
 * by the server's response cache would measure the cache instead. The mixed load reports both.
 */
export async function gql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-whohas-client': 'bench', 'cache-control': 'no-cache' },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (json.errors || !json.data) throw new Error(`bench query failed: ${JSON.stringify(json.errors).slice(0, 500)}`);
  return json.data;
}

export const Q = {
  effectiveAccess:
    'query($id:ID!){ identity(id:$id){ effectiveAccess(first:50){ totalCount edges { node { entitlement { id name } viaDelegation paths { hops { kind id name edge } } } } } } }',
  whoHas: 'query($e:ID!){ whoHas(entitlementId:$e, first:50){ totalCount edges { node { identity { id displayName } paths { hops { kind id } } } } } }',
  explainAccess: 'query($i:ID!,$e:ID!){ explainAccess(identityId:$i, entitlementId:$e){ granted summary paths { hops { kind id name edge } } } }',
  peerBaseline:
    'query($id:ID!){ peerBaseline(identityId:$id){ group { grouping peerCount backedOff } heldCount outlierCount commonButMissingCount entitlements(flaggedOnly:true){ entitlement { id } coverage held } } }',
  identity: 'query($id:ID!){ identity(id:$id){ id displayName department title accounts { id status system { name } } } }',
};
