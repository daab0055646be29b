-- Evidence contents are stored compressed (lsblk's JSON alone is about 20 kB a host): lz4 costs a
-- fraction of the CPU of pglz, Postgres's default, for a little less saving. A new fleet's first
-- cycle stores every host's contents at once, and pglz was a tenth of the server's time then.
-- A server built without lz4 (PGlite) keeps its default.
DO $$
BEGIN
  ALTER TABLE "evidence_versions" ALTER COLUMN "content" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
--> statement-breakpoint
-- Raw outputs arrive compressed (brotli, or gzip before): Postgres need not try again.
ALTER TABLE "probe_runs" ALTER COLUMN "raw_outputs" SET STORAGE EXTERNAL;
