-- Default severity wording (admins edit it); and the doorbells of the live incident timeline:
-- every new timeline entry, finding change or kernel event NOTIFYs, and the web process's single
-- LISTEN connection fans it out to the subscribed browsers.
INSERT INTO "severity_definitions" ("level", "name", "description") VALUES
  (1, 'SEV1', 'Data loss or a full outage of a critical service; or an array one failure from losing data. All hands, now.'),
  (2, 'SEV2', 'Major degradation: a service impaired for many users, or storage without redundancy while it rebuilds.'),
  (3, 'SEV3', 'Minor or partial impact, with a workaround; redundancy reduced but intact.'),
  (4, 'SEV4', 'No user impact yet: a risk found before it bites (a wearing disk, risky mount options).')
ON CONFLICT ("level") DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION holmes_notify_timeline() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('holmes_timeline', NEW.incident_id::text || ':' || NEW.seq::text);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER incident_updates_notify AFTER INSERT ON "incident_updates"
  FOR EACH ROW EXECUTE FUNCTION holmes_notify_timeline();
--> statement-breakpoint
CREATE TRIGGER incident_events_notify AFTER INSERT ON "incident_events"
  FOR EACH ROW EXECUTE FUNCTION holmes_notify_timeline();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION holmes_notify_host_events() RETURNS trigger AS $$
DECLARE
  changed_host uuid;
BEGIN
  FOR changed_host IN SELECT DISTINCT host_id FROM new_rows LOOP
    PERFORM pg_notify('holmes_host_events', changed_host::text);
  END LOOP;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER finding_events_notify AFTER INSERT ON "finding_events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION holmes_notify_host_events();
--> statement-breakpoint
CREATE TRIGGER kernel_events_notify AFTER INSERT ON "kernel_events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION holmes_notify_host_events();
