import { loadEvidenceAlerts } from "@holmes/db/queries/evidence-alerts";
import { addHosts, listPollTargets } from "@holmes/db/queries/hosts";
import { evidenceAlerts } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { describe, expect, it } from "vitest";
import { evidenceAlertsOf } from "./store";

const NOW = new Date("2026-06-01T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe.each(testDatabaseKinds())("grouped reads on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("reads evidence alerts of polls in flight together, each in its own window", async () => {
    const { db } = database();
    await addHosts(db, [
      { name: "alerts-a", address: "192.0.2.40" },
      { name: "alerts-b", address: "192.0.2.41" },
    ]);
    const [a, b] = (await listPollTargets(db, ["alerts-a", "alerts-b"])).map((t) => t.id);
    if (!a || !b) throw new Error("hosts not added");
    const alert = (hostId: string, kind: string, observedAt: Date) => ({
      hostId,
      kind,
      subject: "md0",
      itemKey: "md:md0",
      message: `${kind} on md0`,
      detail: {},
      observedAt,
    });
    await db
      .insert(evidenceAlerts)
      .values([
        alert(a, "events-diverged", hoursAgo(40)),
        alert(a, "slot-serial-changed", hoursAgo(2)),
        alert(a, "array-gone", hoursAgo(1)),
        alert(b, "slot-serial-changed", hoursAgo(2.5)),
      ]);
    const asked = [
      { hostId: a, since: hoursAgo(3) },
      { hostId: a, since: hoursAgo(1.5) },
      { hostId: b, since: hoursAgo(3) },
      { hostId: b, since: hoursAgo(2) },
    ];
    // Asked in the same tick: one grouped read from the earliest window.
    const grouped = await Promise.all(asked.map((r) => evidenceAlertsOf(db, r.hostId, r.since)));
    const alone = await Promise.all(asked.map((r) => loadEvidenceAlerts(db, r.hostId, r.since)));
    expect(grouped).toEqual(alone);
    expect(grouped.map((alerts) => alerts.map((x) => x.kind))).toEqual([
      ["array-gone", "slot-serial-changed", "events-diverged"],
      ["array-gone", "events-diverged"],
      ["slot-serial-changed"],
      [],
    ]);
  });
});
