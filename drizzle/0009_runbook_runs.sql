CREATE TABLE "custom_runbook_versions" (
	"runbook_id" text NOT NULL,
	"version" integer NOT NULL,
	"markdown" text NOT NULL,
	"content_hash" text NOT NULL,
	"author_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_runbook_versions_runbook_id_version_pk" PRIMARY KEY("runbook_id","version")
);
--> statement-breakpoint
CREATE TABLE "custom_runbooks" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"version" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runbook_check_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"check_id" text NOT NULL,
	"host_id" uuid NOT NULL,
	"requested_by" text,
	"probe" text NOT NULL,
	"args" jsonb NOT NULL,
	"expect" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"summary" text,
	"details" jsonb,
	"raw_output" text,
	"collector" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "runbook_gates" (
	"run_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"requested_by" text,
	"requested_at" timestamp with time zone NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone,
	"ready_at" timestamp with time zone,
	CONSTRAINT "runbook_gates_run_id_step_index_pk" PRIMARY KEY("run_id","step_index")
);
--> statement-breakpoint
CREATE TABLE "runbook_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"runbook_id" text NOT NULL,
	"runbook_source" text NOT NULL,
	"runbook_version" integer,
	"content_hash" text NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"bindings" jsonb NOT NULL,
	"host_id" uuid,
	"incident_id" uuid,
	"finding_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"step_count" integer NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runbook_step_outcomes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "custom_runbook_versions" ADD CONSTRAINT "custom_runbook_versions_runbook_id_custom_runbooks_id_fk" FOREIGN KEY ("runbook_id") REFERENCES "public"."custom_runbooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_runbook_versions" ADD CONSTRAINT "custom_runbook_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_runbooks" ADD CONSTRAINT "custom_runbooks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_runbooks" ADD CONSTRAINT "custom_runbooks_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_check_runs" ADD CONSTRAINT "runbook_check_runs_run_id_runbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runbook_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_check_runs" ADD CONSTRAINT "runbook_check_runs_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_check_runs" ADD CONSTRAINT "runbook_check_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_gates" ADD CONSTRAINT "runbook_gates_run_id_runbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runbook_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_gates" ADD CONSTRAINT "runbook_gates_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_gates" ADD CONSTRAINT "runbook_gates_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_runs" ADD CONSTRAINT "runbook_runs_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_runs" ADD CONSTRAINT "runbook_runs_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_runs" ADD CONSTRAINT "runbook_runs_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_runs" ADD CONSTRAINT "runbook_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_step_outcomes" ADD CONSTRAINT "runbook_step_outcomes_run_id_runbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runbook_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_step_outcomes" ADD CONSTRAINT "runbook_step_outcomes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runbook_check_runs_queued" ON "runbook_check_runs" USING btree ("requested_at") WHERE "runbook_check_runs"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "runbook_check_runs_run_id_step_index_check_id_requested_at_index" ON "runbook_check_runs" USING btree ("run_id","step_index","check_id","requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "runbook_runs_incident_id_index" ON "runbook_runs" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "runbook_runs_finding_id_index" ON "runbook_runs" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "runbook_runs_started_at_index" ON "runbook_runs" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "runbook_step_outcomes_run_id_step_index_index" ON "runbook_step_outcomes" USING btree ("run_id","step_index");