import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package; CI installs it (.ci/run). Another binary: WHOHAS_CHROMIUM. */
export const CHROMIUM = process.env.WHOHAS_CHROMIUM ?? '/usr/bin/chromium';

// Nothing may reach the network but the test server: no updates, sync, QUIC probes or first-run pages.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Why browser tests cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set WHOHAS_CHROMIUM); browser tests skipped`;
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, thrown away on close. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'whohas-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 }, timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Everything a page did wrong: script errors, console errors, and any request that left the server's origin. */
export function watchPage(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`request outside the server: ${url}`);
  });
  return problems;
}

// Runs in the page (the test build has no DOM types, so it is kept as text).
const CONTRAST_IN_PAGE = `(sel) => {
  const rgba = (c) => {
    const p = ((c.match(/rgba?\\(([^)]+)\\)/) || [])[1] || '0,0,0,0').split(/[\\s,/]+/).filter(Boolean).map(Number);
    return { rgb: p.slice(0, 3), a: p.length > 3 ? p[3] : 1 };
  };
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.a >= 0.99) return c.rgb;
    }
    return [255, 255, 255];
  };
  const top = document.querySelector(sel);
  if (!top) return ['no element matches ' + sel];
  const failures = [];
  for (const el of [top, ...top.querySelectorAll('*')]) {
    if (el.closest('canvas, #graph, script, style, noscript')) continue;
    const text = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
    if (!text) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || box.right < 0 || box.bottom < 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    const [l1, l2] = [lum(rgba(style.color).rgb), lum(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push(el.tagName.toLowerCase() + ' "' + text.slice(0, 40) + '": ' + ratio.toFixed(2) + ':1');
  }
  return failures;
}`;

/**
 * WCAG AA contrast of every visible text under `root` against the first opaque background behind
 * it: 4.5:1, or 3:1 for large text (24px, or 18.66px bold). Returns the failures, described.
 */
export function contrastFailures(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate(`(${CONTRAST_IN_PAGE})(${JSON.stringify(root)})`) as Promise<string[]>;
}
