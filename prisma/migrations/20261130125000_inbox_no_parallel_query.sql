-- migrate:up
-- Page-sized queries of a web application gain nothing from parallel
-- workers on a small machine and lose a lot under concurrent load: on the
-- 2-core host, a searched inbox page took 150–230 ms with two workers and
-- 60 ms without (bench/staff-inbox, docs/decisions/011-exports-and-auditions.md).
-- Set for the database, so every connection of the app (Prisma, scripts) gets it.
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
END $$;

-- migrate:down
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I RESET max_parallel_workers_per_gather', current_database());
END $$;
