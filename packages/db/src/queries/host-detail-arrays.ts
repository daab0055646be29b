import { AppError } from "@holmes/core";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { arrayExpectations, mdArrays, mdMembers, users } from "../schema";
import type { DiskDetail } from "./host-detail-storage";

export type ArrayMemberDetail = {
  device: string;
  /** The RaidDevice number (null for a spare or an unknown role). */
  slot: number | null;
  role: string | null;
  stateFlags: string[];
  isFaulty: boolean;
  isSpare: boolean;
  diskSerial: string | null;
  /** The disk behind the member, matched by serial (drive letters move, serials do not). */
  disk: { name: string; model: string | null; capacityBytes: number | null } | null;
};

export type ArrayDetail = {
  name: string;
  uuid: string | null;
  level: string | null;
  state: string;
  readOnly: boolean;
  degraded: boolean;
  raidDisks: number | null;
  activeDisks: number | null;
  /** mdstat's `[UU_U]`: one character per slot, `_` is a missing copy. */
  statusString: string | null;
  layout: string | null;
  chunkKb: number | null;
  syncAction: string | null;
  syncPercent: number | null;
  syncSpeedKbps: number | null;
  /** mdstat's own estimate, as of `observedAt`. */
  syncFinishMinutes: number | null;
  observedAt: Date;
  /** A responder's "degraded by design" mark, with who set it and why. */
  expectation: {
    isDegradedByDesign: boolean;
    note: string | null;
    setAt: Date;
    setByName: string | null;
  } | null;
  members: ArrayMemberDetail[];
};

/** The host's md arrays with their members ordered by slot (spares last) and the disks behind. */
export async function loadArrays(
  db: Database,
  hostId: string,
  disks: readonly DiskDetail[],
): Promise<ArrayDetail[]> {
  const [arrays, members, expectations] = await Promise.all([
    db
      .select({
        name: mdArrays.name,
        uuid: mdArrays.uuid,
        level: mdArrays.level,
        state: mdArrays.state,
        readOnly: mdArrays.readOnly,
        degraded: mdArrays.degraded,
        raidDisks: mdArrays.raidDisks,
        activeDisks: mdArrays.activeDisks,
        statusString: mdArrays.statusString,
        layout: mdArrays.layout,
        chunkKb: mdArrays.chunkKb,
        syncAction: mdArrays.syncAction,
        syncPercent: mdArrays.syncPercent,
        syncSpeedKbps: mdArrays.syncSpeedKbps,
        syncFinishMinutes: mdArrays.syncFinishMinutes,
        observedAt: mdArrays.observedAt,
      })
      .from(mdArrays)
      .where(eq(mdArrays.hostId, hostId))
      .orderBy(asc(mdArrays.name)),
    db
      .select({
        arrayName: mdMembers.arrayName,
        device: mdMembers.device,
        slot: mdMembers.slot,
        role: mdMembers.role,
        stateFlags: mdMembers.stateFlags,
        isFaulty: mdMembers.isFaulty,
        isSpare: mdMembers.isSpare,
        diskSerial: mdMembers.diskSerial,
      })
      .from(mdMembers)
      .where(eq(mdMembers.hostId, hostId))
      .orderBy(asc(mdMembers.slot), asc(mdMembers.device)),
    loadExpectations(db, hostId),
  ]);
  const diskBySerial = new Map(disks.flatMap((d) => (d.serial ? [[d.serial, d] as const] : [])));
  return arrays.map((array) => ({
    ...array,
    expectation: expectations.get(array.name) ?? null,
    members: members
      .filter((member) => member.arrayName === array.name)
      .map(({ arrayName: _, ...member }) => {
        const disk = member.diskSerial ? diskBySerial.get(member.diskSerial) : undefined;
        return {
          ...member,
          disk: disk
            ? { name: disk.name, model: disk.model, capacityBytes: disk.capacityBytes }
            : null,
        };
      }),
  }));
}

async function loadExpectations(db: Database, hostId: string) {
  const rows = await db
    .select({
      arrayName: arrayExpectations.arrayName,
      isDegradedByDesign: arrayExpectations.isDegradedByDesign,
      note: arrayExpectations.note,
      setAt: arrayExpectations.setAt,
      setByName: users.name,
    })
    .from(arrayExpectations)
    .leftJoin(users, eq(users.id, arrayExpectations.setBy))
    .where(eq(arrayExpectations.hostId, hostId));
  return new Map(rows.map(({ arrayName, ...rest }) => [arrayName, rest] as const));
}

export type SetArrayExpectationInput = {
  hostId: string;
  arrayName: string;
  isDegradedByDesign: boolean;
  note: string | null;
  /** null only for writes made outside a signed-in session (tests, the CLI). */
  userId: string | null;
  now: Date;
};

/**
 * Records a responder's statement about an array. It outlives polls (md_arrays is replaced every
 * poll); the findings engine reads it on the next evaluation, so the finding changes then.
 */
export async function setArrayExpectation(db: Database, input: SetArrayExpectationInput) {
  const [array] = await db
    .select({ name: mdArrays.name })
    .from(mdArrays)
    .where(and(eq(mdArrays.hostId, input.hostId), eq(mdArrays.name, input.arrayName)));
  if (!array) {
    throw new AppError("NOT_FOUND", {
      userMessage: `The host has no array ${input.arrayName} in its latest report.`,
    });
  }
  const values = {
    isDegradedByDesign: input.isDegradedByDesign,
    note: input.note,
    setBy: input.userId,
    setAt: input.now,
  };
  const [row] = await db
    .insert(arrayExpectations)
    .values({ hostId: input.hostId, arrayName: input.arrayName, ...values })
    .onConflictDoUpdate({
      target: [arrayExpectations.hostId, arrayExpectations.arrayName],
      set: values,
    })
    .returning({
      hostId: arrayExpectations.hostId,
      arrayName: arrayExpectations.arrayName,
      isDegradedByDesign: arrayExpectations.isDegradedByDesign,
      note: arrayExpectations.note,
      setAt: arrayExpectations.setAt,
    });
  if (!row)
    throw new AppError("INTERNAL", { message: "array expectation upsert returned nothing" });
  return row;
}
