import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { parse, Kind, type OperationDefinitionNode } from 'graphql';
import { consoleRouter } from '../src/server/console-routes';
import { loadExampleOperations, playgroundRouter } from '../src/server/playground';

describe('playground', () => {
  let server: Server;
  let base: string;
  let html: string;
  let pageHeaders: Headers;

  before(async () => {
    const app = express();
    app.use(playgroundRouter({ graphqlPath: '/graphql', title: 'test <playground>' }));
    app.use(consoleRouter()); // the shared header's stylesheet and script
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await fetch(`${base}/`);
    assert.equal(res.status, 200);
    pageHeaders = res.headers;
    html = await res.text();
  });

  after(async () => {
    // fetch keeps connections alive; drop them so close() doesn't wait on idle sockets.
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  });

  it('serves HTML at / and /playground', async () => {
    assert.match(pageHeaders.get('content-type') ?? '', /text\/html/);
    assert.match(html, /<title>test &lt;playground&gt;<\/title>/);
    const again = await fetch(`${base}/playground`);
    assert.equal(again.status, 200);
    assert.equal(await again.text(), html);
  });

  it('references no non-local host', () => {
    const urls = html.match(/(?:https?:)?\/\/[^\s"'<>)]+/gi) ?? [];
    const external = urls.filter((u) => !/^(?:https?:)?\/\/(?:127\.0\.0\.1|localhost)(?:[:/]|$)/i.test(u));
    assert.deepEqual(external, []);
    // The browser enforces the same thing: nothing may load from outside this origin.
    assert.match(pageHeaders.get('content-security-policy') ?? '', /default-src 'self'/);
  });

  it('serves every referenced script and stylesheet', async () => {
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    const styles = [...html.matchAll(/<link rel="stylesheet"[^>]*\shref="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(scripts.length >= 4, `expected react, react-dom, graphiql and boot scripts, got ${scripts.join(', ')}`);
    assert.ok(styles.length >= 1, 'expected the graphiql stylesheet');
    for (const [list, type] of [[scripts, /javascript/], [styles, /text\/css/]] as const) {
      for (const src of list) {
        assert.ok(src.startsWith('/playground/assets/') || src.startsWith('/console/assets/'), src);
        const res = await fetch(new URL(src, base));
        assert.equal(res.status, 200, src);
        assert.match(res.headers.get('content-type') ?? '', type, src);
        // Vendor bundles have versioned names and are cached for a year; the console's own files revalidate.
        assert.match(res.headers.get('cache-control') ?? '', src.startsWith('/playground/') ? /max-age=31536000/ : /no-cache/, src);
        const body = await res.text();
        assert.ok(body.length > 500, `${src} is only ${body.length} bytes`);
      }
    }
    assert.equal((await fetch(`${base}/playground/assets/nope.js`)).status, 404);
  });

  it('carries the console header: navigation, a search box and the API key field, each labelled', () => {
    assert.match(html, /<label for="wh-q">Search<\/label>\s*<input id="wh-q" name="q"/);
    assert.match(html, /<label for="wh-api-key">API key<\/label>\s*<input id="wh-api-key" type="password"/);
    assert.match(html, /<a href="\/playground" aria-current="page">Playground<\/a>/);
    assert.match(html, /<a class="wh-skip" href="#main">/);
  });

  it('embeds every example operation as a tab, first one first', () => {
    const m = /<script id="whohas-playground-config" type="application\/json">([^]*?)<\/script>/.exec(html);
    assert.ok(m, 'config block missing');
    const config = JSON.parse(m[1]) as { graphqlPath: string; tabs: Array<{ query: string; variables: string }> };
    assert.equal(config.graphqlPath, '/graphql');
    const ops = loadExampleOperations();
    assert.ok(ops.length >= 7, `only ${ops.length} operations`);
    assert.equal(ops[0].name, 'who-has', 'the open tab should be the namesake question');
    assert.deepEqual(
      config.tabs,
      ops.map((o) => ({ query: o.query, variables: o.variables })),
    );
  });

  it('example operations: one named operation per file, named after the file, with variables', () => {
    for (const op of loadExampleOperations()) {
      const defs = parse(op.query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      assert.equal(defs.length, 1, op.name);
      const opName = defs[0].name?.value ?? '';
      const kebab = opName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
      assert.equal(kebab, op.name, `${op.name}.graphql holds operation ${opName}`);
      assert.doesNotMatch(op.query, /#\s*variables:/, op.name);
      const vars = JSON.parse(op.variables || '{}') as Record<string, unknown>;
      // Every required ($x: T!) variable without a default must have an example value.
      for (const v of defs[0].variableDefinitions ?? []) {
        if (v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue) {
          assert.ok(v.variable.name.value in vars, `${op.name}: no example for $${v.variable.name.value}`);
        }
      }
    }
  });
});
