import '../lib/shell.js';
import { gql, identityLink, link } from '../lib/api.js';
import { errorBox, h, param, render, section } from '../lib/dom.js';

const QUERY = `query ConsoleSearch($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    identities { id kind displayName email department status }
    groups { id name kind system { id name } }
    entitlements { id name kind privileged system { id name } }
  }
}`;

function results(title, items, row) {
  return section(`${title} (${items.length})`,
    items.length ? h('ul', { class: 'wh-list', 'data-results': title.toLowerCase() }, items.map(row)) : h('p', { class: 'wh-muted' }, 'No matches.'));
}

async function main() {
  const text = (param('q') || '').trim();
  if (!text) {
    render(h('p', {}, 'Type a name, email or id in the search box above: identities, groups and entitlements all match.'));
    document.getElementById('wh-q').focus();
    return;
  }
  document.title = `${text} · Search · whohas`;
  try {
    const { search } = await gql(QUERY, { text, first: 25 });
    render(
      h('p', { class: 'wh-muted' }, `Results for “${text}”. At most 25 of each kind: exact id or email first, then names that start with it.`),
      results('Identities', search.identities, (i) => h('li', {},
        h('a', { href: identityLink(i.id) }, i.displayName), ' ',
        h('span', { class: 'wh-id' }, i.id), ' · ', i.kind.toLowerCase(),
        i.email ? ` · ${i.email}` : '', i.department ? ` · ${i.department}` : '',
        i.status !== 'ACTIVE' ? [' ', h('span', { class: 'wh-badge bad' }, i.status.toLowerCase())] : '')),
      results('Entitlements', search.entitlements, (e) => h('li', {},
        h('a', { href: link('picture', { entitlement: e.id }) }, e.name), ' ',
        h('span', { class: 'wh-id' }, e.id), e.system ? ` · ${e.system.name}` : '',
        e.privileged ? [' ', h('span', { class: 'wh-badge bad' }, 'privileged')] : '',
        h('span', { class: 'wh-muted' }, ' (who has it)'))),
      results('Groups', search.groups, (g) => h('li', {},
        h('strong', {}, g.name), ' ', h('span', { class: 'wh-id' }, g.id),
        g.kind ? ` · ${g.kind.toLowerCase().replace('_', ' ')}` : '', g.system ? ` · ${g.system.name}` : '')),
    );
  } catch (err) {
    render(errorBox(err));
  }
}

main();
