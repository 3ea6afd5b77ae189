# syntax=docker/dockerfile:1
# Kurs production image: `docker build -t kurs .`, or `docker compose up --build` (docker-compose.yml).

FROM node:22-bookworm-slim AS build
WORKDIR /app
# --ignore-scripts: dependency install scripts would fetch Prisma's native engines (and npx rimraf
# for botbuilder-dialogs); Kurs needs neither. The client is generated offline by our own script,
# which needs the schema and config; copying only these first keeps the layer cached.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --ignore-scripts --no-audit --no-fund && npm run generate
COPY . .
# The generated Prisma client is TypeScript under src/generated, so tsc compiles it into dist/ and
# the runtime image needs neither the Prisma CLI nor a query engine.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
# DejaVu gives server-side chart rendering a font with German umlauts.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  PORT=3000
WORKDIR /app
# Code stays root-owned so the app cannot modify itself; only the PGlite data directory (used when
# DATABASE_URL is unset) is writable.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# prisma/ holds the SQL migrations the app applies at start (and schema.prisma marks the project root).
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/bin ./bin
RUN mkdir -p /app/.data && chown node:node /app/.data \
  && ln -s /app/bin/kurs.js /usr/local/bin/kurs
USER node
EXPOSE 3000
# Slim images have no curl; Node's fetch does the same job.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations run inside the app at start; `npm run worker`'s equivalent is node dist/jobs/worker.js.
CMD ["node", "dist/src/main.js"]
