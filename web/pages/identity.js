import '../lib/shell.js';
import { gql, identityLink, link } from '../lib/api.js';
import { errorBox, h, param, render, section, table, when } from '../lib/dom.js';
import { accessSection, peerSection, riskSection } from '../lib/identity-sections.js';

const PERSON = 'id displayName kind';
const QUERY = `query ConsoleIdentity($id: ID!) {
  identity(id: $id) {
    id kind displayName email department title status purpose createdAt terminatedAt attributes
    manager { ${PERSON} } owner { ${PERSON} }
    accounts { id username status lastLoginAt system { id name } }
    delegatedFrom { ${PERSON} } delegatesTo { ${PERSON} }
    effectiveAccess(first: 500) {
      totalCount
      edges { node { entitlement { id name privileged system { id name } } viaDelegation lastUsedAt useCount } }
    }
    risk { score band factors { code weight count } findings { id code severity reason } }
  }
}`;
const PEERS = `query ConsolePeers($id: ID!) {
  peerBaseline(identityId: $id) {
    heldCount outlierCount commonButMissingCount
    group { description peerCount sufficient backedOff }
    entitlements(flaggedOnly: true) { entitlementId coverage peersHolding held outlier commonButMissing entitlement { name } }
  }
}`;
const UPSTREAM = `query ConsoleUpstream($id: ID!) { identity(id: $id) { ${PERSON} delegatedFrom { ${PERSON} } owner { ${PERSON} } } }`;

const personLink = (p) => (p ? h('a', { href: identityLink(p.id) }, p.displayName) : h('span', { class: 'wh-muted' }, 'none'));

/**
 * Who an agent or service ultimately answers to: follow "acts for" (delegatedFrom) first, else the
 * owner, until a human. Bounded, and stops on a cycle, because delegation data comes from sources.
 */
async function chainToHuman(identity) {
  const chain = [{ who: identity, rel: null }];
  const seen = new Set([identity.id]);
  let cur = identity;
  for (let step = 0; step < 8 && cur.kind !== 'HUMAN'; step++) {
    const next = (cur.delegatedFrom && cur.delegatedFrom[0]) ? { who: cur.delegatedFrom[0], rel: 'acts for' } : cur.owner ? { who: cur.owner, rel: 'owned by' } : null;
    if (!next || seen.has(next.who.id)) break;
    seen.add(next.who.id);
    chain.push(next);
    cur = (await gql(UPSTREAM, { id: next.who.id })).identity;
    if (!cur) break;
  }
  return chain;
}

function profile(i) {
  const facts = [
    ['Id', h('span', { class: 'wh-id' }, i.id)], ['Kind', i.kind.toLowerCase()], ['Status', i.status.toLowerCase()],
    ['Email', i.email], ['Department', i.department], ['Title', i.title], ['Purpose', i.purpose],
    ['Manager', i.manager ? personLink(i.manager) : null], ['Owner', i.owner ? personLink(i.owner) : null],
    ['Created', i.createdAt ? when(i.createdAt) : null], ['Terminated', i.terminatedAt ? when(i.terminatedAt) : null],
    ...Object.entries(i.attributes || {}).map(([k, v]) => [k, String(v)]),
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  return section('Profile', h('dl', { class: 'wh-facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
}

function delegation(i, chain) {
  const parts = [];
  if (chain.length > 1) {
    parts.push(h('p', {}, 'Delegation chain up to the accountable human:'),
      h('ol', { class: 'wh-chain', 'data-testid': 'delegation-chain' },
        chain.map((c) => h('li', { 'data-rel': c.rel || '' }, personLink(c.who), ` (${c.who.kind.toLowerCase()})`))));
    if (chain[chain.length - 1].who.kind !== 'HUMAN') parts.push(h('p', { class: 'wh-error' }, 'The chain does not reach a human.'));
  }
  if (i.delegatedFrom.length) parts.push(h('p', {}, 'Acts for: ', i.delegatedFrom.map((p, n) => [n ? ', ' : '', personLink(p)])));
  if (i.delegatesTo.length) parts.push(h('p', {}, 'Delegates to: ', i.delegatesTo.map((p, n) => [n ? ', ' : '', personLink(p)])));
  return parts.length ? section('Delegation', parts) : null;
}

function accounts(list) {
  return section(`Accounts (${list.length})`, list.length
    ? table(['System', 'Account', 'Status', 'Last login'], list.map((a) => [
      a.system ? a.system.name : '', h('span', { class: 'wh-id' }, a.username || a.id),
      a.status === 'ENABLED' ? 'enabled' : h('span', { class: 'wh-badge bad' }, 'disabled'), when(a.lastLoginAt)]))
    : h('p', { class: 'wh-muted' }, 'No accounts.'));
}

async function main() {
  const id = (param('id') || '').trim();
  if (!id) {
    render(h('p', {}, 'Search for an identity with the box above, then open it.'));
    return;
  }
  try {
    const { identity } = await gql(QUERY, { id });
    if (!identity) {
      render(h('p', { class: 'wh-error', role: 'alert' }, `No identity with id ${id}. `, h('a', { href: link('search', { q: id }) }, 'Search for it')));
      return;
    }
    document.title = `${identity.displayName} · Identity · whohas`;
    document.querySelector('main h1').textContent = identity.displayName;
    const chain = identity.kind === 'HUMAN' ? [] : await chainToHuman(identity);
    render(profile(identity), delegation(identity, chain), accounts(identity.accounts), accessSection(identity),
      riskSection(identity.risk), h('div', { id: 'peers' }, section('Peer coverage', h('p', { class: 'wh-muted' }, 'Loading peers…'))));
    // Separate request: a peer baseline is the slowest part and must not hold up (or fail) the rest.
    try {
      const { peerBaseline } = await gql(PEERS, { id });
      document.getElementById('peers').replaceChildren(peerSection(peerBaseline, identity.id));
    } catch (err) {
      document.getElementById('peers').replaceChildren(section('Peer coverage', errorBox(err)));
    }
  } catch (err) {
    render(errorBox(err));
  }
}

main();
