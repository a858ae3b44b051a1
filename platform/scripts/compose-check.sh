#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: Debian's docker-compose renders it with
# .env.example, with and without the elasticsearch profile; every ${VAR} it uses must be listed in
# .env.example; leaving out a required secret must be refused; every COPY source of the
# Dockerfiles in platform/docker must exist. Installs docker-compose (Debian) when missing.
# Usage: platform/scripts/compose-check.sh [--help]
set -euo pipefail

if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
COMPOSE_FILE_PATH=docker-compose.yml
ENV_EXAMPLE=.env.example

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "compose-check: installing Debian docker-compose"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq docker-compose >/dev/null
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failed=0
fail() { echo "compose-check: $*" >&2; failed=1; }

# Only the env file may set variables: nothing from the caller's environment leaks in.
compose() {
  env -i PATH="$PATH" HOME="$TMP" docker-compose -f "$COMPOSE_FILE_PATH" "$@"
}

for profile in "" elasticsearch; do
  args=(--env-file "$ENV_EXAMPLE")
  [ -n "$profile" ] && args+=(--profile "$profile")
  if ! compose "${args[@]}" config -q; then
    fail "docker-compose config failed${profile:+ with --profile $profile}"
  fi
done

# Every variable the compose file interpolates is documented (set) in .env.example.
used=$(grep -oE '\$\{[A-Za-z_][A-Za-z0-9_]*' "$COMPOSE_FILE_PATH" | cut -c3- | sort -u)
listed=$(grep -oE '^[A-Za-z_][A-Za-z0-9_]*=' "$ENV_EXAMPLE" | tr -d = | sort -u)
missing=$(comm -23 <(echo "$used") <(echo "$listed"))
[ -z "$missing" ] || fail "variables used in $COMPOSE_FILE_PATH but not listed in $ENV_EXAMPLE: $(echo $missing)"
unused=$(comm -13 <(echo "$used") <(echo "$listed"))
[ -z "$unused" ] || fail "variables in $ENV_EXAMPLE that $COMPOSE_FILE_PATH never uses: $(echo $unused)"

# A required secret left out must stop compose with its message, not start with an empty value.
required=$(
  { printf '%s\n' DJANGO_SECRET_KEY POSTGRES_PASSWORD FRONTEND_REVALIDATE_SECRET
    grep -oE '\$\{[A-Za-z_][A-Za-z0-9_]*:\?' "$COMPOSE_FILE_PATH" | cut -c3- | tr -d ':?'; } | sort -u
)
for name in $required; do
  grep -v "^$name=" "$ENV_EXAMPLE" >"$TMP/without.env"
  if out=$(compose --env-file "$TMP/without.env" config -q 2>&1); then
    fail "$COMPOSE_FILE_PATH renders without $name"
  elif ! grep -q "$name" <<<"$out"; then
    fail "leaving out $name fails without naming it: $out"
  fi
done

# COPY sources of the Dockerfiles (build context: the repository root) exist and are not ignored.
for dockerfile in platform/docker/Dockerfile.*; do
  while read -r -a words; do
    sources=("${words[@]:1:${#words[@]}-2}")
    for src in "${sources[@]}"; do
      case "$src" in --*) continue ;; esac
      [ -e "$src" ] || fail "$dockerfile: COPY source $src does not exist"
      if grep -qxF "${src%/}" .dockerignore; then fail "$dockerfile: COPY source $src is in .dockerignore"; fi
    done
  done < <(grep -E '^COPY ' "$dockerfile" | grep -v -- '--from=')
done

if [ "$failed" = 0 ]; then
  echo "compose-check: docker-compose.yml is valid ($(docker-compose version --short)), .env.example complete"
fi
exit "$failed"
