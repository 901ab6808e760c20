#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when an engine shows outside its backend: every sqlite3 symbol or
# header belongs in src/core/database/csp-sqlite-backend.c, every libpq one
# in src/core/database/csp-postgres-backend.c. The rest of the program
# speaks to CspDatabase only. Usage: test-seam.sh [SOURCE_ROOT]

set -u

root=${1:-$(dirname "$0")/..}
cd "$root/src" || exit 1

status=0

# check PATTERN ALLOWED-FILE WHAT
check ()
{
  found=$(grep -rnE "$1" --include='*.c' --include='*.h' . | grep -v "^\./$2:")
  if [ -n "$found" ]; then
    echo "$3 outside $2:" >&2
    echo "$found" >&2
    status=1
  fi
}

check '\bsqlite3(_[a-z0-9_]+)?\b|\bSQLITE_[A-Z_]+\b|<sqlite3\.h>' \
  core/database/csp-sqlite-backend.c "SQLite"
check '\bPQ[a-zA-Z]+ *\(|\bPG(conn|result|notify)\b|\bPGRES_[A-Z_]+\b|<libpq-fe\.h>' \
  core/database/csp-postgres-backend.c "libpq"

[ $status -eq 0 ] && echo "no engine outside its backend"
exit $status
