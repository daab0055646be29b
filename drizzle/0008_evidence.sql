CREATE TABLE "evidence_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"host_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"item_key" text NOT NULL,
	"version_id" bigint,
	"previous_version_id" bigint,
	"message" text NOT NULL,
	"detail" jsonb NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evidence_capture_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"host_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"context" jsonb NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"taken_at" timestamp with time zone,
	"capture_id" bigint
);
--> statement-breakpoint
CREATE TABLE "evidence_captures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"host_id" uuid NOT NULL,
	"probe_run_id" bigint,
	"reason" text NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"item_count" integer NOT NULL,
	"changed_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_heads" (
	"host_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"version_id" bigint NOT NULL,
	"sha256" text NOT NULL,
	"fingerprint" text NOT NULL,
	"is_absent" boolean NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evidence_heads_host_id_item_key_pk" PRIMARY KEY("host_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "evidence_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"host_id" uuid NOT NULL,
	"capture_id" bigint NOT NULL,
	"probe_run_id" bigint,
	"item_key" text NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"source" text NOT NULL,
	"content" text NOT NULL,
	"sha256" text NOT NULL,
	"fingerprint" text NOT NULL,
	"is_absent" boolean DEFAULT false NOT NULL,
	"summary" jsonb,
	"captured_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence_alerts" ADD CONSTRAINT "evidence_alerts_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_alerts" ADD CONSTRAINT "evidence_alerts_version_id_evidence_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."evidence_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_alerts" ADD CONSTRAINT "evidence_alerts_previous_version_id_evidence_versions_id_fk" FOREIGN KEY ("previous_version_id") REFERENCES "public"."evidence_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_capture_requests" ADD CONSTRAINT "evidence_capture_requests_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_capture_requests" ADD CONSTRAINT "evidence_capture_requests_capture_id_evidence_captures_id_fk" FOREIGN KEY ("capture_id") REFERENCES "public"."evidence_captures"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_captures" ADD CONSTRAINT "evidence_captures_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_heads" ADD CONSTRAINT "evidence_heads_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_heads" ADD CONSTRAINT "evidence_heads_version_id_evidence_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."evidence_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_versions" ADD CONSTRAINT "evidence_versions_capture_id_evidence_captures_id_fk" FOREIGN KEY ("capture_id") REFERENCES "public"."evidence_captures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_alerts_host_id_observed_at_index" ON "evidence_alerts" USING btree ("host_id","observed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "evidence_capture_requests_host_id_index" ON "evidence_capture_requests" USING btree ("host_id") WHERE "evidence_capture_requests"."taken_at" is null;--> statement-breakpoint
CREATE INDEX "evidence_captures_host_id_captured_at_index" ON "evidence_captures" USING btree ("host_id","captured_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "evidence_versions_host_id_item_key_captured_at_index" ON "evidence_versions" USING btree ("host_id","item_key","captured_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "evidence_versions_captured_at_index" ON "evidence_versions" USING btree ("captured_at");--> statement-breakpoint
-- A stored version is never rewritten: retention may delete one, nothing may change one.
CREATE TRIGGER evidence_versions_immutable BEFORE UPDATE ON evidence_versions
  FOR EACH ROW EXECUTE FUNCTION holmes_refuse_change();
