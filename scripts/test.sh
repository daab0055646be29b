#!/usr/bin/env bash
# The whole test suite: the README's test command (`npm test`) and what CI runs.
# Static checks first (fast, and a wrong import or schema drift fails before anything runs),
# then the production web build the browser tests drive, then every vitest project.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$1"; }

step "format and lint (biome)"
npx biome ci .

step "dependency direction (dependency-cruiser)"
npx depcruise apps packages --config .dependency-cruiser.cjs

step "types (tsc, every workspace)"
npx turbo run typecheck --output-logs=errors-only

step "migrations match the schema (drizzle-kit)"
node scripts/check-migrations.mjs

step "web production build"
(cd apps/web && HOLMES_SKIP_ENV_VALIDATION=1 npx next build > ../../.turbo/web-build.log 2>&1) || {
  tail -50 .turbo/web-build.log
  exit 1
}

step "tests (vitest: unit, database on PGlite and Postgres, SSH, browser)"
npx vitest run "$@"
