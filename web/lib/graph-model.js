// Nodes and edges of an access picture, built from the API's paths. A node is keyed by kind and
// id (an account and an identity may share an id); an edge by its ends and type, so paths that
// share a stretch draw it once.

export const nodeKey = (kind, id) => `${kind}|${id}`;

export class GraphModel {
  constructor() {
    this.nodes = new Map();
    this.edges = new Map();
  }

  node(kind, id, label, classes = []) {
    const key = nodeKey(kind, id);
    let n = this.nodes.get(key);
    if (!n) {
      n = { key, kind, id, label: label || id, classes: new Set() };
      this.nodes.set(key, n);
    }
    for (const c of classes) n.classes.add(c);
    return n;
  }

  edge(from, to, type, classes = []) {
    const key = `${from.key}>${type}>${to.key}`;
    let e = this.edges.get(key);
    if (!e) {
      e = { key, source: from.key, target: to.key, type, classes: new Set() };
      this.edges.set(key, e);
    }
    for (const c of classes) e.classes.add(c);
    return e;
  }

  /**
   * One path, hop by hop. `edgeClasses(prevHop, hop)` may tag an edge (e.g. the control chain).
   * A REVERSE hop walks its edge backwards (a delegate acting for its delegator): the edge is
   * drawn the way it points in the graph, the walk still reads from the identity onwards.
   */
  addPath(hops, { edgeClasses = () => [], lastClasses = [] } = {}) {
    let prev = null;
    hops.forEach((hop, i) => {
      const n = this.node(hop.kind, hop.id, hop.name, i === hops.length - 1 ? lastClasses : []);
      if (prev) {
        const [from, to] = hop.direction === 'REVERSE' ? [n, prev.node] : [prev.node, n];
        this.edge(from, to, hop.edge || 'LINK', edgeClasses(prev.hop, hop));
      }
      prev = { hop, node: n };
    });
  }

  /** Cytoscape's element list. */
  elements() {
    return [
      ...[...this.nodes.values()].map((n) => ({
        group: 'nodes', data: { id: n.key, kind: n.kind, entityId: n.id, label: n.label }, classes: [n.kind.toLowerCase(), ...n.classes].join(' '),
      })),
      ...[...this.edges.values()].map((e) => ({
        group: 'edges', data: { id: e.key, source: e.source, target: e.target, label: e.type }, classes: [...e.classes].join(' '),
      })),
    ];
  }
}

/**
 * The control chain at the start of a REACH path: identity-to-identity hops walked forward (OWNS /
 * DELEGATES_TO). A REVERSE identity hop is a delegate acting for its delegator, not control.
 */
export const controlEdge = (prev, hop) => (prev.kind === 'IDENTITY' && hop.kind === 'IDENTITY' && hop.direction !== 'REVERSE' ? ['control'] : []);
