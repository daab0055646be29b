CREATE TABLE "array_sync_samples" (
	"host_id" uuid NOT NULL,
	"array_name" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"percent" real,
	"speed_kbps" integer,
	CONSTRAINT "array_sync_samples_host_id_array_name_observed_at_pk" PRIMARY KEY("host_id","array_name","observed_at")
);
--> statement-breakpoint
CREATE TABLE "disks" (
	"host_id" uuid NOT NULL,
	"name" text NOT NULL,
	"protocol" text,
	"model" text,
	"serial" text,
	"wwn" text,
	"firmware" text,
	"capacity_bytes" bigint,
	"rotation_rate" integer,
	"smart_passed" boolean,
	"temperature_c" integer,
	"power_on_hours" integer,
	"smart_exit_status" integer,
	"is_standby" boolean DEFAULT false NOT NULL,
	"health" jsonb,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "disks_host_id_name_pk" PRIMARY KEY("host_id","name")
);
--> statement-breakpoint
CREATE TABLE "host_collection" (
	"host_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'never' NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error_code" text,
	"last_error_message" text,
	"last_duration_ms" integer,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"kernel_release" text,
	"os_name" text,
	"missing_tools" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hosts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"port" integer DEFAULT 22 NOT NULL,
	"username" text,
	"identity_file" text,
	"credential_id" uuid,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"is_simulated" boolean DEFAULT false NOT NULL,
	"use_sudo" boolean DEFAULT true NOT NULL,
	"pinned_host_key" text,
	"pinned_host_key_at" timestamp with time zone,
	"presented_host_key" text,
	"presented_host_key_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"host_id" uuid NOT NULL,
	"logged_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"device" text,
	"raw_line" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "loop_devices" (
	"host_id" uuid NOT NULL,
	"name" text NOT NULL,
	"back_file" text,
	"is_back_file_deleted" boolean DEFAULT false NOT NULL,
	"is_read_only" boolean DEFAULT false NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "loop_devices_host_id_name_pk" PRIMARY KEY("host_id","name")
);
--> statement-breakpoint
CREATE TABLE "md_arrays" (
	"host_id" uuid NOT NULL,
	"name" text NOT NULL,
	"uuid" text,
	"level" text,
	"state" text NOT NULL,
	"read_only" boolean DEFAULT false NOT NULL,
	"degraded" boolean DEFAULT false NOT NULL,
	"raid_disks" integer,
	"active_disks" integer,
	"status_string" text,
	"layout" text,
	"chunk_kb" integer,
	"super_version" text,
	"sync_action" text,
	"sync_percent" real,
	"sync_speed_kbps" integer,
	"sync_finish_minutes" real,
	"is_degraded_by_design" boolean DEFAULT false NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "md_arrays_host_id_name_pk" PRIMARY KEY("host_id","name")
);
--> statement-breakpoint
CREATE TABLE "md_members" (
	"host_id" uuid NOT NULL,
	"array_name" text NOT NULL,
	"device" text NOT NULL,
	"slot" integer,
	"role" text,
	"state_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_faulty" boolean DEFAULT false NOT NULL,
	"is_spare" boolean DEFAULT false NOT NULL,
	"disk_serial" text,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "md_members_host_id_array_name_device_pk" PRIMARY KEY("host_id","array_name","device")
);
--> statement-breakpoint
CREATE TABLE "mounts" (
	"host_id" uuid NOT NULL,
	"mount_point" text NOT NULL,
	"source" text NOT NULL,
	"fstype" text NOT NULL,
	"options" text NOT NULL,
	"nfs" jsonb,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mounts_host_id_mount_point_pk" PRIMARY KEY("host_id","mount_point")
);
--> statement-breakpoint
CREATE TABLE "nfs_samples" (
	"host_id" uuid NOT NULL,
	"mount_point" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"retransmissions" bigint,
	"operations" jsonb,
	CONSTRAINT "nfs_samples_host_id_mount_point_observed_at_pk" PRIMARY KEY("host_id","mount_point","observed_at")
);
--> statement-breakpoint
CREATE TABLE "probe_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"host_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"status" text NOT NULL,
	"error_code" text,
	"error_message" text,
	"raw_outputs" "bytea",
	"parse_errors" jsonb
);
--> statement-breakpoint
CREATE TABLE "smart_samples" (
	"host_id" uuid NOT NULL,
	"disk_serial" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"temperature_c" integer,
	"counters" jsonb NOT NULL,
	CONSTRAINT "smart_samples_host_id_disk_serial_observed_at_pk" PRIMARY KEY("host_id","disk_serial","observed_at")
);
--> statement-breakpoint
CREATE TABLE "ssh_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"public_key_fingerprint" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ssh_credentials_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "volume_groups" (
	"host_id" uuid NOT NULL,
	"name" text NOT NULL,
	"uuid" text,
	"seqno" integer,
	"size_bytes" bigint,
	"free_bytes" bigint,
	"physical_volumes" jsonb,
	"logical_volumes" jsonb,
	"observed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "volume_groups_host_id_name_pk" PRIMARY KEY("host_id","name")
);
--> statement-breakpoint
ALTER TABLE "array_sync_samples" ADD CONSTRAINT "array_sync_samples_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disks" ADD CONSTRAINT "disks_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_collection" ADD CONSTRAINT "host_collection_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hosts" ADD CONSTRAINT "hosts_credential_id_ssh_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."ssh_credentials"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kernel_events" ADD CONSTRAINT "kernel_events_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loop_devices" ADD CONSTRAINT "loop_devices_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "md_arrays" ADD CONSTRAINT "md_arrays_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "md_members" ADD CONSTRAINT "md_members_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mounts" ADD CONSTRAINT "mounts_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nfs_samples" ADD CONSTRAINT "nfs_samples_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "probe_runs" ADD CONSTRAINT "probe_runs_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smart_samples" ADD CONSTRAINT "smart_samples_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volume_groups" ADD CONSTRAINT "volume_groups_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disks_serial_index" ON "disks" USING btree ("serial");--> statement-breakpoint
CREATE UNIQUE INDEX "hosts_name_index" ON "hosts" USING btree ("name");--> statement-breakpoint
CREATE INDEX "hosts_groups_index" ON "hosts" USING gin ("groups");--> statement-breakpoint
CREATE INDEX "kernel_events_host_id_received_at_index" ON "kernel_events" USING btree ("host_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "kernel_events_kind_received_at_index" ON "kernel_events" USING btree ("kind","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "probe_runs_host_id_started_at_index" ON "probe_runs" USING btree ("host_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "probe_runs_started_at_index" ON "probe_runs" USING btree ("started_at");