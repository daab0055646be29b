DROP INDEX "incident_events_incident_id_seq_index";--> statement-breakpoint
DROP INDEX "incident_updates_incident_id_seq_index";--> statement-breakpoint
CREATE INDEX "incident_events_incident_id_at_index" ON "incident_events" USING btree ("incident_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "incident_updates_incident_id_created_at_index" ON "incident_updates" USING btree ("incident_id","created_at" DESC NULLS LAST);