import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getMetadataStorage } from 'type-graphql';
import { graphql } from 'graphql';
import { whohasSchema } from '../../graphql/schema';
import { createContext } from '../../graphql/context';
import { PERSONAL_DATA_READERS } from '../../src/auth/personal-data';
import { ROLES, type Principal } from '../../src/auth/roles';
import { FlightRecorder } from '../../src/audit/flight-recorder';
import { Copilot } from '../../copilot/copilot';
import { tempStore } from '../helpers/temp-store';

describe('every operation and personal field names the roles that may use it', () => {
  it('has @Authorized on every Query and Mutation field (a new root field without roles fails here)', async () => {
    await whohasSchema();
    const storage = getMetadataStorage();
    const unguarded = [...storage.queries, ...storage.mutations].filter((q) => !q.roles?.length).map((q) => q.schemaName);
    assert.deepEqual(unguarded, []);
    for (const q of [...storage.queries, ...storage.mutations]) assert.ok(q.roles!.every((r) => (ROLES as readonly string[]).includes(r)), q.schemaName);
  });

  it('guards the personal fields of Identity and Account with the personal-data readers', async () => {
    await whohasSchema();
    const storage = getMetadataStorage();
    const guarded = (type: string, field: string) => {
      const f = storage.objectTypes.find((o) => o.name === type)?.fields?.find((x) => x.name === field);
      assert.ok(f, `${type}.${field} exists`);
      return f.roles;
    };
    for (const [type, field] of [['Identity', 'displayName'], ['Identity', 'email'], ['Identity', 'title'], ['Identity', 'attributes'], ['Account', 'username'], ['Account', 'identityEmail']]) {
      assert.deepEqual(guarded(type, field), PERSONAL_DATA_READERS, `${type}.${field}`);
    }
    assert.ok(!(PERSONAL_DATA_READERS as string[]).includes('bi'));
  });

  it('enforces the guards when the schema runs: a principal with only the bi role gets an aggregate, not identities', async () => {
    const t = await tempStore();
    try {
      const schema = await whohasSchema();
      const principal: Principal = { id: 'key:dash', kind: 'api-key', authenticated: true, roles: ['bi'], agentIdentityId: null };
      const recorder = {} as FlightRecorder; // not reached by these fields
      const contextValue = createContext({ store: t.store, now: () => new Date('2026-11-01T00:00:00Z'), recorder, copilot: new Copilot(null) }, principal);
      const ok = await graphql({ schema, source: '{ findingTypes { code } }', contextValue });
      assert.equal(ok.errors, undefined);
      assert.ok((ok.data as any).findingTypes.length > 5);
      const denied = await graphql({ schema, source: '{ identities(first: 1) { totalCount } }', contextValue });
      assert.equal(denied.errors?.[0].extensions?.code ?? (denied.errors?.[0].originalError as any)?.code, 'FORBIDDEN');
    } finally {
      await t.close();
    }
  });
});
