#!/usr/bin/env bash
# Prints the path of a pinned Schemathesis CLI, installing it from PyPI into a venv in a cache
# folder outside the repo on first use (reused after): the build machines have Python 3.11, not the tool.
set -euo pipefail
VERSION=4.32.5
dir="${SCHEMATHESIS_CACHE:-$HOME/.cache/zhibo-daigang}/schemathesis-$VERSION"
# .installed is written last: a half-finished install is started over.
if [ ! -f "$dir/.installed" ]; then
  rm -rf "$dir"
  python3 -m venv "$dir" >&2
  "$dir/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
  touch "$dir/.installed"
fi
echo "$dir/bin/st"
