#!/usr/bin/env bash
# The AWS deploy gate (docs/deploy-gates.md). For each stack of cdk.out, in dependency order:
#   1. create a change set (cdk deploy --method=prepare-change-set), never executing it;
#   2. describe it (aws cloudformation describe-change-set --include-property-values, every page);
#   3. check it with `tsunagi gate --aws-change-set` (the review rules on CloudFormation's own
#      Replacement decisions, acknowledgements from config/review-acks.yaml);
#   4. only when nothing unacknowledged blocks: exempt from the stack policy exactly what the
#      gate let through (acknowledged replacements and what is replaced with them), execute that change set (cdk deploy --method=execute-change-set),
#      and set the stack policy that denies Update:Replace/Update:Delete on every stateful
#      resource again.
# A blocked stack stops the deploy before it is executed; stacks before it were each gated.
#
# Usage: scripts/aws-gated-deploy.sh [cdk.out]   (env: GATE_DIR, CHANGE_SET_NAME, GITHUB_STEP_SUMMARY)
set -euo pipefail

CDK_OUT="${1:-cdk.out}"
GATE_DIR="${GATE_DIR:-gate}"
CHANGE_SET_NAME="${CHANGE_SET_NAME:-tsunagi-${GITHUB_RUN_ID:-local}-${GITHUB_RUN_ATTEMPT:-1}}"
SUMMARY="${GITHUB_STEP_SUMMARY:-/dev/null}"
mkdir -p "$GATE_DIR/outputs"

# Writes every page of one change set as a JSON array (tsunagi gate merges the pages).
describe_change_set() {
  local stack="$1" region="$2" out="$3" token="" page=0
  rm -f "$out".page-*
  while :; do
    local args=(cloudformation describe-change-set --region "$region" --stack-name "$stack"
      --change-set-name "$CHANGE_SET_NAME" --include-property-values --output json)
    [ -n "$token" ] && args+=(--next-token "$token")
    aws "${args[@]}" >"$out.page-$page" || return 1
    token="$(jq -r '.NextToken // empty' "$out.page-$page")"
    page=$((page + 1))
    [ -z "$token" ] && break
  done
  jq -s '.' "$out".page-* >"$out"
  rm -f "$out".page-*
}

stack_exists() {
  aws cloudformation describe-stacks --region "$2" --stack-name "$1" >/dev/null 2>&1
}

while read -r artifact stack region; do
  echo "::group::$stack ($region)"
  change_set_file="$GATE_DIR/$stack.change-set.json"
  gate_file="$GATE_DIR/$stack.gate.json"

  npx cdk deploy "$artifact" --app "$CDK_OUT" --exclusively --require-approval never \
    --method=prepare-change-set --change-set-name "$CHANGE_SET_NAME"

  if ! describe_change_set "$stack" "$region" "$change_set_file"; then
    echo "$stack: no change set (no changes)"
    echo "::endgroup::"
    continue
  fi
  if jq -e '.[0].Status == "FAILED" and ((.[0].StatusReason // "") | test("didn.t contain changes|No updates"))' \
    "$change_set_file" >/dev/null; then
    echo "$stack: no changes"
    aws cloudformation delete-change-set --region "$region" --stack-name "$stack" \
      --change-set-name "$CHANGE_SET_NAME" || true
    echo "::endgroup::"
    continue
  fi

  # Exit 1: an unacknowledged blocking finding; 2: bad input. Either way nothing is executed.
  status=0
  npx tsunagi gate --aws-change-set "$change_set_file" --cdk-out "$CDK_OUT" \
    --format json --output "$gate_file" --summary "$SUMMARY" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "::error title=Deploy gate::$stack: the change set is not executed (tsunagi gate exit $status); see the job summary"
    npx tsunagi gate --aws-change-set "$change_set_file" --cdk-out "$CDK_OUT" || true
    exit "$status"
  fi

  template="$CDK_OUT/$(jq -r --arg a "$artifact" '.artifacts[$a].properties.templateFile' "$CDK_OUT/manifest.json")"
  if stack_exists "$stack" "$region"; then
    # Exempt exactly what the passing gate lets this change set replace or remove (acknowledged
    # replacements, what is replaced with them, retained removals), for this one execution.
    npx tsunagi gate --stack-policy "$template" --stack "$stack" --allow-gated "$gate_file" \
      --output "$GATE_DIR/$stack.policy-during.json"
    aws cloudformation set-stack-policy --region "$region" --stack-name "$stack" \
      --stack-policy-body "file://$GATE_DIR/$stack.policy-during.json"
  fi

  npx cdk deploy "$artifact" --app "$CDK_OUT" --exclusively --require-approval never \
    --method=execute-change-set --change-set-name "$CHANGE_SET_NAME" \
    --outputs-file "$GATE_DIR/outputs/$stack.json"

  # Protect the stateful resources again (also the first time, for a new stack).
  npx tsunagi gate --stack-policy "$template" --output "$GATE_DIR/$stack.policy.json"
  aws cloudformation set-stack-policy --region "$region" --stack-name "$stack" \
    --stack-policy-body "file://$GATE_DIR/$stack.policy.json"
  echo "::endgroup::"
done < <(node scripts/cdk-stacks.mjs "$CDK_OUT")
