#!/usr/bin/env bash
# Prints the path of a real livekit-server: the one on PATH, else a pinned release built once
# from source with Go's module proxy into a cache folder outside the repo (reused after).
set -euo pipefail
VERSION="${LIVEKIT_SERVER_VERSION:-v1.13.5}"
CACHE="${ZB_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/zhibo-daigang}/livekit-server-$VERSION"
if command -v livekit-server >/dev/null 2>&1; then command -v livekit-server; exit 0; fi
if [ -x "$CACHE/livekit-server" ]; then echo "$CACHE/livekit-server"; exit 0; fi
# LIVEKIT_NO_BUILD=1: only look (tests on a developer's machine must not start a long build).
[ -z "${LIVEKIT_NO_BUILD:-}" ] || { echo "no livekit-server on PATH or in $CACHE" >&2; exit 1; }
command -v go >/dev/null 2>&1 || { echo "no livekit-server on PATH and no Go to build one" >&2; exit 1; }
echo "building livekit-server $VERSION into $CACHE (once; a few minutes)" >&2
# Newer tags replace pion modules with forks the module proxy does not serve; v1.13.5 needs none.
# Built as the main module from its downloaded source, so a tag with replace directives would work too.
dir=$(go mod download -json "github.com/livekit/livekit-server@$VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$dir/." "$work/"
chmod -R u+w "$work"
mkdir -p "$CACHE"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$CACHE/livekit-server.tmp" ./cmd/server) >&2
mv "$CACHE/livekit-server.tmp" "$CACHE/livekit-server"
echo "$CACHE/livekit-server"
