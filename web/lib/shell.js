// Wires the shared header: the API key field (saved in this browser, sent as a bearer token)
// and the search box (keeps the current query visible on the search page).
import { KEY_STORAGE } from './api.js';

export function initShell() {
  const key = document.getElementById('wh-api-key');
  if (key) {
    try { key.value = localStorage.getItem(KEY_STORAGE) || ''; } catch { /* storage disabled: the key lasts for this page only */ }
    const save = () => {
      try {
        if (key.value.trim()) localStorage.setItem(KEY_STORAGE, key.value.trim());
        else localStorage.removeItem(KEY_STORAGE);
      } catch { /* as above */ }
    };
    key.addEventListener('change', save);
    key.addEventListener('input', save);
    document.getElementById('wh-key-form').addEventListener('submit', (e) => { e.preventDefault(); save(); });
  }
  const q = new URLSearchParams(location.search).get('q');
  const box = document.getElementById('wh-q');
  if (box && q && document.body.dataset.page === 'search') box.value = q;
}

initShell();
