import { parseArgs } from "node:util";
import { startSimServer } from "@holmes/probes/sim-server";
import { createFleet, SCENARIO_IDS, type ScenarioId } from "@holmes/probes/simulate";
import { loadCliEnv } from "../env";
import { ensureSimKeys } from "../sim-keys";

/** `holmes sim --hosts N [--scenario ID]… [--port P] [--speed S]`: the simulated fleet alone. */
export async function simCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      hosts: { type: "string", default: "24" },
      scenario: { type: "string", multiple: true },
      port: { type: "string", default: "2222" },
      speed: { type: "string", default: "1" },
      seed: { type: "string", default: "1" },
    },
  });
  const unknown = (values.scenario ?? []).filter(
    (s) => !(SCENARIO_IDS as readonly string[]).includes(s),
  );
  if (unknown.length > 0) {
    console.error(
      `holmes sim: unknown scenario ${unknown.join(", ")}; known: ${SCENARIO_IDS.join(", ")}`,
    );
    return 2;
  }
  const env = loadCliEnv();
  const keys = ensureSimKeys(env.HOLMES_DATA_DIR);
  const fleet = createFleet({
    hosts: Number(values.hosts),
    seed: Number(values.seed),
    scenarios: values.scenario ? (values.scenario as ScenarioId[]) : "all",
    epochMs: Date.now(),
    speed: Number(values.speed),
  });
  const server = await startSimServer({
    fleet,
    hostKey: keys.hostKey,
    authorizedKey: keys.clientPublicKey,
    port: Number(values.port),
  });
  console.log(
    `holmes sim: ${fleet.hosts.length} simulated hosts on 127.0.0.1:${server.port}; the SSH user picks the host`,
  );
  console.log(
    `holmes sim: e.g. ssh -i ${keys.clientKeyPath} -p ${server.port} ${fleet.hosts[0]?.hostname}@127.0.0.1`,
  );
  for (const [scenario, host] of Object.entries(fleet.scenarioHosts))
    console.log(`  ${host}: ${scenario}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await server.close();
  return 0;
}
