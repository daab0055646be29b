CREATE TABLE "group_poll_intervals" (
	"group_name" text PRIMARY KEY NOT NULL,
	"state_interval_seconds" integer,
	"smart_interval_seconds" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_poll_intervals_state_bounds" CHECK ("group_poll_intervals"."state_interval_seconds" is null or "group_poll_intervals"."state_interval_seconds" between 10 and 3600),
	CONSTRAINT "group_poll_intervals_smart_bounds" CHECK ("group_poll_intervals"."smart_interval_seconds" is null or "group_poll_intervals"."smart_interval_seconds" between 120 and 86400)
);
