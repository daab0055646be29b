# One image for web, collector and the CLI (TypeScript source run through tsx, the collector
# bundled by esbuild as it starts, into the temporary directory; web prebuilt).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# The shipped runbooks (COPY . . brings runbooks/); bundled code cannot find them relative to itself.
ENV HOLMES_RUNBOOKS_DIR=/app/runbooks
COPY package.json package-lock.json ./
COPY apps/cli/package.json apps/cli/
COPY apps/collector/package.json apps/collector/
COPY apps/web/package.json apps/web/
COPY packages/api/package.json packages/api/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/findings/package.json packages/findings/
COPY packages/inventory/package.json packages/inventory/
COPY packages/probes/package.json packages/probes/
COPY packages/runbooks/package.json packages/runbooks/
COPY packages/ui/package.json packages/ui/
COPY tooling/checks/package.json tooling/checks/
RUN npm ci --no-audit --no-fund
COPY . .
RUN cd apps/web && HOLMES_SKIP_ENV_VALIDATION=1 npx next build
USER node
