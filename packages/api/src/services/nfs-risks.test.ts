import type { MountDetail } from "@holmes/db/queries/host-detail";
import { describe, expect, it } from "vitest";
import { mountRisks } from "./nfs-risks";

const nfs = (options: Partial<NonNullable<MountDetail["nfs"]>>): MountDetail => ({
  mountPoint: "/mnt/images",
  source: "fs1:/export/images",
  fstype: "nfs",
  options: "",
  isDeleted: false,
  nfs: {
    server: "fs1",
    export: "/export/images",
    vers: "3",
    proto: "tcp",
    hard: true,
    soft: false,
    softerr: false,
    timeo: 600,
    retrans: 2,
    intr: null,
    readOnly: false,
    ...options,
  },
});

describe("mountRisks", () => {
  it("flags soft on a read-write mount (warning) and intr (info), as the findings do", () => {
    const risks = mountRisks(nfs({ soft: true, hard: false, intr: true }));
    expect(risks.map((r) => [r.option, r.severity])).toEqual([
      ["soft", "warning"],
      ["intr", "info"],
    ]);
    expect(risks[0]?.explanation).toMatch(/silently lost or corrupted/);
  });

  it("accepts soft on a read-only mount and a plain hard mount", () => {
    expect(mountRisks(nfs({ soft: true, readOnly: true }))).toEqual([]);
    expect(mountRisks(nfs({}))).toEqual([]);
  });

  it("flags a deleted local mount", () => {
    const local = { ...nfs({}), nfs: null, fstype: "xfs", isDeleted: true };
    expect(mountRisks(local).map((r) => r.option)).toEqual(["(deleted)"]);
  });
});
