/**
 * bench/api: the fleet overview and host page queries on a large fleet with 30 days of history,
 * on real Postgres (DATABASE_URL; a scratch database is made and dropped) or PGlite without it.
 * Seeded with SQL (generate_series) at the density the collector's defaults leave after history
 * thinning (packages/db/src/queries/history-retention.ts): per disk 144 full-resolution SMART
 * samples (24 h at 10 min) + 144 hourly (days 2–7) + 23 daily = 311; per NFS mount 1,440 (24 h at
 * 1 min) + 696 hourly (days 2–30) = 2,136. Prints the row counts and p50/p95 per query.
 * Targets on this machine: fleet overview p95 ≤ 50 ms, host page ≤ 100 ms.
 *
 * Run: DATABASE_URL=postgres://… node --import tsx bench/api.ts
 */
import { loadavg } from "node:os";
import { callerFor, createTestAuth } from "@holmes/api/testing";
import { createTestDatabase } from "@holmes/db/testing";
import { sql } from "drizzle-orm";
import { SEED_STATEMENTS } from "./api/seed";
import { benchEnv } from "./env";

const database = await createTestDatabase(benchEnv.DATABASE_URL ? "postgres" : "pglite");
const { db } = database;
const now = new Date();
// Through the tRPC caller, as the pages call them: input validation and output included.
const viewer = callerFor(db, createTestAuth(db), "viewer");

console.log(
  `bench/api on ${database.kind} (load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")})`,
);
const seedStarted = performance.now();
for (const [label, statement] of SEED_STATEMENTS) {
  const started = performance.now();
  await db.execute(statement(now));
  console.log(
    `  seeded ${label.padEnd(20)} ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
await db.execute(sql`analyze`);
console.log(`seed: ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
const counts = await db.execute<{ table: string; rows: string }>(sql`
  select 'hosts' as table, count(*)::text as rows from hosts
  union all select 'disks', count(*)::text from disks
  union all select 'md_arrays', count(*)::text from md_arrays
  union all select 'md_members', count(*)::text from md_members
  union all select 'mounts', count(*)::text from mounts
  union all select 'findings (unresolved)', count(*)::text from findings where state <> 'resolved'
  union all select 'findings (resolved)', count(*)::text from findings where state = 'resolved'
  union all select 'kernel_events', count(*)::text from kernel_events
  union all select 'smart_samples', count(*)::text from smart_samples
  union all select 'nfs_samples', count(*)::text from nfs_samples
  union all select 'array_sync_samples', count(*)::text from array_sync_samples`);
for (const row of counts)
  console.log(`  ${row.table.padEnd(24)} ${Number(row.rows).toLocaleString("en")}`);

async function time(label: string, target: number | null, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < 60; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  const verdict =
    target === null ? "" : `  target p95 ≤ ${target} ms: ${p(0.95) <= target ? "PASS" : "FAIL"}`;
  console.log(
    `${label.padEnd(44)} p50 ${p(0.5).toFixed(1).padStart(6)} ms  p95 ${p(0.95).toFixed(1).padStart(6)} ms${verdict}`,
  );
}

const hostName = (i: number) => `bench-${String((i * 37) % 1000).padStart(4, "0")}`;
await time("fleet overview (1,000 hosts, no filter)", 50, () => viewer.fleet.overview({}));
await time("fleet overview (filter: critical)", 50, () =>
  viewer.fleet.overview({ healths: ["critical"] }),
);
await time("open findings list (first 10)", 50, () => viewer.finding.list({ limit: 10 }));
await time("host page: host detail", 100, (i) => viewer.host.byId({ host: hostName(i) }));
const hostIds = await db.execute<{ id: string; name: string }>(sql`select id, name from hosts`);
const idOf = new Map([...hostIds].map((h) => [h.name, h.id]));
for (const range of ["24h", "7d", "30d"] as const) {
  await time(`host page: SMART chart of one disk, ${range}`, 100, (i) =>
    viewer.host.series({
      hostId: idOf.get(hostName(i)) ?? "",
      range,
      subject: { kind: "disk", serial: `${hostName(i)}-d03` },
    }),
  );
  await time(`host page: NFS chart of one mount, ${range}`, 100, (i) =>
    viewer.host.series({
      hostId: idOf.get(hostName(i)) ?? "",
      range,
      subject: { kind: "mount", mountPoint: "/mnt/nfs0" },
    }),
  );
}
await database.close();
process.exit(0);
