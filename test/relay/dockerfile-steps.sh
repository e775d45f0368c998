#!/usr/bin/env bash
# Replays relay/Dockerfile step by step without a Docker engine, from a clean copy of the build
# context (what .dockerignore lets through), then starts the result the way the image does (as a
# non-root user when we are root), waits for the HEALTHCHECK to pass and stops it with SIGTERM,
# which must exit 0.
#
#   test/relay/dockerfile-steps.sh CONFIG_FILE HTTP_PORT
#
# CONFIG_FILE stands in for the mounted /etc/teleport-sheets/relay.toml and must listen on
# HTTP_PORT (the image's HEALTHCHECK uses 8080; only the port is substituted). With
# WAIT_READY=1 it also waits for /readyz. Differences from a real build are environmental only:
# npm uses its local cache first, and the base image's node is the host's node.
set -euo pipefail

config=$(realpath "$1")
port=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
relay_pid=""
cleanup() {
  if [ -n "$relay_pid" ] && kill -0 "$relay_pid" 2>/dev/null; then kill -KILL "$relay_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
export npm_config_prefer_offline=true npm_config_update_notifier=false

# the build context: the repository minus .dockerignore
mkdir "$work/context"
excludes=()
while IFS= read -r pattern; do
  case "$pattern" in ''|'#'*) continue ;; esac
  excludes+=("--exclude=./$pattern")
done < "$repo/.dockerignore"
tar -C "$repo" "${excludes[@]}" -cf - . | tar -C "$work/context" -xf -
ctx="$work/context"

echo "== FROM node:20-alpine AS build (host node $(node --version))"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) === 20 ? 0 : 1)'
build="$work/src"                                                    # WORKDIR /src
mkdir -p "$build" && cd "$build"
cp "$ctx/package.json" "$ctx/package-lock.json" ./                   # COPY package.json package-lock.json ./
npm ci --no-audit --no-fund                                          # RUN npm ci --no-audit --no-fund
cp "$ctx/tsconfig.json" "$ctx/tsconfig.build.json" ./                # COPY tsconfig.json tsconfig.build.json ./
cp -R "$ctx/proto" proto                                             # COPY proto/ proto/
cp -R "$ctx/appsscript" appsscript                                   # COPY appsscript/ appsscript/
cp -R "$ctx/relay" relay                                             # COPY relay/ relay/
npm run build                                                        # RUN npm run build
npm prune --omit=dev --no-audit --no-fund                            # RUN npm prune --omit=dev --no-audit --no-fund

echo "== FROM node:20-alpine (runtime stage)"
app="$work/app"                                                      # WORKDIR /app
mkdir -p "$app/dist" "$app/relay"
cp "$build/package.json" "$app/"                                     # COPY --from=build /src/package.json ./
cp -R "$build/node_modules" "$app/node_modules"                      # COPY --from=build /src/node_modules/ node_modules/
cp -R "$build/dist/proto" "$app/dist/proto"                          # COPY --from=build /src/dist/proto/ dist/proto/
cp -R "$build/dist/relay" "$app/dist/relay"                          # COPY --from=build /src/dist/relay/ dist/relay/
cp -R "$build/relay/bin" "$app/relay/bin"                            # COPY --from=build /src/relay/bin/ relay/bin/
if [ -e "$app/node_modules/typescript" ] || [ -e "$app/node_modules/vitest" ]; then
  echo "dev dependencies survived npm prune" >&2; exit 1
fi
chmod -R a+rX "$work"
cd "$app"

# USER node: drop to an unprivileged user when we can
as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --); fi
# ENTRYPOINT ["node", "relay/bin/teleport-sheets-relay.js"] + CMD ["start", "--config", ...]
NODE_ENV=production "${as_user[@]}" node relay/bin/teleport-sheets-relay.js start --config "$config" &
relay_pid=$!

# HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz')..."] with the port substituted
probe() { node -e "fetch('http://127.0.0.1:$port/$1').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
wait_for() {
  for _ in $(seq 1 120); do
    if probe "$1"; then echo "== /$1 ok"; return 0; fi
    kill -0 "$relay_pid" 2>/dev/null || { echo "the relay exited before /$1 answered" >&2; return 1; }
    sleep 0.5
  done
  echo "/$1 never answered" >&2; return 1
}
wait_for healthz
if [ "${WAIT_READY:-0}" = 1 ]; then wait_for readyz; fi

kill -TERM "$relay_pid"
status=0
wait "$relay_pid" || status=$?
relay_pid=""
echo "== SIGTERM → exit $status"
[ "$status" = 0 ]
echo "dockerfile steps: ok"
