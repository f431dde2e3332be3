import type { Page } from 'playwright-core';

/** A hop as the API returns it (explainAccess, sodViolations, simulation deltas). */
export interface Hop {
  kind: string;
  id: string;
  name: string;
  edge: string | null;
  direction: string | null;
}

export interface DrawnNode {
  kind: string;
  id: string;
  label: string;
  classes: string[];
  at: { x: number; y: number };
}
export interface DrawnEdge {
  source: string;
  target: string;
  type: string;
  classes: string[];
}

export const sorted = (xs: string[]) => [...new Set(xs)].sort();

/** `KIND|id` of every hop on the paths. */
export const hopNodes = (paths: Hop[][]) => paths.flatMap((hops) => hops.map((h) => `${h.kind}|${h.id}`));

/** `from>EDGE>to` of every edge on the paths, in the edge's own direction (a REVERSE hop points back). */
export const edgeSet = (paths: Hop[][]) =>
  paths.flatMap((hops) => hops.slice(1).map((h, i) => (h.direction === 'REVERSE' ? `${h.id}>${h.edge}>${hops[i].id}` : `${hops[i].id}>${h.edge}>${h.id}`)));

/** What the access picture drew, read from Cytoscape through the page's read-only hook. */
export const pictureNodes = (page: Page) => page.evaluate('window.whohasPicture.nodes()') as Promise<DrawnNode[]>;
export const pictureEdges = (page: Page) => page.evaluate('window.whohasPicture.edges()') as Promise<DrawnEdge[]>;
