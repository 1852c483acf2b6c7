# syntax=docker/dockerfile:1
# StockMaster: the API serving the built console, on PostgreSQL given by DATABASE_URL.
# scripts/docker-replay.mjs reads this file and replays its stages without a Docker engine (CI
# runs it): keep to FROM, ARG, ENV, WORKDIR, COPY, RUN, USER, EXPOSE, HEALTHCHECK and CMD, and
# give a RUN that only makes sense inside the image a `# replay: skip` comment line above it.

# Node 24, an LTS line until April 2028, within Angular 21's supported Node versions (^20.19,
# ^22.12, ^24; Node 26 comes with Angular 22), NestJS 11's (>= 20) and TypeORM 1.1's (>= 24.11).
ARG NODE_VERSION=24.22.3

# Build stage: the whole workspace, built once, then cut down to what the server runs.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The npm that wrote the lockfile (package.json "packageManager"): the npm bundled with the image
# may reject the lockfile or ignore "allowScripts".
RUN npm install --global --no-audit --no-fund "npm@$(node -p "require('./package.json').packageManager.split('@')[1]")"
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
# Production dependencies only; the embedded PostgreSQL (an optional dependency) stays out, as
# DATABASE_URL is required here. Source maps and type declarations are never read at run time.
RUN npm prune --omit=dev --omit=optional --no-audit --no-fund \
  && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.cts' -o -name '*.d.mts' \) -delete

# Runtime stage: compiled API + built console + production dependencies only.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# replay: skip (the folder belongs to the image's `node` user)
RUN install -d -o node -g node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/api/backend/src/main.js"]
