/** Every built-in scenario by id. */
import { diskWearoutRebuild } from "./disk-wearout-rebuild";
import { mdSplitOnCreate } from "./md-split-on-create";
import { nfsFailover } from "./nfs-failover";
import { raid6GrowOldKernel } from "./raid6-grow-old-kernel";
import { superblockOverwrite } from "./superblock-overwrite";
import { swiotlbCrash } from "./swiotlb-crash";
import type { Scenario, ScenarioId } from "./timeline";

export const SCENARIOS: Readonly<Record<ScenarioId, Scenario>> = {
  "md-split-on-create": mdSplitOnCreate,
  "disk-wearout-rebuild": diskWearoutRebuild,
  "superblock-overwrite": superblockOverwrite,
  "nfs-failover": nfsFailover,
  "raid6-grow-old-kernel": raid6GrowOldKernel,
  "swiotlb-crash": swiotlbCrash,
};
