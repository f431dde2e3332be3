import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  execute, GraphQLError, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse,
  type DocumentNode, type ExecutionResult,
} from 'graphql';
import { compileQuery } from 'graphql-jit';
import { JIT_CACHE_ENTRIES, JitExecutor, jitGateway } from '../graphql/jit-executor';
import { WhohasError } from '../src/errors';
import { LruCache } from '../src/lru-cache';

let touches = 0;

/** A small schema of our own: a field answering from its argument, a non-null one that fails with our typed error, and a write. */
const schema = new GraphQLSchema({
  mutation: new GraphQLObjectType({ name: 'Mutation', fields: { touch: { type: GraphQLInt, resolve: () => ++touches } } }),
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      echo: { type: GraphQLString, args: { n: { type: GraphQLInt } }, resolve: (_root, { n }) => `n=${n}` },
      fails: {
        type: new GraphQLNonNull(GraphQLString),
        resolve: () => {
          throw new WhohasError('NOT_FOUND', 'No such thing');
        },
      },
    },
  }),
});

function request(source: string, variables?: Record<string, unknown>, operationName: string | null = null) {
  return { document: parse(source), source, operationName, variables, context: {} };
}

const reference = (document: DocumentNode, variables?: Record<string, unknown>) => execute({ schema, document, variableValues: variables }) as Promise<ExecutionResult>;

/** A compiler that counts its calls, optionally refusing every document as graphql-jit does (errors instead of a query). */
function countingCompiler(refuse: 'errors' | 'throws' | null = null) {
  const calls: string[] = [];
  const compile: typeof compileQuery = (s, document, operationName, options) => {
    calls.push(operationName ?? '');
    if (refuse === 'errors') return { errors: [new GraphQLError('graphql-jit does not support this')] };
    if (refuse === 'throws') throw new Error('graphql-jit crashed');
    return compileQuery(s, document, operationName, options);
  };
  return { compile, calls };
}

describe('JitExecutor', () => {
  it('answers through the compiled query, compiling each document once', async () => {
    const { compile, calls } = countingCompiler();
    const executor = new JitExecutor(schema, { compile });
    const source = 'query($n: Int) { echo(n: $n) }';
    for (const n of [1, 2]) assert.deepEqual(await executor.execute(request(source, { n })), { data: { echo: `n=${n}` } });
    assert.equal(calls.length, 1);
    assert.equal(executor.planOf(parse(source), source, null), 'jit');
  });

  for (const refuse of ['errors', 'throws'] as const) {
    it(`falls back to graphql-js for a document jit refuses (compile ${refuse}), and remembers it`, async () => {
      const { compile, calls } = countingCompiler(refuse);
      const executor = new JitExecutor(schema, { compile });
      const source = 'query($n: Int) { echo(n: $n) }';
      // graphql-js builds its data without prototypes: compared as JSON, as it is sent.
      assert.equal(JSON.stringify(await executor.execute(request(source, { n: 3 }))), '{"data":{"echo":"n=3"}}');
      assert.equal(JSON.stringify(await executor.execute(request(source, { n: 4 }))), '{"data":{"echo":"n=4"}}');
      assert.equal(calls.length, 1, 'the refusal is remembered, not retried per request');
      assert.equal(executor.planOf(parse(source), source, null), 'graphql-js');
    });
  }

  it('moves a document to graphql-js when its compiled query itself throws, answering a query again but never repeating a mutation', async () => {
    const crashing: typeof compileQuery = (s, document, operationName) => {
      const compiled = compileQuery(s, document, operationName);
      return 'query' in compiled ? { ...compiled, query: () => { throw new TypeError('graphql-jit bug'); } } : compiled;
    };
    const executor = new JitExecutor(schema, { compile: crashing });
    const query = '{ echo(n: 5) }';
    assert.equal(JSON.stringify(await executor.execute(request(query))), '{"data":{"echo":"n=5"}}');
    assert.equal(executor.planOf(parse(query), query, null), 'graphql-js');
    const mutation = 'mutation { touch }';
    const before = touches;
    await assert.rejects(executor.execute(request(mutation)), /graphql-jit bug/);
    assert.equal(touches, before, 'not run again by graphql-js');
    assert.equal(executor.planOf(parse(mutation), mutation, null), 'graphql-js');
    assert.equal(JSON.stringify(await executor.execute(request(mutation))), `{"data":{"touch":${before + 1}}}`);
  });

  it('sends a document the real graphql-jit cannot compile (an operation type the schema lacks) to graphql-js', async () => {
    const executor = new JitExecutor(schema);
    const source = 'subscription { echo }';
    assert.equal(executor.planOf(parse(source), source, null), 'graphql-js');
    const result = await executor.execute(request(source));
    assert.deepEqual(JSON.stringify(result), JSON.stringify(await reference(parse(source))));
    assert.match(String(result.errors?.[0].message), /not configured to execute subscription/);
  });

  it("gives graphql-js's errors: same JSON, a graphql-js GraphQLError with extensions, and the thrown error as originalError", async () => {
    const executor = new JitExecutor(schema);
    const source = '{ echo(n: 1)\n  fails }';
    const result = await executor.execute(request(source));
    const expected = await reference(parse(source));
    assert.equal(JSON.stringify(result), JSON.stringify(expected));
    assert.deepEqual(result.data, null);
    const [error] = result.errors!;
    assert.equal(Object.getPrototypeOf(error), GraphQLError.prototype);
    assert.deepEqual({ ...error.extensions }, {}, 'Apollo reads extensions.code; jit leaves extensions undefined');
    assert.deepEqual(error.locations, [{ line: 2, column: 3 }]);
    assert.deepEqual(error.path, ['fails']);
    assert.ok(error.originalError instanceof WhohasError && error.originalError.code === 'NOT_FOUND');
  });

  it("refuses variables with graphql-js's own error, naming the variable's node (Apollo answers 400 BAD_USER_INPUT from it)", async () => {
    const executor = new JitExecutor(schema);
    for (const variables of [{ n: 'ten' }, { n: 2 ** 40 }, { n: [1] }]) {
      const source = 'query($n: Int) { echo(n: $n) }';
      const result = await executor.execute(request(source, variables));
      const expected = await reference(parse(source), variables);
      assert.equal(JSON.stringify(result), JSON.stringify(expected));
      assert.equal(result.data, undefined);
      assert.equal(result.errors?.[0].nodes?.length, 1);
    }
  });

  it('picks the named operation from a document holding several, caching each separately', async () => {
    const { compile, calls } = countingCompiler();
    const executor = new JitExecutor(schema, { compile });
    const source = 'query A { echo(n: 1) } query B { echo(n: 2) }';
    assert.deepEqual(await executor.execute(request(source, undefined, 'B')), { data: { echo: 'n=2' } });
    assert.deepEqual(await executor.execute(request(source, undefined, 'A')), { data: { echo: 'n=1' } });
    assert.deepEqual(calls, ['B', 'A']);
    assert.equal(executor.cachedDocuments, 2);
  });

  it(`keeps at most ${JIT_CACHE_ENTRIES} compiled documents, dropping the least recently used`, async () => {
    const { compile, calls } = countingCompiler();
    const executor = new JitExecutor(schema, { compile });
    const plan = (i: number) => {
      const source = `{ echo(n: ${i}) }`;
      return executor.planOf(parse(source), source, null);
    };
    plan(0);
    for (let i = 1; i < 3 * JIT_CACHE_ENTRIES; i++) {
      plan(i);
      if (i % 50 === 0) plan(0); // in use all along
      assert.ok(executor.cachedDocuments <= JIT_CACHE_ENTRIES);
    }
    assert.equal(executor.cachedDocuments, JIT_CACHE_ENTRIES);
    const compiled = calls.length;
    plan(0);
    assert.equal(calls.length, compiled, 'a document in use stays compiled');
    plan(1);
    assert.equal(calls.length, compiled + 1, 'one unused since is compiled again');
    assert.equal(executor.cachedDocuments, JIT_CACHE_ENTRIES);
  });

  it("hands Apollo the schema from load() and the executor that runs the documents", async () => {
    const gateway = jitGateway(schema);
    const seen: GraphQLSchema[] = [];
    gateway.onSchemaLoadOrUpdate(({ apiSchema }) => seen.push(apiSchema));
    const { executor } = await gateway.load({ apollo: {} });
    assert.deepEqual(seen, [schema]);
    assert.ok(executor);
    await gateway.stop();
  });
});

describe('LruCache', () => {
  it('drops the least recently used entry beyond its bound; a read counts as a use', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.deepEqual([cache.get('a'), cache.get('b'), cache.get('c'), cache.size], [1, undefined, 3, 2]);
    cache.set('a', 10);
    assert.deepEqual([cache.get('a'), cache.size], [10, 2]);
  });

  it('refuses a bound that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => new LruCache(bad), RangeError);
  });
});
