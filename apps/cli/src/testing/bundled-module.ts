// A module for import-bundled.test.ts: one package from node_modules and its own location.
import { z } from "zod";

export const zod = z;
export const ownUrl = import.meta.url;
export const ownDirname = import.meta.dirname;
