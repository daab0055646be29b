CREATE TABLE "collector_status" (
	"instance" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_cycle_at" timestamp with time zone NOT NULL,
	"last_cycle_duration_ms" integer NOT NULL,
	"hosts_polled" integer NOT NULL,
	"hosts_failed" integer NOT NULL,
	"poll_interval_ms" integer NOT NULL
);
