-- Issue 15: a fourth role of people, the guide ("hướng dẫn") at a reception desk. A guide's
-- session keeps its desk in `sessions.counter_id`, the session's place, as a clerk's its counter.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('clerk', 'guide', 'supervisor', 'admin'));
