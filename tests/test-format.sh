#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a C file under src/ or tests/ is not formatted as .clang-format
# says. Usage: test-format.sh [SOURCE_ROOT]; exit 77 (skipped) without
# clang-format, except in CI (CI set), where every tool is installed and a
# missing one is a failure. Generated files live in the build directory, but
# a build directory inside the tree, or a generated file copied in, is left
# out too.

set -u

root=${1:-$(dirname "$0")/..}
clang_format=${CLANG_FORMAT:-$(command -v clang-format || true)}

if [ -z "$clang_format" ] || [ ! -x "$clang_format" ]; then
  case ${CI:-} in
    "" | 0 | false)
      echo "clang-format not found: skipping the format check"
      exit 77
      ;;
  esac
  echo "clang-format not found, and CI must run every test" >&2
  exit 1
fi
cd "$root" || exit 1
if [ ! -f .clang-format ]; then
  echo "no .clang-format in $root" >&2
  exit 1
fi

files=$(find src tests -type f \( -name '*.c' -o -name '*.h' \) \
          ! -name '*-resources.c' ! -name '*-resources.h' \
          ! -name '*-enums.c' ! -name '*-enums.h' \
          ! -name 'config.h' ! -path '*/_build/*' ! -path '*/build/*' | sort)
if [ -z "$files" ]; then
  echo "no C files found under $root/src or $root/tests" >&2
  exit 1
fi

status=0
bad=""
for f in $files; do
  if ! "$clang_format" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
    bad="$bad $f"
    status=1
  fi
done

if [ $status -ne 0 ]; then
  echo "These files are not formatted; run clang-format -i on them:" >&2
  for f in $bad; do
    echo "  $f" >&2
  done
  # Show the first differences so the log says what is wrong.
  for f in $bad; do
    "$clang_format" --style=file --dry-run "$f" 2>&1 | head -n 12 >&2
  done
else
  echo "$(echo "$files" | wc -l) files formatted as .clang-format says"
fi
exit $status
