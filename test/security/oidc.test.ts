import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { adminIngest, startTestServer, type TestServer } from '../helpers/graphql-http';
import { gql } from '../helpers/auth-world';
import { sodWorld } from '../helpers/sod-world';

const ISSUER = 'https://idp.example.test/realms/whohas';
const AUDIENCE = 'whohas-api';
const IDENTITY = '{ identity(id: "hr:alice") { id displayName } }';

/** A JWKS served on loopback by the test, as an identity provider would publish it. */
async function serveJwks(jwk: JWK): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'k1', alg: 'RS256', use: 'sig' }] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, server };
}

describe('OIDC bearer tokens verified against the issuer JWKS', () => {
  let signing: CryptoKey;
  let stranger: CryptoKey;
  let jwks: { url: string; server: Server };
  let t: TestServer;
  const token = (claims: Record<string, unknown>, opts: { key?: CryptoKey; iss?: string; aud?: string; exp?: number | string | null } = {}) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(opts.iss ?? ISSUER).setAudience(opts.aud ?? AUDIENCE).setSubject('user-123').setIssuedAt();
    if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? '5m');
    return jwt.sign(opts.key ?? signing);
  };

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    ({ privateKey: stranger } = await generateKeyPair('RS256'));
    signing = pair.privateKey;
    jwks = await serveJwks(await exportJWK(pair.publicKey));
    t = await startTestServer({ WHOHAS_OIDC_ISSUER: ISSUER, WHOHAS_OIDC_AUDIENCE: AUDIENCE, WHOHAS_OIDC_JWKS_URL: jwks.url, WHOHAS_OIDC_ROLES_CLAIM: 'realm_access.roles' });
    assert.equal((await adminIngest(t, sodWorld())).status, 200);
  });
  after(async () => {
    await t.close();
    jwks.server.close();
  });

  it('accepts a valid token and takes its roles from the configured claim', async () => {
    const res = await gql(t.url, await token({ realm_access: { roles: ['analyst', 'offline_access'] } }), IDENTITY);
    assert.equal(res.status, 200);
    assert.equal(res.body.data.identity.displayName, 'Alice (direct, one role)');
  });

  it('an OIDC issuer alone makes authentication required: no token, 401', async () => {
    assert.equal((await gql(t.url, null, IDENTITY)).status, 401);
  });

  it('refuses expired, unexpiring, wrong-issuer, wrong-audience and foreign-signed tokens', async () => {
    const roles = { realm_access: { roles: ['analyst'] } };
    const bad = {
      expired: await token(roles, { exp: Math.floor(Date.now() / 1000) - 120 }),
      noExpiry: await token(roles, { exp: null }),
      issuer: await token(roles, { iss: 'https://evil.example.test' }),
      audience: await token(roles, { aud: 'another-api' }),
      signature: await token(roles, { key: stranger }),
      garbage: 'eyJhbGciOiJub25lIn0.e30.',
    };
    for (const [why, jwt] of Object.entries(bad)) {
      const res = await gql(t.url, jwt, IDENTITY);
      assert.equal(res.status, 401, why);
      assert.equal(res.body.errors?.[0].extensions?.code, 'UNAUTHENTICATED', why);
    }
  });

  it('a token without a known role gets in the door of nothing', async () => {
    const res = await gql(t.url, await token({ realm_access: { roles: ['offline_access'] } }), IDENTITY);
    assert.equal(res.status, 403);
  });

  it('an agent token acts as the identity in its claim, recorded as authenticated in the decision log', async () => {
    const agent = await token({ realm_access: { roles: ['agent'] }, whohas_identity: 'agent:pay-bot' });
    const sim = await gql(t.url, agent, 'mutation { simulate(changes: [{ op: DISABLE_ACCOUNT, accountId: "erp:alice" }]) { id } }');
    assert.equal(sim.body.errors, undefined, JSON.stringify(sim.body.errors));
    const log = await gql(t.url, agent, '{ decisions { edges { node { simulationId requester { client authenticated actingAsId } } } } }');
    const entry = log.body.data.decisions.edges.find((e: any) => e.node.simulationId === sim.body.data.simulate.id).node;
    assert.deepEqual(entry.requester, { client: 'oidc:user-123', authenticated: true, actingAsId: 'agent:pay-bot' });
  });
});
