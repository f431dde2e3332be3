import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scimConnector } from '../ingest/scim';
import { ingestVia, transformFrom } from './helpers/connector-run';
import { accessOf } from './helpers/graph-queries';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data';
import { tempStore } from './helpers/temp-store';
import { writeBundle } from './helpers/write-bundle';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const user = (id: string, extra: Record<string, unknown> = {}) => ({ schemas: [USER], id, userName: id, ...extra });
const list = (...resources: unknown[]) => JSON.stringify({ schemas: [LIST], totalResults: resources.length, Resources: resources }, null, 2);

/** What a test asserts about a reject: where, which field, and (part of) why. */
const brief = (r: { file: string; line: number; field: string | null; reason: string }) => [r.file, r.line, r.field, r.reason];

describe('scim connector: bad input', () => {
  it('fails a truncated JSON file with BUNDLE_FILE_UNREADABLE naming the file and line, and applies nothing', async () => {
    const dir = writeBundle({ 'users.json': list(user('a'), user('b')).slice(0, 120) });
    await assert.rejects(transformFrom(scimConnector, join(dir, 'users.json')), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'BUNDLE_FILE_UNREADABLE');
      assert.match(e.message, /^users\.json is not valid JSON at line \d+/);
      return true;
    });
    const t = await tempStore();
    try {
      const run = await ingestVia(t, scimConnector, dir);
      assert.equal(run.status, 'failed');
      assert.equal(run.error?.code, 'BUNDLE_FILE_UNREADABLE');
      assert.deepEqual(await accessOf(t.store, 'scim:users:user/a'), []);
    } finally {
      await t.close();
    }
  });

  it('rejects an NDJSON line that is not JSON and loads the others', async () => {
    const lines = [JSON.stringify(user('a')), '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "b",', '', JSON.stringify(user('c'))];
    const dir = writeBundle({ 'users.ndjson': lines.join('\n') });
    const { result } = await transformFrom(scimConnector, dir, { system: 'x' });
    assert.deepEqual(result.records.accounts.map((r) => [r.line, (r.value as { id: string }).id]), [[1, 'scim:x:user/a'], [4, 'scim:x:user/c']]);
    assert.equal(result.rejects.length, 1);
    assert.deepEqual(brief(result.rejects[0]).slice(0, 3), ['users.ndjson', 2, null]);
    assert.match(result.rejects[0].reason, /^not valid JSON/);
  });

  it('rejects wrong types with the field, by position in the ListResponse; the rest loads', async () => {
    const dir = writeBundle({
      'export.json': list(
        user('ok', { roles: [{ value: 'admin' }, { display: 'no value' }, 7] }),
        { schemas: [USER], id: 'n', userName: 42 },
        user('maybe', { active: 'maybe' }),
        user('mails', { emails: 'x@example.com' }),
        { schemas: [GROUP], id: 'g1', members: [{ value: 'ok' }] },
        { schemas: [GROUP], id: 'g2', displayName: 'G2', members: [{ value: 'ok', type: 'Device' }, { display: 'nobody' }, { value: 'ok' }] },
        'not an object',
      ),
    });
    const { result } = await transformFrom(scimConnector, dir, { system: 'x' });
    assert.deepEqual(result.records.accounts.map((r) => (r.value as { id: string }).id), ['scim:x:user/ok']);
    assert.deepEqual(result.records.groups.map((r) => (r.value as { id: string }).id), ['scim:x:group/g2']);
    assert.deepEqual(result.records.memberships.map((r) => r.value), [{ memberId: 'scim:x:user/ok', memberType: 'account', groupId: 'scim:x:group/g2' }]);
    assert.deepEqual(result.records.grants.filter((r) => (r.value as { holderType: string }).holderType === 'account').length, 1);
    const rejects = result.rejects.map((r) => brief(r).slice(0, 3));
    assert.deepEqual(rejects, [
      ['export.json', 7, null],
      ['export.json', 2, 'userName'],
      ['export.json', 3, 'active'],
      ['export.json', 4, 'emails'],
      ['export.json', 5, 'displayName'],
      ['export.json', 1, 'roles[1].value'],
      ['export.json', 1, 'roles[2]'],
      ['export.json', 6, 'members[0]'],
      ['export.json', 6, 'members[1].value'],
      // What the rejected resources would also have given, named so a full run keeps it.
      ['export.json', 2, 'userName'],
      ['export.json', 3, 'active'],
      ['export.json', 4, 'emails'],
      ['export.json', 5, 'displayName'],
      ['export.json', 5, 'displayName'],
      ['export.json', 5, 'displayName'],
    ]);
    assert.match(result.rejects[7].reason, /member type 'Device' is neither User nor Group/);
    assert.match(result.rejects[0].reason, /expected a SCIM resource object, got string/);
    // A rejected User is its account (and its person), a rejected Group its group, membership
    // entitlement and members; entries whose value is missing, or whose member kind cannot be told, name nothing.
    assert.deepEqual(result.rejects.map((r) => r.entity && [r.entity, r.key]), [
      undefined,
      ['accounts', { id: 'scim:x:user/n' }],
      ['accounts', { id: 'scim:x:user/maybe' }],
      ['accounts', { id: 'scim:x:user/mails' }],
      ['groups', { id: 'scim:x:group/g1' }],
      undefined,
      undefined,
      undefined,
      undefined,
      ['identities', { id: 'scim:x:user/n' }],
      ['identities', { id: 'scim:x:user/maybe' }],
      ['identities', { id: 'scim:x:user/mails' }],
      ['entitlements', { id: 'scim:x:group/g1' }],
      ['grants', { holderId: 'scim:x:group/g1', entitlementId: 'scim:x:group/g1' }],
      ['memberships', { memberId: 'scim:x:user/ok', groupId: 'scim:x:group/g1' }],
    ]);
    assert.equal(result.rejects[9].reason, 'scim:x:user/n is kept as loaded before: the User was rejected (export.json:2)');
  });

  it('a bad role or member entry that still has its value names the grant or membership it was', async () => {
    const dir = writeBundle({
      'export.json': list(
        user('u', { roles: [{ value: 'admin', primary: 'sometimes' }, { value: 'viewer' }] }),
        { schemas: [GROUP], id: 'g', displayName: 'G', members: [{ value: 'u', type: 'User', display: 7 }] },
      ),
    });
    const { result } = await transformFrom(scimConnector, dir, { system: 'x' });
    assert.deepEqual(result.rejects.map((r) => [r.field, r.entity, r.key]), [
      ['roles[0].primary', 'grants', { holderId: 'scim:x:user/u', entitlementId: 'scim:x:role/admin' }],
      ['members[0].display', 'memberships', { memberId: 'scim:x:user/u', groupId: 'scim:x:group/g' }],
      ['roles[0].primary', 'entitlements', { id: 'scim:x:role/admin' }],
    ]);
  });

  it('rejects a differing duplicate id (the newer copy wins) and only counts an identical one', async () => {
    const old = user('a', { title: 'Old', meta: { lastModified: '2025-01-01T00:00:00Z' } });
    const newer = user('a', { title: 'New', meta: { lastModified: '2025-06-01T00:00:00Z' } });
    const dir = writeBundle({ 'dups.json': list(newer, old, user('b'), user('b')) });
    const { result } = await transformFrom(scimConnector, dir, { system: 'x' });
    assert.deepEqual(result.records.identities.map((r) => [(r.value as { id: string }).id, (r.value as { title?: string }).title]), [
      ['scim:x:user/a', 'New'],
      ['scim:x:user/b', undefined],
    ]);
    assert.equal(result.rejects.length, 1);
    assert.deepEqual(brief(result.rejects[0]), [
      'dups.json', 2, 'id',
      "duplicate User 'a': superseded by dups.json:1 (its meta.lastModified 2025-06-01T00:00:00Z is later)",
    ]);
    assert.ok(result.notes.includes('1 identical repeat(s) of a resource were dropped (e.g. a page boundary that moved)'));
  });

  it('refuses a file over maxFileBytes with BUNDLE_FILE_TOO_LARGE before reading it', async () => {
    const dir = writeBundle({ 'big.json': list(...Array.from({ length: 50 }, (_, i) => user(`u${i}`))) });
    const opts = scimConnector.options.parse({});
    await assert.rejects(scimConnector.get(join(dir, 'big.json'), opts, { maxFileBytes: 1024 }), { code: 'BUNDLE_FILE_TOO_LARGE' });
  });

  it('fails a JSON file that is not SCIM with FORMAT_UNKNOWN, and only notes one among SCIM files', async () => {
    const dir = writeBundle({ 'package.json': { name: 'x', version: '1.0.0' } });
    await assert.rejects(transformFrom(scimConnector, join(dir, 'package.json')), {
      code: 'FORMAT_UNKNOWN',
      message: 'package.json is not SCIM: expected a SCIM User or Group (with "schemas"), a ListResponse, or NDJSON of resources',
    });
    writeBundle({ 'users.json': list(user('a')) }, dir);
    const { result } = await transformFrom(scimConnector, dir);
    assert.equal(result.records.accounts.length, 1);
    assert.ok(result.notes.includes('skipped 1 file(s) that hold no SCIM document: package.json'));
  });

  it('fails an unknown or ill-typed option with CONFIG_INVALID naming it, before any I/O', async () => {
    await assert.rejects(transformFrom(scimConnector, '/nonexistent', { identitys: 'create' }), {
      code: 'CONFIG_INVALID',
      message: /'\(options\)'|identitys/,
    });
    await assert.rejects(transformFrom(scimConnector, '/nonexistent', { identities: 'merge' }), { code: 'CONFIG_INVALID', message: /'identities'/ });
    await assert.rejects(transformFrom(scimConnector, '/nonexistent', { system: 'a/b' }), { code: 'CONFIG_INVALID', message: /'system'/ });
  });

  it('keys a User without id by its userName when nothing else names it', async () => {
    const dir = writeBundle({ 'post.json': { schemas: [USER], userName: 'bjensen', name: { givenName: 'Barbara', familyName: 'Jensen' } } });
    const { result } = await transformFrom(scimConnector, join(dir, 'post.json'));
    assert.deepEqual(result.records.identities.map((r) => [(r.value as { id: string }).id, (r.value as { displayName: string }).displayName]), [
      ['scim:post:user/bjensen', 'Barbara Jensen'],
    ]);
    assert.ok(result.notes.some((n) => n.startsWith("post.json:1: a User without id (a POST request body?); keyed by its userName 'bjensen'")));
  });
});

describe('scim connector: detection', { skip: skipWithoutSharedData }, () => {
  const probe = (path: string, names: string[], read: (n: string) => string) => ({
    path,
    isDirectory: true,
    names,
    heads: new Map(names.map((n) => [n, read(n).slice(0, 65536)])),
  });

  it('recognises the RFC folder by its schema URNs and not an identity bundle', () => {
    const rfc = sharedData('scim-rfc-examples');
    const names = ['rfc7643-8.4-group.json', 'rfc7643-8.5-service_provider_configuration.json'];
    assert.equal(scimConnector.detect!(probe(rfc, names, (n) => readFileSync(join(rfc, n), 'utf8'))), true);
    assert.equal(scimConnector.detect!(probe(rfc, names.slice(1), (n) => readFileSync(join(rfc, n), 'utf8'))), false);
    const bundle = writeBundle({ identities: [{ id: 'hr:a', kind: 'human', displayName: 'A', status: 'active' }] });
    assert.equal(scimConnector.detect!(probe(bundle, ['identities.ndjson'], (n) => readFileSync(join(bundle, n), 'utf8'))), false);
  });
});
