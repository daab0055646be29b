CREATE TABLE "action_item_hosts" (
	"action_item_id" uuid NOT NULL,
	"host_id" uuid NOT NULL,
	"still_matches" boolean DEFAULT true NOT NULL,
	"is_done" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "action_item_hosts_action_item_id_host_id_pk" PRIMARY KEY("action_item_id","host_id")
);
--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"postmortem_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner_id" text,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"link" text,
	"target_kind" text,
	"target_value" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postmortem_approvals" (
	"postmortem_id" uuid NOT NULL,
	"approver_id" text NOT NULL,
	"version" integer NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "postmortem_approvals_postmortem_id_approver_id_version_pk" PRIMARY KEY("postmortem_id","approver_id","version")
);
--> statement-breakpoint
CREATE TABLE "postmortem_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"postmortem_id" uuid NOT NULL,
	"section" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postmortem_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"postmortem_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"author_id" text,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postmortems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"sections" jsonb NOT NULL,
	"timeline" jsonb NOT NULL,
	"kept_timeline_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"evidence" jsonb NOT NULL,
	"author_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(jsonb_to_tsvector('english', sections, '["string"]'), 'B')) STORED NOT NULL,
	CONSTRAINT "postmortems_incidentId_unique" UNIQUE("incident_id")
);
--> statement-breakpoint
ALTER TABLE "action_item_hosts" ADD CONSTRAINT "action_item_hosts_action_item_id_action_items_id_fk" FOREIGN KEY ("action_item_id") REFERENCES "public"."action_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item_hosts" ADD CONSTRAINT "action_item_hosts_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_item_hosts" ADD CONSTRAINT "action_item_hosts_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_postmortem_id_postmortems_id_fk" FOREIGN KEY ("postmortem_id") REFERENCES "public"."postmortems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortem_approvals" ADD CONSTRAINT "postmortem_approvals_postmortem_id_postmortems_id_fk" FOREIGN KEY ("postmortem_id") REFERENCES "public"."postmortems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortem_approvals" ADD CONSTRAINT "postmortem_approvals_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortem_comments" ADD CONSTRAINT "postmortem_comments_postmortem_id_postmortems_id_fk" FOREIGN KEY ("postmortem_id") REFERENCES "public"."postmortems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortem_comments" ADD CONSTRAINT "postmortem_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortem_revisions" ADD CONSTRAINT "postmortem_revisions_postmortem_id_postmortems_id_fk" FOREIGN KEY ("postmortem_id") REFERENCES "public"."postmortems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortem_revisions" ADD CONSTRAINT "postmortem_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortems" ADD CONSTRAINT "postmortems_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortems" ADD CONSTRAINT "postmortems_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postmortems" ADD CONSTRAINT "postmortems_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_item_hosts_host_id_index" ON "action_item_hosts" USING btree ("host_id");--> statement-breakpoint
CREATE INDEX "action_items_postmortem_id_index" ON "action_items" USING btree ("postmortem_id");--> statement-breakpoint
CREATE INDEX "action_items_open_due" ON "action_items" USING btree ("due_date") WHERE "action_items"."status" in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "postmortem_comments_postmortem_id_created_at_index" ON "postmortem_comments" USING btree ("postmortem_id","created_at");--> statement-breakpoint
CREATE INDEX "postmortem_revisions_postmortem_id_at_index" ON "postmortem_revisions" USING btree ("postmortem_id","at");--> statement-breakpoint
CREATE INDEX "postmortems_search" ON "postmortems" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "postmortems_status_index" ON "postmortems" USING btree ("status");