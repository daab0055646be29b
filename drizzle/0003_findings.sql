CREATE TABLE "array_expectations" (
	"host_id" uuid NOT NULL,
	"array_name" text NOT NULL,
	"is_degraded_by_design" boolean DEFAULT false NOT NULL,
	"note" text,
	"set_by" text,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "array_expectations_host_id_array_name_pk" PRIMARY KEY("host_id","array_name")
);
--> statement-breakpoint
CREATE TABLE "array_slot_serials" (
	"host_id" uuid NOT NULL,
	"array_name" text NOT NULL,
	"slot" integer NOT NULL,
	"serial" text NOT NULL,
	"previous_serial" text,
	"changed_at" timestamp with time zone,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "array_slot_serials_host_id_array_name_slot_pk" PRIMARY KEY("host_id","array_name","slot")
);
--> statement-breakpoint
CREATE TABLE "finding_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"finding_id" uuid NOT NULL,
	"host_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"actor_id" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"object_kind" text NOT NULL,
	"object_name" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"explanation" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"runbook_id" text,
	"state" text DEFAULT 'open' NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledge_note" text,
	"acknowledged_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "array_expectations" ADD CONSTRAINT "array_expectations_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "array_expectations" ADD CONSTRAINT "array_expectations_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "array_slot_serials" ADD CONSTRAINT "array_slot_serials_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finding_events_host_id_at_index" ON "finding_events" USING btree ("host_id","at");--> statement-breakpoint
CREATE INDEX "finding_events_at_index" ON "finding_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_unresolved_key" ON "findings" USING btree ("host_id","rule_id","object_kind","object_name") WHERE "findings"."state" <> 'resolved';--> statement-breakpoint
CREATE INDEX "findings_unresolved_by_severity" ON "findings" USING btree ("severity","last_seen_at" DESC NULLS LAST) WHERE "findings"."state" <> 'resolved';--> statement-breakpoint
CREATE INDEX "findings_host_id_first_seen_at_index" ON "findings" USING btree ("host_id","first_seen_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "md_arrays" DROP COLUMN "is_degraded_by_design";