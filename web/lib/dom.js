// Builds DOM nodes from data. Text always goes in as textContent, never as HTML, so graph
// names and ids (which come from source systems) cannot inject markup.

/** h('a', { href: '/x', class: 'y' }, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the page body (#app) and keeps screen readers informed through its aria-live. */
export function render(...children) {
  const app = document.getElementById('app');
  app.replaceChildren();
  append(app, children);
}

export function errorBox(err) {
  const code = err && err.code ? `${err.code}: ` : '';
  return h('p', { class: 'wh-error', role: 'alert' }, code + (err && err.message ? err.message : String(err)));
}

export function when(iso) {
  if (!iso) return 'never';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

export function section(title, ...children) {
  const id = 'sec-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function table(headers, rows, caption) {
  return h('table', {},
    caption ? h('caption', { class: 'wh-muted' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((cell) => h('td', {}, cell))))));
}
