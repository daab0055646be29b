// Fails when the drizzle schema and the committed migrations disagree: drizzle-kit generates into a
// scratch copy of drizzle/, and any new migration there means someone forgot `npm run db:generate`.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

// drizzle-kit takes --out relative to the working directory, so the scratch copy lives in the repo.
const scratch = join(".turbo", `migrations-check-${process.pid}`);
mkdirSync(".turbo", { recursive: true });
try {
  cpSync("drizzle", scratch, { recursive: true });
  const before = readdirSync(scratch).filter((f) => f.endsWith(".sql"));
  const drizzleKit = "node_modules/.bin/drizzle-kit";
  const common = [
    "--dialect",
    "postgresql",
    "--schema",
    "packages/db/src/schema/index.ts",
    "--out",
    scratch,
    "--casing",
    "snake_case",
  ];
  execFileSync(drizzleKit, ["check", "--dialect", "postgresql", "--out", scratch], {
    stdio: "inherit",
  });
  execFileSync(drizzleKit, ["generate", ...common, "--name", "pending"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const added = readdirSync(scratch).filter((f) => f.endsWith(".sql") && !before.includes(f));
  if (added.length > 0) {
    console.error(
      "migrations: the schema has changes with no committed migration. Run: npm run db:generate -- --name <what_changed>",
    );
    process.exit(1);
  }
  console.log(`migrations: ${before.length} committed, schema in sync`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
