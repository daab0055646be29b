import type { Role } from "@holmes/core";
import type { Database } from "@holmes/db/client";
import { addHosts } from "@holmes/db/queries/hosts";
import { auditLog, disks, hosts, users } from "@holmes/db/schema";
import { testDatabaseKinds, useTestDatabase } from "@holmes/db/testing";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, createTestAuth, fakeUser } from "../../testing";

async function ensureUsers(db: Database) {
  for (const role of ["viewer", "responder", "admin"] as Role[]) {
    const user = fakeUser(role);
    await db
      .insert(users)
      .values({ id: user.id, name: user.name, email: user.email, role })
      .onConflictDoNothing();
  }
}

async function ensureHosts(db: Database, names: string[], groups: string[]) {
  await addHosts(
    db,
    names.map((name) => ({ name, address: "127.0.0.1", groups })),
  );
  const rows = await db.select().from(hosts).where(inArray(hosts.name, names));
  return rows.map((row) => row.id);
}

describe.each(testDatabaseKinds())("postmortem router on %s", (kind) => {
  const database = useTestDatabase(kind);
  const caller = (role: Role | null) => {
    const { db } = database();
    return callerFor(db, createTestAuth(db), role);
  };

  async function resolvedIncident(title: string, hostIds: string[] = []) {
    await ensureUsers(database().db);
    const incident = await caller("responder").incident.declare({
      title,
      severity: 2,
      hostIds,
      findingIds: [],
    });
    await caller("responder").incident.update({
      incidentId: incident.id,
      expectedVersion: incident.version,
      status: "resolved",
    });
    return incident;
  }

  it("drafts, refuses a stale save naming who and when, and walks the review", async () => {
    const incident = await resolvedIncident("NFS handles went stale");
    await expect(
      caller("viewer").postmortem.create({ incidentId: incident.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const created = await caller("responder").postmortem.create({ incidentId: incident.id });
    expect(await caller("viewer").postmortem.forIncident({ incidentId: incident.id })).toEqual({
      id: created.id,
    });

    const first = await caller("responder").postmortem.update({
      id: created.id,
      expectedVersion: created.version,
      sections: { rootCauses: "The failover left clients on the old export." },
    });
    expect(first.version).toBe(created.version + 1);
    // A second editor still on the old version: refused, and nothing they sent is stored.
    await expect(
      caller("admin").postmortem.update({
        id: created.id,
        expectedVersion: created.version,
        sections: { rootCauses: "overwritten" },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Changed by Test responder at \d{4}-\d\d-\d\dT/),
    });
    const afterConflict = await caller("viewer").postmortem.byId({ id: created.id });
    expect(afterConflict.sections.rootCauses).toBe("The failover left clients on the old export.");

    const submitted = await caller("responder").postmortem.submit({
      id: created.id,
      expectedVersion: first.version,
    });
    expect(submitted.status).toBe("in_review");
    await caller("admin").postmortem.comment({
      id: created.id,
      section: "rootCauses",
      body: "Which export? Name it.",
    });
    await expect(
      caller("responder").postmortem.approve({
        id: created.id,
        expectedVersion: submitted.version,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/author/) });
    const approved = await caller("admin").postmortem.approve({
      id: created.id,
      expectedVersion: submitted.version,
    });
    expect(approved.status).toBe("approved");
    await expect(
      caller("responder").postmortem.update({
        id: created.id,
        expectedVersion: approved.version,
        sections: { summary: "late edit" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/read-only/) });
    await expect(
      caller("admin").postmortem.comment({ id: created.id, section: "summary", body: "late" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const published = await caller("responder").postmortem.publish({
      id: created.id,
      expectedVersion: approved.version,
    });
    expect(published.status).toBe("published");
    await expect(
      caller("responder").postmortem.submit({ id: created.id, expectedVersion: published.version }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const reopened = await caller("admin").postmortem.reopen({
      id: created.id,
      expectedVersion: published.version,
      reason: "The export name was wrong",
    });
    expect(reopened.status).toBe("draft");
    const detail = await caller("viewer").postmortem.byId({ id: created.id });
    expect(detail.comments).toMatchObject([{ section: "rootCauses", authorName: "Test admin" }]);
    expect(detail.approvals).toMatchObject([{ approverName: "Test admin" }]);
    expect(detail.revisions.map((r) => r.kind)).toEqual([
      "reopened",
      "published",
      "approved",
      "in_review",
      "updated",
    ]);
    const audit = await database()
      .db.select()
      .from(auditLog)
      .where(eq(auditLog.action, "postmortem.reopen"));
    expect(audit).toMatchObject([
      {
        targetId: created.id,
        detail: expect.objectContaining({ reason: "The export name was wrong" }),
      },
    ]);
  });

  it("exports the kept timeline entries only and rejects bad input", async () => {
    const incident = await resolvedIncident("md0 read-only after reboot");
    const created = await caller("responder").postmortem.create({ incidentId: incident.id });
    const draft = await caller("viewer").postmortem.byId({ id: created.id });
    const declared = draft.timeline.find((item) => item.kind === "declared");
    const statusChange = draft.timeline.find((item) => item.kind === "status_changed");
    expect(declared && statusChange).toBeTruthy();
    await caller("responder").postmortem.update({
      id: created.id,
      expectedVersion: draft.version,
      keptTimelineKeys: [statusChange?.key ?? ""],
      sections: { trigger: "A | pipe and\nnewline" },
    });
    const exported = await caller("viewer").postmortem.exportMarkdown({ id: created.id });
    expect(exported.fileName).toBe(`INC-${incident.number}-md0-read-only-after-reboot.md`);
    expect(exported.markdown).toContain("## Where we got lucky");
    expect(exported.markdown).toMatch(
      /\| lifecycle \| Test responder \| status changed: investigating → resolved \|/,
    );
    expect(exported.markdown).not.toContain("| declared");
    await expect(
      caller("responder").postmortem.update({
        id: created.id,
        expectedVersion: 1,
        sections: { notASection: "x" } as never,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller("responder").postmortem.actionItem.create({
        postmortemId: created.id,
        title: "Add a check",
        link: "javascript:alert(1)",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller("responder").postmortem.actionItem.create({
        postmortemId: created.id,
        title: "Update firmware",
        target: { kind: "disk_firmware", value: "x'; drop table hosts; --" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("searches post-mortems and incidents by words, and ranks similar incidents with reasons", async () => {
    const { db } = database();
    const [a, b] = await ensureHosts(db, ["stor-s01", "stor-s02"], ["storage"]);
    const now = new Date();
    await db.insert(disks).values([
      { hostId: a ?? "", name: "sda", model: "ST4000NM0035", firmware: "TN02", observedAt: now },
      { hostId: b ?? "", name: "sda", model: "ST4000NM0035", firmware: "TN02", observedAt: now },
    ]);
    const first = await resolvedIncident("Superblocks overwritten by the installer", [a ?? ""]);
    const second = await resolvedIncident("Slow resync", [b ?? ""]);
    const third = await resolvedIncident("Unrelated web outage");
    const created = await caller("responder").postmortem.create({ incidentId: first.id });
    await caller("responder").postmortem.update({
      id: created.id,
      expectedVersion: 1,
      sections: { rootCauses: "The kickstart partitioned every disk it found." },
    });
    const found = await caller("viewer").postmortem.search({ text: "kickstart partitions" });
    expect(found.postmortems.map((p) => p.id)).toEqual([created.id]);
    expect(found.incidents).toEqual([]);
    const byIncident = await caller("viewer").postmortem.search({ text: "overwritten superblock" });
    expect(byIncident.incidents.map((i) => i.id)).toEqual([first.id]);
    expect(byIncident.postmortems.map((p) => p.id)).toEqual([created.id]);
    const listed = await caller("viewer").postmortem.list({ text: "kickstart" });
    expect(listed.items.map((p) => p.id)).toEqual([created.id]);

    const similar = await caller("viewer").postmortem.similar({ incidentId: first.id });
    expect(similar.map((s) => s.id)).toEqual([second.id]);
    expect(similar[0]?.reasons).toEqual([
      "same disk firmware: ST4000NM0035 firmware TN02",
      "same disk model: ST4000NM0035",
    ]);
    expect(similar.map((s) => s.id)).not.toContain(third.id);
  });

  it("tracks an action item per matching host and lists it overdue until done", async () => {
    const { db } = database();
    const hostIds = await ensureHosts(db, ["stor-t01", "stor-t02", "web-t01"], []);
    await db
      .update(hosts)
      .set({ groups: ["nfs-servers"] })
      .where(inArray(hosts.name, ["stor-t01", "stor-t02"]));
    const incident = await resolvedIncident("NFS failover");
    const created = await caller("responder").postmortem.create({ incidentId: incident.id });
    const preview = await caller("viewer").postmortem.actionItem.previewTarget({
      kind: "group",
      value: "nfs-servers",
    });
    expect(preview).toEqual({ count: 2, sample: ["stor-t01", "stor-t02"] });
    const item = await caller("responder").postmortem.actionItem.create({
      postmortemId: created.id,
      title: "Block client traffic during failover",
      ownerId: fakeUser("responder").id,
      dueDate: "2020-01-31",
      target: { kind: "group", value: "nfs-servers" },
    });
    const overdue = await caller("viewer").postmortem.actionItem.overdue();
    expect(overdue).toMatchObject([{ id: item.id, progress: { done: 0, total: 2 } }]);
    await caller("responder").postmortem.actionItem.setHostDone({
      id: item.id,
      hostId: hostIds.find((_, i) => i === 0) ?? "",
      isDone: true,
    });
    const detail = await caller("viewer").postmortem.byId({ id: created.id });
    expect(detail.actionItems[0]?.progress).toEqual({ done: 1, total: 2 });
    // A host that leaves the group stays listed (its progress kept) but no longer matches.
    await db.update(hosts).set({ groups: [] }).where(eq(hosts.name, "stor-t02"));
    await caller("responder").postmortem.actionItem.refreshHosts({ id: item.id });
    const refreshed = await caller("viewer").postmortem.byId({ id: created.id });
    expect(refreshed.actionItems[0]?.hosts.map((h) => [h.hostName, h.stillMatches])).toEqual([
      ["stor-t01", true],
      ["stor-t02", false],
    ]);
    await caller("responder").postmortem.actionItem.update({ id: item.id, status: "done" });
    expect(await caller("viewer").postmortem.actionItem.overdue()).toEqual([]);
    await expect(
      caller("viewer").postmortem.actionItem.update({ id: item.id, status: "open" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
