#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source file with translatable text is missing from
# po/POTFILES, or POTFILES names a file that is gone: either way its
# messages would never reach the translators.
# Usage: check-potfiles.sh SOURCE_ROOT

set -u

cd "${1:?usage: check-potfiles.sh SOURCE_ROOT}" || exit 1
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

grep -v '^#' po/POTFILES | sed '/^$/d' | sort -u > "$work/listed"
{
  find src -name '*.c' -exec grep -lE '\b_ \(|N_ \(' {} +
  find ui -name '*.ui' -exec grep -l 'translatable="yes"' {} +
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml
} | sort -u > "$work/found"

status=0
for file in $(comm -23 "$work/found" "$work/listed"); do
  echo "po/POTFILES lacks $file, which has translatable text"
  status=1
done
for file in $(cat "$work/listed"); do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES names $file, which does not exist"
    status=1
  fi
done
exit $status
