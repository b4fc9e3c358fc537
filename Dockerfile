# syntax=docker/dockerfile:1
# Siyu: one image for the bot, the worker and migrations (pick with the command).

# ── build: dependencies, the Prisma client, compiled JavaScript ──
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
# postinstall runs `prisma generate` (offline: the Rust-free client, no engine download).
RUN npm install --no-audit --no-fund \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ── runtime: compiled code and production dependencies only, as a non-root user ──
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# For `prisma migrate deploy`: the schema, the migrations and the CLI's config (which reads src/kernel/config.ts).
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/prisma.config.ts ./
COPY --from=build --chown=node:node /app/src ./src
RUN mkdir -p /app/state && chown node:node /app/state
USER node
# The bot keeps its WeChat session (memory card) in its working directory: mount a volume there.
WORKDIR /app/state
CMD ["node", "--max-old-space-size=512", "/app/dist/src/main/bot.js"]
