# Sourced by .ci/run: makes sure the machine's PostgreSQL runs, creates a fresh database for this run,
# exports DISPATCH_TEST_PG_URL for the tests, and drops the database when the run ends.
pg_host=127.0.0.1
pg_port=5432

pg_up() { pg_isready -q -h "$pg_host" -p "$pg_port" 2>/dev/null; }

if ! pg_up; then
  echo "PostgreSQL is not running on $pg_host:$pg_port; starting the installed cluster ..."
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
if ! pg_up; then
  echo "error: PostgreSQL is not reachable on $pg_host:$pg_port and could not be started" >&2
  exit 1
fi

pg_db="dispatch_ci_$(date +%s)_$$"
psql -q -h "$pg_host" -p "$pg_port" -U postgres -d postgres -c "CREATE DATABASE $pg_db" >/dev/null
export DISPATCH_TEST_PG_URL="postgresql://postgres@$pg_host:$pg_port/$pg_db"
drop_pg_db() {
  psql -q -h "$pg_host" -p "$pg_port" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
}
trap drop_pg_db EXIT
echo "PostgreSQL tests use $DISPATCH_TEST_PG_URL"
