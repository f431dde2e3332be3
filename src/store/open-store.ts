import { completeAccessIndex } from '../access/complete-index';
import type { Config } from '../config';
import { KuzuStore } from './kuzu-store';
import { Neo4jStore } from './neo4j-store';
import type { GraphStore } from './port';

/** The only place that knows which adapters exist; the store it returns has a whole access index. */
export async function openStore(config: Config): Promise<GraphStore> {
  const store: GraphStore =
    config.store === 'neo4j' && config.neo4j ? new Neo4jStore(config.neo4j) : new KuzuStore(config.kuzuPath, { bufferBytes: config.kuzuBufferBytes });
  await store.init();
  try {
    await completeAccessIndex(store, { maxPathsPerGrant: config.maxPathsPerGrant });
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
