#!/usr/bin/env bash
# Start the Debian PostgreSQL cluster and create the role and database the tests use.
# Prints the SQLAlchemy URL on stdout and nothing else: the caller captures stdout, so every
# other command's chatter (pg_ctl's "Removed stale pid file.", psql notices) goes to stderr.
set -euo pipefail
exec 3>&1 1>&2
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | head -1)
read -r ver name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
  # The server must not inherit fd 3, or the caller's $(...) waits for it to exit.
  pg_ctlcluster "$ver" "$name" start 3>&-
fi
for _ in $(seq 1 30); do
  pg_isready -q -p "$port" && break
  sleep 1
done
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='factdesk'\"" | grep -q 1 ||
  su postgres -c "psql -q -p $port -c \"CREATE ROLE factdesk LOGIN PASSWORD 'factdesk' CREATEDB\""
su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='factdesk_test'\"" | grep -q 1 ||
  su postgres -c "psql -q -p $port -c \"CREATE DATABASE factdesk_test OWNER factdesk\""
echo "postgresql+psycopg://factdesk:factdesk@127.0.0.1:$port/factdesk_test" >&3
