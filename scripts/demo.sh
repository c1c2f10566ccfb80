#!/usr/bin/env bash
# The main job, end to end: the `providers` CLI against the embedded default
# store (an SQLite file under ./.providers/ of a scratch directory). It plays
# the seed's walkthrough: dev and prod accounts per stage, a preview stage on
# the service's provider, the org default, and an audit of who linked what.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
providers() { node "$root/packages/cli/bin/providers.js" "$@"; }
work="${PROVIDERS_DEMO_DIR:-$(mktemp -d)}"
cd "$work"
echo "# demo store: $work/.providers/events.db"
export PROVIDERS_ACTOR=alice PROVIDERS_ROLE=admin

step() { echo; echo "\$ providers $*"; providers "$@"; }

step add --org acme --name dev --type aws --role-arn arn:aws:iam::111111111111:role/deploy
step add --org acme --name prod --type aws --role-arn arn:aws:iam::222222222222:role/deploy
step add --org acme --name sandbox --type aws --role-arn arn:aws:iam::333333333333:role/deploy
PROVIDERS_ROLE=member PROVIDERS_ACTOR=bob step link --org acme --provider dev --app app1 --service service1
PROVIDERS_ROLE=member PROVIDERS_ACTOR=bob step link --org acme --provider prod --app app1 --service service1 --stage prod
step default set --org acme --provider sandbox
step list --org acme
step resolve --org acme --app app1 --service service1 --stage pr-42 --region us-east-1 --explain
step resolve --org acme --app app1 --service service1 --stage prod --region eu-west-1
step resolve --org acme --app app1 --service billing --stage dev
echo
echo "\$ providers link --org acme --provider sandbox --app app1 --service service1   # a second aws provider: refused"
providers link --org acme --provider sandbox --app app1 --service service1 || echo "(exit code $?: nothing was appended)"
step history --org acme
