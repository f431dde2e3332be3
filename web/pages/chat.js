import '../lib/shell.js';
import { askCopilot, identityLink, link } from '../lib/api.js';
import { errorBox, h, render } from '../lib/dom.js';

// The conversation lives in sessionStorage: it survives opening a citation and coming back
// (same tab), and ends when the tab closes.
const STORE = 'whohas:copilot';
const state = load();

function load() {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    if (s && Array.isArray(s.messages)) return s;
  } catch { /* unreadable: start over */ }
  return { conversationId: null, messages: [] };
}
function save() {
  try { sessionStorage.setItem(STORE, JSON.stringify(state)); } catch { /* storage full or disabled: keep it in memory */ }
}

/** Where a citation opens: the view of the thing it cites. */
export function citationHref(c) {
  switch (c.kind) {
    case 'ACCESS_PATH': return c.identityId && c.entitlementId ? link('picture', { identity: c.identityId, entitlement: c.entitlementId }) : null;
    case 'SOD_VIOLATION': return c.identityId && c.ruleId ? link('picture', { sod: c.identityId, rule: c.ruleId }) : null;
    case 'SIMULATION': return link('picture', { simulation: c.id });
    case 'IDENTITY': return identityLink(c.id);
    case 'ENTITLEMENT': return link('picture', { entitlement: c.id });
    default:
      if (c.identityId && c.entitlementId) return link('picture', { identity: c.identityId, entitlement: c.entitlementId });
      if (c.identityId) return identityLink(c.identityId);
      return link('search', { q: c.id });
  }
}

let log;
let input;
let sendButton;

function answerBody(m) {
  return [
    h('span', { class: 'wh-text' }, m.text),
    m.citations && m.citations.length ? h('div', { class: 'wh-cites' }, h('strong', {}, 'Sources: '),
      h('ol', { class: 'wh-list', 'aria-label': 'Sources' }, m.citations.map((c) => {
        const href = citationHref(c);
        return h('li', { 'data-citation-kind': c.kind }, href ? h('a', { href }, c.label) : c.label, ` (${c.kind.toLowerCase().replace('_', ' ')})`);
      }))) : null,
    m.followUps && m.followUps.length ? h('div', { class: 'wh-follow' }, h('strong', {}, 'Follow up: '),
      m.followUps.map((f) => h('button', { type: 'button', class: 'wh-secondary', onclick: () => ask(f) }, f))) : null,
    m.error ? errorBox(m.error) : null,
  ];
}

function bubble(m) {
  const who = m.role === 'user' ? 'You' : 'Copilot';
  return h('div', { class: `wh-msg ${m.role}`, 'data-role': m.role }, h('span', { class: 'wh-who' }, who), m.role === 'user' ? m.text : answerBody(m));
}

async function ask(question) {
  question = question.trim();
  if (!question || sendButton.disabled) return;
  state.messages.push({ role: 'user', text: question });
  log.append(bubble(state.messages[state.messages.length - 1]));
  const pending = { role: 'copilot', text: '' };
  const el = bubble(pending);
  el.setAttribute('aria-busy', 'true');
  log.append(el);
  log.scrollTop = log.scrollHeight;
  sendButton.disabled = true;
  const text = el.querySelector('.wh-text');
  try {
    const answer = await askCopilot(question, state.conversationId, (chunk) => {
      text.textContent += chunk;
      log.scrollTop = log.scrollHeight;
    });
    state.conversationId = answer.conversationId;
    Object.assign(pending, { text: answer.text, citations: answer.citations, followUps: answer.followUps, intent: answer.intent });
  } catch (err) {
    pending.error = { code: err.code, message: err.message };
  }
  state.messages.push(pending);
  save();
  el.replaceWith(bubble(pending));
  log.scrollTop = log.scrollHeight;
  sendButton.disabled = false;
  input.value = '';
  input.focus();
}

function main() {
  log = h('div', { class: 'wh-chat-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' }, state.messages.map(bubble));
  input = h('textarea', { id: 'question', rows: '2', maxlength: '2000', required: true, placeholder: 'e.g. Who can approve payments, and why?' });
  sendButton = h('button', { type: 'submit' }, 'Ask');
  const form = h('form', { class: 'wh-chat-form', onsubmit: (e) => { e.preventDefault(); ask(input.value); } },
    h('div', { class: 'wh-field' }, h('label', { for: 'question' }, 'Your question'), input), sendButton);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  const clear = h('button', { type: 'button', class: 'wh-secondary', onclick: () => {
    state.conversationId = null;
    state.messages = [];
    save();
    log.replaceChildren();
    input.focus();
  } }, 'New conversation');
  render(h('p', {}, 'Ask about who has what and why. Answers cite the identities, paths and violations they rest on; open a source to see it.'),
    log, form, h('p', {}, clear));
  log.scrollTop = log.scrollHeight;
}

main();
