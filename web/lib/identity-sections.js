// The identity view's longer sections: effective access by system, risk, peer coverage.
import { link } from './api.js';
import { h, section, table, when } from './dom.js';

const pct = (x) => `${Math.round(x * 100)}%`;

export function accessSection(identity) {
  const grants = identity.effectiveAccess.edges.map((e) => e.node);
  const bySystem = new Map();
  for (const g of grants) {
    const name = g.entitlement.system ? g.entitlement.system.name : '(no system)';
    if (!bySystem.has(name)) bySystem.set(name, []);
    bySystem.get(name).push(g);
  }
  const systems = [...bySystem.keys()].sort();
  const total = identity.effectiveAccess.totalCount;
  return section(`Effective access (${total})`,
    total > grants.length ? h('p', { class: 'wh-muted' }, `Showing the first ${grants.length} of ${total}.`) : null,
    grants.length ? null : h('p', { class: 'wh-muted' }, 'No effective access.'),
    systems.map((s) => [
      h('h3', {}, `${s} (${bySystem.get(s).length})`),
      table(['Entitlement', 'Last used', 'How', 'Why'], bySystem.get(s).map((g) => [
        [g.entitlement.name, ' ', g.entitlement.privileged ? h('span', { class: 'wh-badge bad' }, 'privileged') : ''],
        g.lastUsedAt ? `${when(g.lastUsedAt)} (${g.useCount}×)` : 'never used',
        g.viaDelegation ? 'via delegation' : 'own',
        h('a', { href: link('picture', { identity: identity.id, entitlement: g.entitlement.id }), 'aria-label': `Why does ${identity.displayName} have ${g.entitlement.name}?` }, 'paths'),
      ])),
    ]));
}

export function riskSection(risk) {
  return section('Risk',
    h('p', {}, 'Score ', h('strong', {}, String(Math.round(risk.score))), ' of 100 · band ', h('strong', {}, risk.band.toLowerCase())),
    risk.factors.length
      ? table(['Factor', 'Points', 'Findings'], risk.factors.map((f) => [f.code, f.weight.toFixed(1), String(f.count)]), 'Risk factors, heaviest first')
      : h('p', { class: 'wh-muted' }, 'No risk factors.'),
    risk.findings.length
      ? [h('h3', {}, `Findings (${risk.findings.length})`), h('ul', { class: 'wh-list' }, risk.findings.map((f) =>
        h('li', {}, h('span', { class: `wh-badge${f.severity === 'LOW' ? '' : ' bad'}` }, f.severity.toLowerCase()), ' ', h('code', {}, f.code), ' — ', f.reason)))]
      : h('p', { class: 'wh-muted' }, 'No findings.'));
}

export function peerSection(baseline, identityId) {
  const g = baseline.group;
  const rows = baseline.entitlements.map((e) => [
    e.entitlement ? e.entitlement.name : e.entitlementId,
    e.held ? 'held' : 'not held',
    `${pct(e.coverage)} (${e.peersHolding} of ${g.peerCount})`,
    e.outlier ? h('span', { class: 'wh-badge bad' }, 'outlier') : e.commonButMissing ? h('span', { class: 'wh-badge' }, 'common, missing') : '',
    e.held ? h('a', { href: link('picture', { identity: identityId, entitlement: e.entitlementId }) }, 'paths') : '',
  ]);
  return section('Peer coverage',
    h('p', {}, `Compared with ${g.peerCount} peers: ${g.description}.`, g.sufficient ? '' : ' Too few peers for a reliable comparison.'),
    h('p', {}, `${baseline.heldCount} entitlements held; ${baseline.outlierCount} outliers; ${baseline.commonButMissingCount} common but missing.`),
    rows.length ? table(['Entitlement', 'Held', 'Peers holding', 'Flag', 'Why'], rows, 'Flagged entitlements only') : h('p', { class: 'wh-muted' }, 'Nothing unusual against peers.'));
}
