import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { projectRoot } from '../paths';
import { CONSOLE_PAGES, escapeHtml, shellHtml } from './console-shell';

/**
 * The web console: search, identity view, access pictures and the copilot chat. Plain ES modules
 * from web/ and Cytoscape.js from node_modules, loaded by the browser as they are: no bundler, no
 * build step, nothing fetched from outside this origin (the CSP makes the browser enforce that).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Cytoscape sizes its canvas layers with style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const PAGE_HEADERS = { 'Content-Security-Policy': CONSOLE_CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };

/** The ES module build, found beside the CommonJS entry (the package's exports hide package.json). */
function cytoscapeFile(): string {
  return join(dirname(require.resolve('cytoscape')), 'cytoscape.esm.min.mjs');
}

function page(base: string, name: keyof typeof CONSOLE_PAGES): string {
  const b = escapeHtml(base);
  const title = CONSOLE_PAGES[name];
  return `<!doctype html>
<html lang="en" data-base="${b}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · whohas</title>
<link rel="stylesheet" href="${b}/console/assets/shell.css">
<link rel="stylesheet" href="${b}/console/assets/console.css">
</head>
<body data-page="${name}">
${shellHtml(base, name)}
<main id="main" tabindex="-1">
<h1>${title}</h1>
<div id="app" aria-live="polite"><p class="wh-muted">Loading…</p></div>
</main>
<script type="module" src="${b}/console/assets/pages/${name}.js"></script>
</body>
</html>
`;
}

export function consoleRouter(): Router {
  const router = Router();
  const webDir = join(projectRoot(), 'web');
  const cytoscape = readFileSync(cytoscapeFile());

  router.get('/console', (req: Request, res: Response) => res.redirect(302, `${req.baseUrl}/console/search`));
  for (const name of Object.keys(CONSOLE_PAGES) as Array<keyof typeof CONSOLE_PAGES>) {
    router.get(`/console/${name}`, (req: Request, res: Response) => {
      res.set(PAGE_HEADERS).type('html').send(page(req.baseUrl, name));
    });
  }
  router.get('/console/assets/vendor/cytoscape.mjs', (_req: Request, res: Response) => {
    res.set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).type('text/javascript').send(cytoscape);
  });
  // no-cache = revalidate by ETag: the files are small and change with the server version.
  router.use('/console/assets', express.static(webDir, { index: false, dotfiles: 'ignore', fallthrough: false, cacheControl: false,
    setHeaders: (res) => res.set({ 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }) }));
  return router;
}
