import { type SQL, sql } from "drizzle-orm";

/**
 * A large fleet in SQL: 1,000 hosts × 12 disks, 2 arrays (RAID1 on 2 disks, RAID6 on 10) and
 * 8 mounts (2 NFS) each, findings on a realistic share of hosts, kernel events, and history at
 * the density history thinning leaves (see bench/api.ts). Server-side generate_series keeps the
 * seed to a few statements instead of millions of round trips.
 */
type Statement = [label: string, build: (now: Date) => SQL];

const ts = (now: Date) => sql`${now.toISOString()}::timestamptz`;

export const SEED_STATEMENTS: Statement[] = [
  [
    "hosts",
    () => sql`insert into hosts (name, address, groups)
      select 'bench-' || lpad(n::text, 4, '0'), '10.1.' || (n / 250) || '.' || (n % 250 + 1),
             array['rack-' || (n / 40), case when n % 3 = 0 then 'db' else 'storage' end]
      from generate_series(0, 999) n`,
  ],
  [
    "host_collection",
    (now) => sql`insert into host_collection (host_id, state, last_attempt_at, last_success_at,
        last_duration_ms, kernel_release, os_name)
      select id, 'ok', ${ts(now)} - interval '20 seconds', ${ts(now)} - interval '20 seconds', 180,
             '6.1.0-28-amd64', 'Debian GNU/Linux 12 (bookworm)' from hosts`,
  ],
  [
    "disks",
    (now) => sql`insert into disks (host_id, name, protocol, model, serial, wwn, firmware,
        capacity_bytes, rotation_rate, smart_passed, temperature_c, power_on_hours, smart_exit_status,
        is_standby, health, observed_at)
      select h.id, 'sd' || chr(97 + d), 'ATA', 'ST8000NM0055', h.name || '-d' || lpad(d::text, 2, '0'),
             '5000c500' || lpad(to_hex(d), 8, '0'), 'SN04', 8001563222016, 7200, true, 30 + d % 8,
             20000 + d * 100, 0, false,
             jsonb_build_object(
               'attributes', (select jsonb_agg(jsonb_build_object('id', a, 'name', 'attr_' || a,
                 'value', 100, 'worst', 100, 'threshold', 10, 'raw', case when a = 5 and d = 3 then 8 else 0 end,
                 'rawString', '0', 'whenFailed', '', 'isPrefailure', true))
                 from unnest(array[1, 3, 5, 9, 187, 188, 194, 196, 197, 198, 199]) a),
               'nvme', null, 'scsi', null, 'hoursSinceLastSelfTest', 12, 'errorLogCount', 0),
             ${ts(now)} - interval '5 minutes'
      from hosts h cross join generate_series(0, 11) d`,
  ],
  [
    "md_arrays",
    (now) => sql`insert into md_arrays (host_id, name, uuid, level, state, read_only, degraded,
        raid_disks, active_disks, status_string, layout, chunk_kb, super_version, sync_action,
        sync_percent, sync_speed_kbps, sync_finish_minutes, observed_at)
      select h.id, a.name, md5(h.name || a.name), a.level, 'active', false,
             a.name = 'md1' and right(h.name, 1) = '0', a.disks,
             case when a.name = 'md1' and right(h.name, 1) = '0' then a.disks - 1 else a.disks end,
             null, case when a.level = 'raid6' then 'left-symmetric' else null end,
             case when a.level = 'raid6' then 512 else null end, '1.2',
             case when a.name = 'md1' and right(h.name, 1) = '0' then 'recovery' else null end,
             case when a.name = 'md1' and right(h.name, 1) = '0' then 42.5 else null end,
             case when a.name = 'md1' and right(h.name, 1) = '0' then 150000 else null end,
             case when a.name = 'md1' and right(h.name, 1) = '0' then 95 else null end,
             ${ts(now)} - interval '20 seconds'
      from hosts h cross join (values ('md0', 'raid1', 2), ('md1', 'raid6', 10)) a(name, level, disks)`,
  ],
  [
    "md_members",
    (
      now,
    ) => sql`insert into md_members (host_id, array_name, device, slot, role, is_faulty, is_spare,
        disk_serial, observed_at)
      select h.id, case when d < 2 then 'md0' else 'md1' end, 'sd' || chr(97 + d) || '1',
             case when d < 2 then d else d - 2 end, 'active', false, false,
             h.name || '-d' || lpad(d::text, 2, '0'), ${ts(now)} - interval '20 seconds'
      from hosts h cross join generate_series(0, 11) d`,
  ],
  [
    "mounts",
    (
      now,
    ) => sql`insert into mounts (host_id, mount_point, source, fstype, options, nfs, observed_at)
      select h.id, m.point, m.source, m.fstype, m.options,
             case when m.fstype = 'nfs4' then jsonb_build_object('vers', '4.2', 'proto', 'tcp',
               'hard', m.point = '/mnt/nfs0', 'soft', m.point = '/mnt/nfs1', 'softerr', false,
               'timeo', 600, 'retrans', 2, 'readOnly', false, 'server', 'fs1', 'export', '/export' || m.point)
             end, ${ts(now)} - interval '20 seconds'
      from hosts h cross join (values
        ('/', '/dev/md0', 'ext4', 'rw,relatime'), ('/boot', '/dev/sda2', 'ext4', 'rw'),
        ('/var', '/dev/mapper/vg0-var', 'xfs', 'rw'), ('/srv/data', '/dev/mapper/vg0-data', 'xfs', 'rw'),
        ('/srv/logs', '/dev/mapper/vg0-logs', 'xfs', 'rw'), ('/home', '/dev/mapper/vg0-home', 'ext4', 'rw'),
        ('/mnt/nfs0', 'fs1:/export/mnt/nfs0', 'nfs4', 'rw,hard'),
        ('/mnt/nfs1', 'fs1:/export/mnt/nfs1', 'nfs4', 'rw,soft')) m(point, source, fstype, options)`,
  ],
  [
    "findings",
    (now) => sql`insert into findings (host_id, rule_id, object_kind, object_name, severity, title,
        explanation, evidence, state, first_seen_at, last_seen_at, resolved_at)
      select h.id, f.rule, f.kind, f.object, f.severity, f.object || ': ' || f.rule, 'why it matters',
             '{"values": {}, "lines": []}'::jsonb, f.state,
             ${ts(now)} - (f.age || ' hours')::interval, ${ts(now)} - interval '20 seconds',
             case when f.state = 'resolved' then ${ts(now)} - (f.age / 2 || ' hours')::interval end
      from hosts h cross join lateral (values
        ('md.degraded', 'array', 'md1', 'warning', case when right(h.name, 1) = '0' then 'open' else 'resolved' end, 30),
        ('nfs.soft_rw', 'mount', '/mnt/nfs1', 'warning', 'open', 400),
        ('disk.ata_predictors', 'disk', 'sdd', 'warning', 'open', 200),
        ('disk.self_test_overdue', 'disk', 'sda', 'info', 'resolved', 100),
        ('disk.temperature', 'disk', 'sdb', 'warning', 'resolved', 300),
        ('md.sync_running', 'array', 'md0', 'info', 'resolved', 600),
        ('collection.unreachable', 'host', h.name, 'critical', case when right(h.name, 2) = '07' then 'open' else 'resolved' end, 50)
      ) f(rule, kind, object, severity, state, age)`,
  ],
  [
    "finding_events",
    () => sql`insert into finding_events (finding_id, host_id, at, kind, severity, title)
      select id, host_id, first_seen_at, 'opened', severity, title from findings
      union all
      select id, host_id, resolved_at, 'resolved', severity, title from findings where resolved_at is not null`,
  ],
  [
    "kernel_events",
    (
      now,
    ) => sql`insert into kernel_events (host_id, logged_at, received_at, kind, severity, device, raw_line)
      select h.id, ${ts(now)} - (k * 7 || ' hours')::interval, ${ts(now)} - (k * 7 || ' hours')::interval,
             case when k % 5 = 0 then 'ata_error' else 'md_check_done' end, 'info', 'sdd',
             '[' || k || '.000] md: data-check of RAID array md1 done'
      from hosts h cross join generate_series(1, 100) k`,
  ],
  [
    "smart_samples",
    (
      now,
    ) => sql`insert into smart_samples (host_id, disk_serial, observed_at, temperature_c, counters)
      select d.host_id, d.serial, ${ts(now)} - t.age, 30 + (extract(epoch from t.age)::int / 3600) % 6,
             jsonb_build_object('ata5', case when d.name = 'sdd' then 8 else 0 end, 'ata197', 0, 'ata198', 0)
      from disks d cross join (
        select (m * 10 || ' minutes')::interval from generate_series(0, 143) m
        union all select (h || ' hours')::interval from generate_series(24, 167) h
        union all select (dd || ' days')::interval from generate_series(7, 29) dd
      ) t(age)`,
  ],
  [
    "nfs_samples",
    (
      now,
    ) => sql`insert into nfs_samples (host_id, mount_point, observed_at, retransmissions, operations)
      select m.host_id, m.mount_point, ${ts(now)} - t.age, 1000000 - t.minutes,
             jsonb_build_object(
               'READ', jsonb_build_object('ops', 5000000 - t.minutes * 50, 'rttMs', 9000000 - t.minutes * 90, 'executeMs', 9500000 - t.minutes * 95),
               'WRITE', jsonb_build_object('ops', 3000000 - t.minutes * 30, 'rttMs', 6000000 - t.minutes * 60, 'executeMs', 6100000 - t.minutes * 61),
               'GETATTR', jsonb_build_object('ops', 8000000 - t.minutes * 80, 'rttMs', 800000 - t.minutes * 8, 'executeMs', 900000 - t.minutes * 9))
      from mounts m cross join (
        select (mm || ' minutes')::interval, mm from generate_series(0, 1439) mm
        union all select (hh || ' hours')::interval, hh * 60 from generate_series(24, 719) hh
      ) t(age, minutes)
      where m.fstype = 'nfs4'`,
  ],
  [
    "probe_runs",
    (now) => sql`insert into probe_runs (host_id, started_at, duration_ms, status)
      select id, ${ts(now)} - interval '20 seconds', 180, 'ok' from hosts`,
  ],
];
