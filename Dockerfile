# whohas: build once, run as a non-root user with production dependencies only.
# Runs on Kuzu (embedded, data in /app/data) or on Neo4j when NEO4J_URI is set; see docs/neo4j.md.

# ---- build: all dependencies, compile TypeScript, then drop the dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the package's own `prepare` (tsc) would run before the sources are here.
# kuzu's install script only copies its prebuilt binary for this platform, so run just that one.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild kuzu
COPY tsconfig.json ./
COPY bin ./bin
COPY cypher ./cypher
# Source folders the build compiles (tsconfig "include"); add new ones here. Tests and benchmarks stay out.
COPY src ./src
COPY ingest ./ingest
COPY graphql ./graphql
COPY web ./web
RUN npx tsc -p tsconfig.json && npm prune --omit=dev --ignore-scripts --no-audit --no-fund
# kuzu ships its whole C++ source tree and every platform's binary (~500 MB); only kuzujs.node is loaded.
RUN rm -rf node_modules/kuzu/kuzu-source node_modules/kuzu/prebuilt

# ---- runtime ----
FROM node:20-bookworm-slim
# WHOHAS_HOST: listen on every interface *inside* the container so the published port reaches it
# (compose publishes it on the host's loopback only). whohas refuses a non-loopback bind without
# authentication, so the image requires it (WHOHAS_AUTH=required): create a key with
# `docker compose exec whohas node bin/whohas.js keys create --role admin`, or set WHOHAS_OIDC_*.
# MALLOC_*: glibc's settings the CLI would otherwise start itself again under (src/malloc-settings.ts);
# set here, node stays PID 1's only process.
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    WHOHAS_DB=/app/data/whohas.kuzu \
    WHOHAS_PORT=4000 \
    WHOHAS_HOST=0.0.0.0 \
    WHOHAS_AUTH=required
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/bin ./bin
# Read at run time from the project root (found by package.json + cypher/): the named queries and
# the playground's example operations.
COPY --from=build --chown=node:node /app/cypher ./cypher
COPY --from=build --chown=node:node /app/graphql/operations ./graphql/operations
# The web console's pages and scripts, served as they are (no build step).
COPY --from=build --chown=node:node /app/web ./web
# The Kuzu database lives here; created now so a named volume mounted on it is owned by `node`.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 4000
# Healthy = ready: start-up work (the demo seed) is done, the store answers, and it is not shutting
# down (/readyz; /healthz only says the process is up). The start period covers the demo seed.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.WHOHAS_PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) drains in-flight requests for WHOHAS_SHUTDOWN_GRACE_S, then closes the store.
STOPSIGNAL SIGTERM
CMD ["node", "bin/whohas.js", "serve"]
