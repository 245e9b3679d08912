# syntax=docker/dockerfile:1
# The self-hosted Fivetran webhook receiver (src/server): for teams that route webhooks through
# their own ingress instead of the HttpApi. Build: `docker build -t fivetran-webhook-receiver .`
# The build stage bundles src/server/main.ts and its dependencies into one ESM file; the runtime
# stage holds only that file, runs as the unprivileged `node` user, and is started with the same
# command the integration test starts (test/integration/server-process.test.ts reads this file).
# Pin by digest too (`node:22.20.0-bookworm-slim@sha256:...`) when your registry policy asks for it.
ARG NODE_IMAGE=node:22.20.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx esbuild src/server/main.ts --bundle --platform=node --target=node22 --format=esm --legal-comments=none --outfile=dist/server/main.mjs "--banner:js=import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=8080
WORKDIR /app
COPY --from=build --chown=root:root /app/dist/server/main.mjs ./dist/server/main.mjs
USER node
EXPOSE 8080
STOPSIGNAL SIGTERM
# Liveness only: a store outage shows in /readyz (for the load balancer), not as a restart loop.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server/main.mjs"]
