/**
 * The header every console page shares (the playground included): navigation, the search box and
 * the API key field. Server-rendered so navigation and search work before (or without) any script.
 */
export const CONSOLE_PAGES = {
  search: 'Search',
  identity: 'Identity',
  picture: 'Access picture',
  chat: 'Copilot',
} as const;
export type ConsolePage = keyof typeof CONSOLE_PAGES | 'playground';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function shellHtml(base: string, current: ConsolePage): string {
  const b = escapeHtml(base);
  const links: Array<[ConsolePage, string, string]> = [
    ['search', 'Search', `${b}/console/search`],
    ['chat', 'Copilot', `${b}/console/chat`],
    ['picture', 'Access picture', `${b}/console/picture`],
    ['playground', 'Playground', `${b}/playground`],
  ];
  const nav = links
    .map(([page, label, href]) => `<li><a href="${href}"${page === current ? ' aria-current="page"' : ''}>${label}</a></li>`)
    .join('');
  return `<a class="wh-skip" href="#main">Skip to content</a>
<header class="wh-shell">
  <a class="wh-brand" href="${b}/console/search">whohas</a>
  <nav aria-label="Console"><ul>${nav}</ul></nav>
  <form class="wh-search" role="search" action="${b}/console/search" method="get">
    <label for="wh-q">Search</label>
    <input id="wh-q" name="q" type="search" placeholder="Name, email or id" autocomplete="off" maxlength="200" required>
    <button type="submit">Find</button>
  </form>
  <form class="wh-key" id="wh-key-form">
    <label for="wh-api-key">API key</label>
    <input id="wh-api-key" type="password" autocomplete="off" spellcheck="false" aria-describedby="wh-key-help">
    <span id="wh-key-help" class="wh-help">Sent as <code>Authorization: Bearer</code>; kept in this browser</span>
  </form>
</header>`;
}
