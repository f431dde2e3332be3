import '../lib/shell.js';
import { link } from '../lib/api.js';
import { draw, hrefFor, LEGEND } from '../lib/draw.js';
import { errorBox, h, param, render } from '../lib/dom.js';
import { explainSource, simulationSource, sodSource, whoHasSource } from '../lib/picture-sources.js';

function field(name, label, value) {
  const id = `f-${name}`;
  return h('div', { class: 'wh-field' }, h('label', { for: id }, label), h('input', { id, name, value: value || '', required: true, autocomplete: 'off' }));
}

function forms() {
  const form = (legend, fields) => h('form', { method: 'get', action: link('picture') },
    h('fieldset', {}, h('legend', {}, legend), fields, h('button', { type: 'submit' }, 'Draw')));
  return [
    h('p', {}, 'Draw the paths behind an answer. Identities and entitlements in the picture open their own views.'),
    form('Why does an identity have an entitlement?', [field('identity', 'Identity id', param('identity')), field('entitlement', 'Entitlement id', param('entitlement'))]),
    form('Who has an entitlement?', [field('entitlement', 'Entitlement id')]),
    form('A separation-of-duties violation', [field('sod', 'Identity id'), field('rule', 'Rule id')]),
    form('A what-if simulation', [field('simulation', 'Simulation id')]),
  ];
}

/** The same picture as text: every node, identities and entitlements as links (for keyboard and screen reader users). */
function nodeList(model) {
  const byKind = new Map();
  for (const n of model.nodes.values()) {
    if (!byKind.has(n.kind)) byKind.set(n.kind, []);
    byKind.get(n.kind).push(n);
  }
  const order = ['IDENTITY', 'ACCOUNT', 'GROUP', 'ENTITLEMENT'].filter((k) => byKind.has(k));
  return order.map((kind) => [
    h('h3', {}, `${kind.charAt(0)}${kind.slice(1).toLowerCase()} nodes (${byKind.get(kind).length})`),
    h('ul', { class: 'wh-list', 'data-kind': kind }, byKind.get(kind).map((n) => {
      const href = hrefFor({ kind: n.kind, entityId: n.id });
      const flags = [...n.classes].filter((c) => ['loses', 'lost', 'removed'].includes(c));
      return h('li', { 'data-node': n.key }, href ? h('a', { href }, n.label) : n.label, ' ', h('span', { class: 'wh-id wh-muted' }, n.id),
        flags.length ? ` — ${flags.join(', ')}` : '');
    })),
  ]);
}

async function source() {
  const [identity, entitlement, sod, rule, simulation] = ['identity', 'entitlement', 'sod', 'rule', 'simulation'].map((p) => (param(p) || '').trim());
  if (identity && entitlement) return explainSource(identity, entitlement);
  if (sod && rule) return sodSource(sod, rule);
  if (simulation) return simulationSource(simulation);
  if (entitlement) return whoHasSource(entitlement);
  return null;
}

async function main() {
  try {
    const src = await source();
    if (!src) {
      render(forms());
      return;
    }
    document.title = `${src.heading} · Access picture · whohas`;
    const graph = h('div', { id: 'graph', role: 'img', 'aria-label': `${src.heading}: ${src.model.nodes.size} nodes, ${src.model.edges.size} edges. The same nodes are listed beside the picture.` });
    const controls = h('div');
    render(
      h('h2', {}, src.heading),
      h('p', { 'data-testid': 'picture-intro' }, src.intro),
      h('ul', { class: 'wh-legend', 'aria-label': 'Legend' }, LEGEND.map(([c, label]) => h('li', {}, h('span', { style: `background:${c}` }), label))),
      h('div', { class: 'wh-picture' },
        h('div', {}, controls, graph, h('p', { class: 'wh-muted' }, 'Drag to pan, scroll to zoom; click an identity or entitlement to open it.')),
        h('aside', { class: 'wh-side', 'aria-label': 'Picture details' },
          src.notes.length ? [h('h3', {}, 'Notes'), h('ul', { class: 'wh-list' }, src.notes.map((n) => h('li', {}, n)))] : null,
          nodeList(src.model))),
    );
    // Taller for bigger pictures, so a fan of a few hundred holders opens readable rather than as specks.
    graph.style.height = `${Math.min(90, Math.max(34, Math.round(src.model.nodes.size * 0.9)))}rem`;
    if (src.model.nodes.size) controls.replaceWith(draw(graph, src.model, src.roots));
    else graph.replaceWith(h('p', { class: 'wh-muted' }, 'Nothing to draw.'));
  } catch (err) {
    render(errorBox(err), forms());
  }
}

main();
