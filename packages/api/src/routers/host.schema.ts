import { z } from "zod";

/** A host by id or by name: links use the name, which is what people read and type. */
export const HostByIdInputSchema = z.object({ host: z.string().trim().min(1).max(253) });

export const SeriesRangeSchema = z.enum(["24h", "7d", "30d"]);

export const HostSeriesInputSchema = z.object({
  hostId: z.uuid(),
  range: SeriesRangeSchema,
  subject: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("disk"), serial: z.string().min(1).max(200) }),
    z.object({ kind: z.literal("mount"), mountPoint: z.string().min(1).max(4096) }),
    z.object({ kind: z.literal("arrays") }),
  ]),
});

export const ProbeRunOutputInputSchema = z.object({
  hostId: z.uuid(),
  runId: z.number().int().positive(),
});

export const SetArrayExpectationInputSchema = z
  .object({
    hostId: z.uuid(),
    arrayName: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "not an md array name"),
    isDegradedByDesign: z.boolean(),
    note: z.string().trim().max(2_000).nullable(),
  })
  .refine((input) => !input.isDegradedByDesign || (input.note ?? "").length > 0, {
    message: "Say why the array is degraded on purpose",
    path: ["note"],
  });
