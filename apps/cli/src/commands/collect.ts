import { parseArgs } from "node:util";
import {
  collectHosts,
  createKeyResolver,
  loadCollectorEnv,
  settingsFromEnv,
} from "@holmes/collector";
import { createDb } from "@holmes/db/client";
import { listPollTargets } from "@holmes/db/queries/hosts";
import { SshConnectionPool } from "@holmes/probes/ssh";

/** `holmes collect --once [--host NAME]… [--json]`: one poll of every (or the named) host. */
export async function collectCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      once: { type: "boolean", default: false },
      host: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.once) {
    console.error(
      "holmes collect: only --once is supported here; `holmes collector` runs continuously",
    );
    return 2;
  }
  const env = loadCollectorEnv();
  const handle = createDb({
    url: env.DATABASE_URL,
    max: 5,
    applicationName: "holmes-collect-once",
  });
  const pool = new SshConnectionPool();
  try {
    const targets = await listPollTargets(handle.db, values.host);
    const settings = settingsFromEnv(env);
    const privateKeyFor = createKeyResolver({
      defaultKeyPath: env.HOLMES_SSH_KEY_PATH,
      credentialsKey: env.HOLMES_CREDENTIALS_KEY,
    });
    const results = await collectHosts(
      { db: handle.db, pool, settings, privateKeyFor, now: () => new Date() },
      targets,
    );
    if (values.json) {
      console.log(
        JSON.stringify(
          results.map(({ outcome, ...rest }) => ({
            ...rest,
            snapshot: outcome?.ok ? outcome.snapshot : null,
          })),
          null,
          2,
        ),
      );
    } else {
      for (const r of results) console.log(summaryLine(r));
    }
    return results.every(
      (r) => r.status === "ok" || r.status === "partial" || r.status === "skipped",
    )
      ? 0
      : 1;
  } finally {
    pool.closeAll();
    await handle.close();
  }
}

function summaryLine(result: Awaited<ReturnType<typeof collectHosts>>[number]): string {
  const head = `${result.host.padEnd(20)} ${result.status.padEnd(16)} ${String(result.durationMs).padStart(6)} ms`;
  if (!result.outcome?.ok) return `${head}  ${result.message}`;
  const s = result.outcome.snapshot;
  const degraded = s.arrays.filter((a) => a.degraded).map((a) => a.name);
  const facts = [
    `${s.arrays.length} arrays${degraded.length ? ` (degraded: ${degraded.join(", ")})` : ""}`,
    s.disks ? `${s.disks.length} disks` : "SMART not due",
    `${s.mounts.filter((m) => m.nfs).length} NFS mounts`,
    `${s.loopDevices.length} loop`,
    `${s.kernelEvents.length} kernel events`,
  ];
  return `${head}  ${facts.join(", ")}${result.message ? `  [${result.message}]` : ""}`;
}
