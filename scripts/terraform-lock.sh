#!/usr/bin/env bash
# Generates the committed Terraform provider lock files, one per Azure stack group:
# terraform/locks/<group>.terraform.lock.hcl (group = connectivity, remote-access, links,
# identity, monitoring), with hashes for linux_amd64 (CI) and darwin_arm64 (operators' Macs).
# Needs network access to the Terraform registry (registry.terraform.io) and a synthesized
# cdktf.out (`npx tsunagi synth --cloud azure`). The deploy workflow copies each lock into its
# stack directory and runs `terraform init -lockfile=readonly`, so CI uses exactly the provider
# builds reviewed here.
#   bash scripts/terraform-lock.sh                 # regenerate every lock
#   bash scripts/terraform-lock.sh --missing-only  # only groups without a committed lock (CI)
set -euo pipefail
missing_only=false
[ "${1:-}" = "--missing-only" ] && missing_only=true
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/terraform/locks"
for stack in $(node "$root/scripts/terraform-stacks.mjs" "$root/cdktf.out/manifest.json"); do
  group=""
  for g in connectivity remote-access links identity monitoring; do
    case "$stack" in *-"$g") group="$g" ;; esac
  done
  [ -n "$group" ] || { echo "unknown stack group of $stack" >&2; exit 1; }
  lock="$root/terraform/locks/$group.terraform.lock.hcl"
  if $missing_only && [ -f "$lock" ]; then echo "keep $lock"; continue; fi
  dir="$root/cdktf.out/stacks/$stack"
  terraform -chdir="$dir" init -backend=false -input=false >/dev/null
  terraform -chdir="$dir" providers lock -platform=linux_amd64 -platform=darwin_arm64
  cp "$dir/.terraform.lock.hcl" "$lock"
  echo "wrote $lock"
done
