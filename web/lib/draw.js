// Draws a GraphModel with Cytoscape.js: layered (breadth-first from the roots), pan and zoom with
// mouse or buttons, and click-through to the identity view or the entitlement's holders.
import cytoscape from '../vendor/cytoscape.mjs';
import { identityLink, link } from './api.js';
import { h } from './dom.js';

// Fills and borders keep 4.5:1 against the label text; kinds differ by shape as well as colour.
const STYLE = [
  { selector: 'node', style: {
    label: 'data(label)', 'font-size': 11, color: '#16181d', 'text-valign': 'bottom', 'text-margin-y': 4,
    'text-wrap': 'wrap', 'text-max-width': 130, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
    'text-background-padding': 1, width: 26, height: 26, 'border-width': 2 } },
  { selector: 'node.identity', style: { shape: 'ellipse', 'background-color': '#cfe0fa', 'border-color': '#0a4fb4' } },
  { selector: 'node.account', style: { shape: 'round-rectangle', 'background-color': '#e4e7ec', 'border-color': '#4a5160' } },
  { selector: 'node.group', style: { shape: 'round-hexagon', 'background-color': '#d5eddc', 'border-color': '#12612f' } },
  { selector: 'node.entitlement', style: { shape: 'diamond', 'background-color': '#ffe7a8', 'border-color': '#7a4b00', width: 30, height: 30 } },
  { selector: 'node.root', style: { 'border-width': 5, width: 34, height: 34, 'font-weight': 'bold' } },
  { selector: 'node.loses', style: { 'border-color': '#a1131b', 'border-width': 5 } },
  { selector: 'node.lost', style: { 'background-color': '#f7c6cb', 'border-color': '#a1131b' } },
  { selector: 'node.gains', style: { 'border-color': '#12612f', 'border-width': 6, 'border-style': 'double' } },
  { selector: 'node.gained', style: { 'background-color': '#c9ecd4', 'border-color': '#12612f' } },
  { selector: 'node.removed', style: { 'border-style': 'dashed', 'border-color': '#a1131b', 'border-width': 4 } },
  { selector: 'edge', style: {
    width: 2, 'line-color': '#6b7485', 'target-arrow-color': '#6b7485', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier',
    label: 'data(label)', 'font-size': 9, color: '#3b4250', 'text-background-color': '#fbfcfd', 'text-background-opacity': 1 } },
  { selector: 'edge.control', style: { width: 5, 'line-color': '#6a1b9a', 'target-arrow-color': '#6a1b9a', color: '#4a126b' } },
  { selector: 'edge.removed', style: { width: 4, 'line-style': 'dashed', 'line-color': '#a1131b', 'target-arrow-color': '#a1131b', color: '#a1131b' } },
  { selector: 'edge.added', style: { width: 5, 'line-color': '#12612f', 'target-arrow-color': '#12612f', color: '#0c4420' } },
  { selector: 'node:selected', style: { 'overlay-color': '#0a4fb4', 'overlay-opacity': 0.2 } },
];

export const LEGEND = [
  ['#cfe0fa', 'identity (circle)'], ['#e4e7ec', 'account (rounded box)'], ['#d5eddc', 'group or role (hexagon)'], ['#ffe7a8', 'entitlement (diamond)'],
];

export function hrefFor(data) {
  if (data.kind === 'IDENTITY') return identityLink(data.entityId);
  if (data.kind === 'ENTITLEMENT') return link('picture', { entitlement: data.entityId });
  return null;
}

/** Draws into `container`; returns the zoom/fit controls to place beside it. */
export function draw(container, model, rootKeys) {
  const cy = cytoscape({
    container, elements: model.elements(), style: STYLE, minZoom: 0.05, maxZoom: 4,
    // Breadth-first from the roots gives one layer per hop; turned on its side so a path reads left
    // to right like a sentence and a wide fan of holders stacks down the page instead of across it.
    layout: { name: 'breadthfirst', directed: false, roots: rootKeys, spacingFactor: 1.1, avoidOverlap: true, nodeDimensionsIncludeLabels: true, padding: 20,
      transform: (_node, p) => ({ x: p.y * 1.6, y: p.x * 0.7 }) },
  });
  // Fitting a few hundred nodes shrinks labels to specks: open at a readable zoom instead, on the
  // change a simulation makes if there is one, else at the first root; "Fit" shows everything.
  const READABLE = 0.75;
  if (cy.zoom() < READABLE) {
    cy.zoom(READABLE);
    const changed = cy.elements('.removed, .added');
    if (changed.length) cy.center(changed);
    else {
      // The top-left of the picture: the left-most layer (the roots), from its top.
      const box = cy.elements().boundingBox();
      cy.pan({ x: 40 - box.x1 * READABLE, y: 40 - box.y1 * READABLE });
    }
  }
  cy.on('tap', 'node', (evt) => {
    const href = hrefFor(evt.target.data());
    if (href) location.assign(href);
  });
  cy.on('mouseover', 'node', (evt) => { container.style.cursor = hrefFor(evt.target.data()) ? 'pointer' : 'default'; });
  cy.on('mouseout', 'node', () => { container.style.cursor = 'default'; });
  // Read-only view of what was drawn, for the end-to-end tests and for debugging in devtools.
  window.whohasPicture = {
    nodes: () => cy.nodes().map((n) => ({ kind: n.data('kind'), id: n.data('entityId'), label: n.data('label'), classes: n.classes(), at: n.renderedPosition() })),
    edges: () => cy.edges().map((e) => ({ source: e.source().data('entityId'), target: e.target().data('entityId'), type: e.data('label'), classes: e.classes() })),
  };
  const zoom = (f) => cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: container.clientWidth / 2, y: container.clientHeight / 2 } });
  return h('div', { class: 'wh-controls', role: 'group', 'aria-label': 'Picture zoom' },
    h('button', { type: 'button', class: 'wh-secondary', onclick: () => zoom(1.25) }, 'Zoom in'), ' ',
    h('button', { type: 'button', class: 'wh-secondary', onclick: () => zoom(0.8) }, 'Zoom out'), ' ',
    h('button', { type: 'button', class: 'wh-secondary', onclick: () => cy.fit(undefined, 20) }, 'Fit'));
}
