// What each kind of access picture asks the API, and how it becomes a GraphModel. Each source
// returns { heading, intro, model, roots, notes }: roots are laid out first (top), notes are
// plain-text facts shown beside the picture.
import { gql } from './api.js';
import { controlEdge, GraphModel, nodeKey } from './graph-model.js';

const HOPS = 'hops { kind id name edge direction }';

export async function explainSource(identityId, entitlementId) {
  const { explainAccess: x, identity, entitlement } = await gql(`query PictureExplain($i: ID!, $e: ID!) {
    explainAccess(identityId: $i, entitlementId: $e) { granted summary paths { ${HOPS} } nearMisses { path { ${HOPS} } blockers { kind hopIndex reason } } }
    identity(id: $i) { id displayName } entitlement(id: $e) { id name }
  }`, { i: identityId, e: entitlementId });
  const model = new GraphModel();
  for (const p of x.paths) model.addPath(p.hops, { lastClasses: ['target'] });
  const notes = [x.summary];
  if (!x.granted) {
    for (const nm of x.nearMisses) model.addPath(nm.path.hops, { edgeClasses: () => ['removed'] });
    for (const nm of x.nearMisses) notes.push(...nm.blockers.map((b) => `Blocked: ${b.reason}`));
  }
  model.node('IDENTITY', identityId, identity ? identity.displayName : identityId, ['root']);
  return {
    heading: `Why ${identity ? identity.displayName : identityId} ${x.granted ? 'has' : 'does not have'} ${entitlement ? entitlement.name : entitlementId}`,
    intro: `${x.paths.length} path${x.paths.length === 1 ? '' : 's'}${x.granted ? '' : ` (and ${x.nearMisses.length} blocked near miss${x.nearMisses.length === 1 ? '' : 'es'}, dashed)`}.`,
    model, roots: [nodeKey('IDENTITY', identityId)], notes, paths: x.paths,
  };
}

export async function whoHasSource(entitlementId) {
  const { whoHas, entitlement } = await gql(`query PictureWhoHas($e: ID!) {
    entitlement(id: $e) { id name system { name } }
    whoHas(entitlementId: $e, first: 100) { totalCount edges { node { identity { id displayName } paths { ${HOPS} } } } }
  }`, { e: entitlementId });
  const model = new GraphModel();
  const roots = [];
  for (const { node } of whoHas.edges) {
    model.node('IDENTITY', node.identity.id, node.identity.displayName, ['root']);
    roots.push(nodeKey('IDENTITY', node.identity.id));
    for (const p of node.paths) model.addPath(p.hops, { lastClasses: ['target'] });
  }
  const shown = whoHas.edges.length;
  return {
    heading: `Who has ${entitlement ? entitlement.name : entitlementId}${entitlement && entitlement.system ? ` (${entitlement.system.name})` : ''}`,
    intro: `${whoHas.totalCount} holder${whoHas.totalCount === 1 ? '' : 's'}${shown < whoHas.totalCount ? `; the first ${shown} are drawn` : ''}.`,
    model, roots, notes: [],
  };
}

export async function sodSource(identityId, ruleId) {
  const { sodViolations, identity } = await gql(`query PictureSod($i: ID!, $r: ID!) {
    identity(id: $i) { id displayName }
    sodViolations(identityId: $i, ruleId: $r, includeMitigated: true, first: 1) {
      edges { node { kind mitigated rule { id name severity description }
        left { entitlementId holderId viaControl paths { ${HOPS} } }
        right { entitlementId holderId viaControl paths { ${HOPS} } } } }
    }
  }`, { i: identityId, r: ruleId });
  const v = sodViolations.edges[0] && sodViolations.edges[0].node;
  const model = new GraphModel();
  const name = identity ? identity.displayName : identityId;
  if (!v) {
    model.node('IDENTITY', identityId, name, ['root']);
    return { heading: `No violation of ${ruleId} by ${name}`, intro: 'The rule is not broken by this identity now.', model, roots: [nodeKey('IDENTITY', identityId)], notes: [] };
  }
  for (const [side, holdings] of [['A', v.left], ['B', v.right]]) {
    for (const hold of holdings) {
      for (const p of hold.paths) {
        model.addPath(p.hops, { edgeClasses: controlEdge, lastClasses: [`side-${side.toLowerCase()}`] });
        const last = p.hops[p.hops.length - 1];
        const n = model.nodes.get(nodeKey(last.kind, last.id));
        if (n && !n.label.endsWith(')')) n.label = `${n.label} (side ${side})`;
      }
    }
  }
  model.node('IDENTITY', identityId, name, ['root']);
  const controlled = [...v.left, ...v.right].filter((x) => x.viaControl).length;
  return {
    heading: `${v.rule.name}: ${name}`,
    intro: `${v.kind} violation of rule ${v.rule.id} (${v.rule.severity.toLowerCase()})${v.mitigated ? ', mitigated' : ''}. ` +
      `${v.left.length} entitlement${v.left.length === 1 ? '' : 's'} on side A, ${v.right.length} on side B` +
      `${controlled ? `; ${controlled} held through a controlled identity (control chain in purple)` : ''}.`,
    model, roots: [nodeKey('IDENTITY', identityId)], notes: v.rule.description ? [v.rule.description] : [],
  };
}

const EDGE_OPS = new Set(['REMOVE_MEMBERSHIP', 'REMOVE_GRANT', 'REVOKE_DELEGATION']);
const ADD_OPS = new Set(['ADD_MEMBERSHIP', 'ADD_GRANT', 'ADD_DELEGATION']);
const NODE_OPS = new Set(['DISABLE_ACCOUNT', 'TERMINATE_IDENTITY']);

export async function simulationSource(id) {
  const { simulation: s } = await gql(`query PictureSimulation($id: ID!) {
    simulation(id: $id) { id summary affectedIdentityCount lostCount gainedCount
      changes { index op status message subjectIds }
      deltas(first: 100) { totalCount edges { node { identity { id displayName }
        lost { entitlement { id name } paths { ${HOPS} } } gained { entitlement { id name } paths { ${HOPS} } } } } } }
  }`, { id });
  const model = new GraphModel();
  if (!s) {
    return { heading: 'Simulation not found', intro: 'The server keeps the last 50 simulations in memory; simulate again.', model, roots: [], notes: [] };
  }
  const applied = (ops) => s.changes.filter((c) => c.status === 'APPLIED' && ops.has(c.op)).map((c) => c.subjectIds.join('|'));
  const removedEdges = applied(EDGE_OPS);
  const addedEdges = applied(ADD_OPS);
  const removedNodes = new Set(s.changes.filter((c) => c.status === 'APPLIED' && NODE_OPS.has(c.op)).map((c) => c.subjectIds[0]));
  const isRemoved = (prev, hop) => {
    const pair = [`${prev.id}|${hop.id}`, `${hop.id}|${prev.id}`];
    return pair.some((p) => removedEdges.includes(p)) ? ['removed'] : [];
  };
  const isAdded = (prev, hop) => (addedEdges.includes(`${prev.id}|${hop.id}`) || addedEdges.includes(`${hop.id}|${prev.id}`) ? ['added'] : []);
  const roots = [];
  for (const { node } of s.deltas.edges) {
    if (!node.lost.length && !node.gained.length) continue;
    const marks = [...(node.lost.length ? ['loses'] : []), ...(node.gained.length ? ['gains'] : [])];
    model.node('IDENTITY', node.identity.id, node.identity.displayName, ['root', ...marks]);
    roots.push(nodeKey('IDENTITY', node.identity.id));
    for (const g of node.lost) for (const p of g.paths) model.addPath(p.hops, { edgeClasses: isRemoved, lastClasses: ['lost'] });
    for (const g of node.gained) for (const p of g.paths) model.addPath(p.hops, { edgeClasses: isAdded, lastClasses: ['gained'] });
  }
  for (const n of model.nodes.values()) if (removedNodes.has(n.id)) n.classes.add('removed');
  const shown = s.deltas.edges.length;
  return {
    heading: `Simulation ${s.id}`,
    intro: `${s.affectedIdentityCount} identit${s.affectedIdentityCount === 1 ? 'y' : 'ies'} affected, ${s.lostCount} grants lost, ${s.gainedCount} gained` +
      `${shown < s.deltas.totalCount ? `; the first ${shown} identities are drawn` : ''}. Removed edges are dashed red and identities that lose access have a red ring; ` +
      'added edges are thick green and identities that gain access have a green double ring.',
    model, roots, notes: [s.summary, ...s.changes.map((c) => `Change ${c.index + 1} (${c.op}, ${c.status.toLowerCase()}): ${c.message}`)],
  };
}
