import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute, getVariableValues, GraphQLError, Kind, printSchema,
  type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LruCache } from '../src/lru-cache';

/** Compiled documents kept: the app's and tools' own operations fit many times over; a client sending ever-new text only evicts. */
export const JIT_CACHE_ENTRIES = 300;

type Compile = typeof compileQuery;
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** What one document runs on: graphql-jit's compiled function, or graphql-js when jit would not compile it. */
type Plan = { kind: 'jit'; query: CompiledQuery['query'] } | { kind: 'graphql-js' };

export interface JitExecutorOptions {
  maxEntries?: number;
  /** Tests stand in a compiler that refuses, to exercise the fallback. */
  compile?: Compile;
}

interface ExecuteArgs {
  document: DocumentNode;
  source: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
  context: unknown;
}

/**
 * Executes through graphql-jit (the same schema and resolvers, compiled to straight-line code per
 * document) with graphql-js's answers: a document jit cannot compile runs on graphql-js from then on,
 * variables graphql-js would refuse get graphql-js's refusal (its messages and the nodes Apollo reads
 * to answer 400 BAD_USER_INPUT), and jit's errors are rebuilt as graphql-js errors for formatError.
 */
export class JitExecutor {
  private readonly plans: LruCache<string, Plan>;
  private readonly compile: Compile;

  constructor(private readonly schema: GraphQLSchema, opts: JitExecutorOptions = {}) {
    this.plans = new LruCache(opts.maxEntries ?? JIT_CACHE_ENTRIES);
    this.compile = opts.compile ?? compileQuery;
  }

  get cachedDocuments(): number {
    return this.plans.size;
  }

  /** How a document runs, compiling it on first sight; for tests and diagnostics. */
  planOf(document: DocumentNode, source: string, operationName: string | null): Plan['kind'] {
    return this.plan(planKey(source, operationName), document, operationName).kind;
  }

  async execute(args: ExecuteArgs): Promise<ExecutionResult> {
    const key = planKey(args.source, args.operationName);
    const plan = this.plan(key, args.document, args.operationName);
    const operation = operationOf(args.document, args.operationName);
    if (plan.kind === 'graphql-js' || this.variablesRefused(operation, args.variables)) return this.reference(args);
    let result: ExecutionResult;
    try {
      result = await plan.query(undefined, args.context, args.variables ?? {});
    } catch (e) {
      // jit catches resolvers' errors itself: this is jit failing on the document. graphql-js runs it from now on,
      // and answers this request too when that cannot repeat a write (resolvers may have run).
      this.plans.set(key, { kind: 'graphql-js' });
      if (operation?.operation === 'query') return this.reference(args);
      throw e;
    }
    // No data: jit refused the variables before any resolver ran (graphql-js accepted them above), so graphql-js answers.
    if (!('data' in result)) return this.reference(args);
    // graphql-js's key order (errors first), so the result serialises as graphql-js's would wherever it goes.
    return result.errors ? { errors: result.errors.map(asGraphQLJsError), data: result.data } : result;
  }

  private plan(key: string, document: DocumentNode, operationName: string | null): Plan {
    let plan = this.plans.get(key);
    if (!plan) {
      plan = this.compiled(document, operationName);
      this.plans.set(key, plan);
    }
    return plan;
  }

  private compiled(document: DocumentNode, operationName: string | null): Plan {
    try {
      const compiled = this.compile(this.schema, document, operationName ?? undefined);
      return isCompiledQuery(compiled) ? { kind: 'jit', query: compiled.query } : { kind: 'graphql-js' };
    } catch {
      return { kind: 'graphql-js' };
    }
  }

  private variablesRefused(operation: OperationDefinitionNode | undefined, variables: Record<string, unknown> | undefined): boolean {
    if (!operation?.variableDefinitions?.length) return false;
    return 'errors' in getVariableValues(this.schema, operation.variableDefinitions, variables ?? {});
  }

  private reference({ document, operationName, variables, context }: ExecuteArgs): Promise<ExecutionResult> {
    return Promise.resolve(execute({ schema: this.schema, document, operationName, variableValues: variables, contextValue: context }));
  }
}

/** Operation names are GraphQL names, which cannot contain NUL: the key is unambiguous. */
function planKey(source: string, operationName: string | null): string {
  return `${operationName ?? ''}\0${source}`;
}

/** The operation Apollo resolved (it refuses a request naming none of several before the executor). */
function operationOf(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  return document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (operationName === null || d.name?.value === operationName),
  );
}

/**
 * jit's errors carry the same message, locations, path and originalError as graphql-js's, but
 * `extensions` is undefined unless the thrown error had some, which Apollo's error formatting reads
 * unguarded (it would replace formatError's answer with its own "Internal server error").
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  if (Object.getPrototypeOf(error) === GraphQLError.prototype) return error;
  const original = error.originalError;
  // graphql-js passes an error thrown with a path already (from a nested execution) through as it is.
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: original, extensions: error.extensions });
  // graphql-js derives locations from AST nodes, which jit resolved to line and column when it compiled.
  return Object.assign(rebuilt, { locations: error.locations });
}

/**
 * Apollo's documented hook for a custom executor: with a gateway, Apollo still parses, validates
 * (depth and alias limits), runs plugins (cost limit, graph version) and formatError on what the
 * executor returns; only `execute` itself is ours.
 */
export function jitGateway(schema: GraphQLSchema, opts: JitExecutorOptions = {}): GatewayInterface & { executor: JitExecutor } {
  const executor = new JitExecutor(schema, opts);
  const listeners = new Set<Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]>();
  const run: GatewayExecutor = (ctx) =>
    executor.execute({ document: ctx.document, source: ctx.source, operationName: ctx.operationName, variables: ctx.request.variables, context: ctx.context });
  return {
    executor,
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      // Apollo takes the schema from this event, which must come before load() returns; the SDL is only read by Apollo's schema reporting.
      const event = { apiSchema: schema, coreSupergraphSdl: printSchema(schema) };
      for (const listener of listeners) listener(event);
      return { executor: run };
    },
    async stop() {
      listeners.clear();
    },
  };
}
