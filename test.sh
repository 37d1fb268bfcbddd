#!/usr/bin/env bash
# Restores, builds and runs every fast test; ends with "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
dotnet restore LowRank.slnx -nologo -v quiet || exit 1
dotnet build LowRank.slnx -c Release --no-restore -nologo -v quiet || exit 1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet test tests/LowRank.Tests/LowRank.Tests.csproj -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary="$(grep -E '(Passed|Failed)!' "$log" | tail -n 1)"
count() { sed -nE "s/.*$1: *([0-9]+).*/\1/p" <<<"$summary"; }
passed="$(count Passed)"; failed="$(count Failed)"; skipped="$(count Skipped)"
if [[ -z "$passed" ]]; then
    echo "0 passed, 1 failed"
    exit 1
fi
line="${passed} passed, ${failed:-0} failed"
[[ "${skipped:-0}" != "0" ]] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
