import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { projectRoot } from '../paths';
import { escapeHtml, shellHtml } from './console-shell';

/**
 * An offline GraphiQL playground. Every byte the page needs comes from installed npm packages
 * (graphiql 3's self-contained UMD bundle + React 18 UMD builds) so it works on air-gapped
 * machines; a Content-Security-Policy of 'self' makes the browser enforce that too.
 */
export interface PlaygroundOptions {
  /** Where the GraphQL endpoint is, as the browser should fetch it (e.g. '/graphql'). */
  graphqlPath: string;
  title?: string;
}

export interface ExampleOperation {
  /** File name without extension, e.g. 'who-has'. */
  name: string;
  /** The operation text, without the `# variables:` line (that goes to the variables editor). */
  query: string;
  /** Pretty-printed JSON for the variables editor. */
  variables: string;
}

const VARIABLES_LINE = /^[ \t]*#[ \t]*variables:(.*)(?:\r?\n|$)/m;

/** The tab opened first: the question the product is named after. */
const FIRST_OPERATION = 'who-has.graphql';

/** Reads graphql/operations/*.graphql, who-has first then by name, so tab order is stable everywhere. */
export function loadExampleOperations(dir = join(projectRoot(), 'graphql', 'operations')): ExampleOperation[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => Number(b === FIRST_OPERATION) - Number(a === FIRST_OPERATION) || (a < b ? -1 : a > b ? 1 : 0))
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const m = VARIABLES_LINE.exec(text);
      let variables = '';
      if (m) {
        try {
          variables = JSON.stringify(JSON.parse(m[1].trim() || '{}'), null, 2);
        } catch (e) {
          // Fail at startup rather than show a playground with a silently empty variables pane.
          throw new Error(`graphql/operations/${file}: '# variables:' is not valid JSON (${(e as Error).message})`);
        }
      }
      const query = (m ? text.replace(VARIABLES_LINE, '') : text).trim() + '\n';
      return { name: basename(file, '.graphql'), query, variables };
    });
}

interface Asset {
  file: string;
  type: string;
}

/** Absolute path of a file inside an installed package; via package.json so it works from src/ and dist/. */
function packageFile(pkg: string, file: string): { path: string; version: string } {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { path: join(dirname(manifest), file), version };
}

/** The UMD builds the page loads, in load order (graphiql's bundle expects React/ReactDOM globals). */
const VENDOR: Array<{ pkg: string; file: string; type: string }> = [
  { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
  // graphiql 3.8.3's "min" bundle is not actually minified (~3.5 MB); it is local and cached for a year.
  { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
];

/** Boot script. Kept out of the HTML so the CSP can forbid inline scripts; config arrives as inert JSON. */
const BOOT_JS = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('whohas-playground-config').textContent);
  // Own namespace so tabs don't mix with any other GraphiQL served from the same origin.
  var storage = GraphiQL.createLocalStorage({ namespace: 'whohas-playground' });
  // GraphiQL 3 stores each tab's variables but, on a reload, opens the active tab with an empty
  // variables editor (so the examples failed with "variable not provided"); hand them back ourselves.
  var stored = null;
  try { stored = JSON.parse(storage.getItem('graphiql:tabState') || 'null'); } catch (e) { stored = null; }
  var activeTab = stored && stored.tabs ? stored.tabs[stored.activeTabIndex || 0] : null;
  var initialVariables = activeTab ? activeTab.variables || undefined : config.tabs.length ? config.tabs[0].variables : undefined;
  // GraphiQL headers are per tab, and introspection uses the open tab's headers, so a token
  // pasted once would be missing from every other tab (and break docs/autocomplete on reload).
  // Remember the last Authorization sent and add it to requests whose tab sets none; a tab
  // can opt out with "Authorization": "". Kept in GraphiQL's storage so "clear storage" drops it.
  // The header's API key field (shared with the console, kept in localStorage) comes next: a
  // tab's own Authorization wins, then the typed key as a bearer token, then the remembered one.
  var baseFetcher = GraphiQL.createFetcher({ url: config.graphqlPath });
  function apiKey() {
    try { return (window.localStorage.getItem('whohas:apiKey') || '').trim(); } catch (e) { return ''; }
  }
  function fetcher(params, opts) {
    var headers = Object.assign({}, opts && opts.headers);
    var name = Object.keys(headers).filter(function (k) { return k.toLowerCase() === 'authorization'; })[0];
    if (name && headers[name]) storage.setItem('whohas:authorization', headers[name]);
    else if (name) delete headers[name];
    else if (apiKey()) headers.Authorization = 'Bearer ' + apiKey();
    else if (storage.getItem('whohas:authorization')) headers.Authorization = storage.getItem('whohas:authorization');
    return baseFetcher(params, Object.assign({}, opts, { headers: headers }));
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultTabs: config.tabs,
    // GraphiQL 3 fills the open tab's editor from defaultTabs' (or the stored tab's) query but not
    // its variables: the first example's on a first visit, the stored active tab's after that.
    variables: initialVariables,
    // Auth tokens go in the headers editor; persisting them saves re-pasting a token on every reload.
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: true,
    defaultEditorToolsVisibility: 'variables',
    storage: storage
  }));
})();
`;

// 'unsafe-inline' styles: CodeMirror and GraphiQL's resizable panes set style attributes.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');


/** JSON safe inside <script>: '<' escaped so no '</script>' or '<!--' can end the block early. */
const jsonForScript = (v: unknown): string =>
  JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function playgroundRouter(opts: PlaygroundOptions): Router {
  const title = opts.title ?? 'whohas GraphQL playground';
  const operations = loadExampleOperations();

  // URL name -> file. Versions are in the names, so an upgrade changes the URL and the
  // year-long immutable cache can never serve a stale bundle.
  const assets = new Map<string, Asset>();
  const urls: { scripts: string[]; styles: string[] } = { scripts: [], styles: [] };
  for (const v of VENDOR) {
    const { path, version } = packageFile(v.pkg, v.file);
    const name = `${v.pkg}-${version}-${basename(v.file)}`;
    assets.set(name, { file: path, type: v.type });
    (v.type.startsWith('text/css') ? urls.styles : urls.scripts).push(name);
  }
  const bootName = `whohas-playground-${createHash('sha256').update(BOOT_JS).digest('hex').slice(0, 12)}.js`;
  urls.scripts.push(bootName);

  const config = {
    graphqlPath: opts.graphqlPath,
    tabs: operations.map((op) => ({ query: op.query, variables: op.variables })),
  };

  const page = (base: string): string => {
    const a = (name: string) => escapeHtml(`${base}/playground/assets/${name}`);
    return `<!doctype html>
<html lang="en" data-base="${escapeHtml(base)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
${urls.styles.map((n) => `<link rel="stylesheet" href="${a(n)}">`).join('\n')}
<link rel="stylesheet" href="${escapeHtml(base)}/console/assets/shell.css">
<style>html, body { height: 100%; margin: 0; } body { display: flex; flex-direction: column; } #main { flex: 1; min-height: 0; } #graphiql { height: 100%; }</style>
</head>
<body data-page="playground">
${shellHtml(base, 'playground')}
<div id="main"><div id="graphiql">Loading the playground…</div></div>
<script id="whohas-playground-config" type="application/json">${jsonForScript(config)}</script>
${urls.scripts.map((n) => `<script src="${a(n)}"></script>`).join('\n')}
<script type="module" src="${escapeHtml(base)}/console/assets/lib/shell.js"></script>
</body>
</html>
`;
  };

  const router = Router();

  router.get(['/', '/playground'], (req: Request, res: Response) => {
    // The inline <style> needs 'unsafe-inline' for style-src, which the CSP already allows.
    res.set({ 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    // baseUrl keeps asset URLs right when the router is mounted below the root.
    res.type('html').send(page(req.baseUrl));
  });

  router.get('/playground/assets/:name', (req: Request, res: Response) => {
    const name = String(req.params.name);
    const longCache = { 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' };
    if (name === bootName) {
      res.set({ ...longCache, 'Content-Type': 'text/javascript; charset=utf-8' }).send(BOOT_JS);
      return;
    }
    const asset = assets.get(name);
    if (!asset) {
      res.status(404).type('text').send('not found');
      return;
    }
    // cacheControl off: sendFile would otherwise overwrite our immutable Cache-Control header.
    res.sendFile(asset.file, { cacheControl: false, headers: { ...longCache, 'Content-Type': asset.type } });
  });

  return router;
}
