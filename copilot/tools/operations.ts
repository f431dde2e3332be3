import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../../graphql/context';
import { whohasSchema } from '../../graphql/schema';
import { WhohasError, isWhohasError } from '../../src/errors';
import { projectRoot } from '../../src/paths';

/**
 * The copilot reads the graph only through these fixed GraphQL operations (copilot/tools/operations),
 * executed in-process with the asker's own request context: the copilot can see exactly what the asker
 * may see, every answer goes through the same resolvers as the API, and no model ever writes a query.
 */
export type OperationName =
  | 'identity-profile' | 'effective-access' | 'explain-access' | 'who-has' | 'delegation-chain' | 'peer-baseline'
  | 'sod-violations' | 'sod-rules' | 'simulate' | 'findings' | 'riskiest';

export function operationsDir(): string {
  return join(projectRoot(), 'copilot', 'tools', 'operations');
}

let loaded: Promise<{ schema: GraphQLSchema; docs: Map<string, DocumentNode> }> | null = null;

/** Parses and validates every operation against the schema once; a broken one stops the server at start. */
export function loadOperations(): Promise<{ schema: GraphQLSchema; docs: Map<string, DocumentNode> }> {
  loaded ??= (async () => {
    const schema = await whohasSchema();
    const docs = new Map<string, DocumentNode>();
    for (const file of readdirSync(operationsDir()).filter((f) => f.endsWith('.graphql')).sort()) {
      const doc = parse(readFileSync(join(operationsDir(), file), 'utf8'));
      const errors = validate(schema, doc);
      if (errors.length) throw new Error(`copilot/tools/operations/${file}: ${errors[0].message}`);
      docs.set(basename(file, '.graphql'), doc);
    }
    return { schema, docs };
  })();
  return loaded;
}

/** Runs one operation as the asker. A user-facing error (bad input, unknown id, forbidden) keeps its code. */
export async function runOperation<T>(ctx: RequestContext, name: OperationName, variables: Record<string, unknown>): Promise<T> {
  const { schema, docs } = await loadOperations();
  const document = docs.get(name);
  if (!document) throw new WhohasError('INTERNAL', `copilot operation '${name}' is missing`);
  const result = await execute({ schema, document, variableValues: variables, contextValue: ctx });
  if (result.errors?.length) {
    const first = result.errors[0];
    const original = first.originalError;
    if (isWhohasError(original)) throw original;
    const code = first.extensions?.code;
    if (typeof code === 'string' && ['FORBIDDEN', 'UNAUTHENTICATED', 'BAD_USER_INPUT'].includes(code)) {
      throw new WhohasError(code === 'UNAUTHENTICATED' ? 'FORBIDDEN' : (code as 'FORBIDDEN' | 'BAD_USER_INPUT'), first.message);
    }
    throw new WhohasError('INTERNAL', `copilot operation '${name}' failed: ${original?.message ?? first.message}`);
  }
  return result.data as T;
}
