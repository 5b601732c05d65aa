#!/usr/bin/env bash
# CI: the static Linux binaries (Scripts/build-static.sh).
#  1. Builds the fully static offline validator (Embedded Swift + musl) for x86_64 and, beside
#     it, for aarch64 (cross-compiled, run under qemu-aarch64-static); the full tool with
#     --static-swift-stdlib; and, as the reference, the SwiftPM offline validator
#     (--swift-static-stdlib). build-static.sh fails on a PT_INTERP or DT_NEEDED entry, an
#     unstripped or dynamic file, or a rejected sample token.
#  2. Fails if the x86_64 offline validator is over 2 MiB stripped.
#  3. Runs both static builds and the reference on the same cases (valid, expired, bad
#     signature, wrong audience, scopes, a --batch of tokens for every algorithm, unreadable,
#     malformed and oversized files, usage errors, environment variables): stdout, stderr and
#     the exit status must be identical.
#  4. Copies only the binary and its input files into an empty directory and runs it there
#     under chroot: a valid token (0), an expired one (1) and a bad signature (1).
#  5. Runs the command-line test suites with MONOCLOUD_VALIDATE_OFFLINE_BINARY set to the
#     static x86_64 binary (every offline run is repeated with it and must match).
# CPU time: about 2 min for each Embedded build (x86_64 and aarch64 run side by side), 1 min
# for the SwiftPM static-stdlib builds, 1 min for the comparisons, qemu runs and tests: about
# 3-5 min on 2 idle cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$SECONDS

# The two architectures build side by side (each swiftc mostly uses one core).
Scripts/build-static.sh --offline-only --arch aarch64 "$work/aarch64" >"$work/aarch64.log" 2>&1 &
arm_pid=$!
Scripts/build-static.sh "$work/x86_64"
Scripts/build-static.sh --offline-only --swift-static-stdlib "$work/reference"
arm_status=0
wait "$arm_pid" || arm_status=$?
sed 's/^/aarch64: /' "$work/aarch64.log"
((arm_status == 0)) || exit "$arm_status"
echo "static: built in $((SECONDS - started)) s"

static_x86="$work/x86_64/monocloud-validate-offline"
static_arm="$work/aarch64/monocloud-validate-offline"
reference="$work/reference/monocloud-validate-offline"
arm_runner=()
[[ $(uname -m) == aarch64 ]] || arm_runner=(qemu-aarch64-static)

limit=$((2 << 20))
size=$(wc -c <"$static_x86")
if ((size > limit)); then
  echo "error: monocloud-validate-offline is $size bytes stripped, over the 2 MiB goal ($limit bytes)" >&2
  exit 1
fi
echo "static: monocloud-validate-offline $size bytes stripped x86_64 (goal <= $limit)," \
  "$(wc -c <"$static_arm") bytes aarch64; reference (--static-swift-stdlib) $(wc -c <"$reference") bytes," \
  "monocloud-validate $(wc -c <"$work/x86_64/monocloud-validate") bytes"

# --- The same answers as the SwiftPM build -------------------------------------------------
inputs="$work/inputs"
mkdir -p "$inputs"
mkdir -p "$inputs/interop"
python3 Scripts/interop_tokens.py "$inputs/interop" >/dev/null
sample=$(<Samples/token.jwt)
# The sample token with one signature character changed.
last=${sample: -1}
if [[ $last == A ]]; then replacement=B; else replacement=A; fi
echo "${sample%?}$replacement" >"$inputs/bad-signature.jwt"
printf '{"keys":[{"kty":"RSA","n":' >"$inputs/malformed.json"
printf '{"keys":[{"kty":"XYZ","kid":"a"},{"kty":"RSA","kid":"b","n":"AQAB"}]}' >"$inputs/unusable.json"
head -c $((4 << 20)) /dev/zero | tr '\0' ' ' >"$inputs/oversized.json"
echo '{}' >>"$inputs/oversized.json"
head -c 300000 /dev/zero | tr '\0' 'a' >"$inputs/long-token.jwt"
{
  cut -f4 "$inputs/interop/cases.tsv"
  echo
  echo "   $sample   "
  echo "not-a-token"
  printf '%s' "$sample"
} >"$inputs/batch.txt"
interop=(--jwks "$inputs/interop/jwks.json" --issuer https://interop.example.com
  --audience https://api.interop.example.com --now 1700000000)
quick=(--jwks Samples/jwks.json --metadata Samples/metadata.json --audience https://api.example.com)

# Each case: a name, then `stdin-file|-` `VAR=value,...|-`, then the arguments.
cases=(
  "sample-stdin|Samples/token.jwt|-|${quick[*]} -"
  "sample-argument|-|-|${quick[*]} $sample"
  "expired|Samples/token.jwt|-|${quick[*]} --now 4071000000 -"
  "bad-signature|$inputs/bad-signature.jwt|-|${quick[*]} -"
  "wrong-audience|Samples/token.jwt|-|--jwks Samples/jwks.json --metadata Samples/metadata.json --audience other -"
  "scope-present|Samples/token.jwt|-|${quick[*]} --scope read:messages -"
  "scope-missing|Samples/token.jwt|-|${quick[*]} --scope admin -"
  "group-missing|Samples/token.jwt|-|${quick[*]} --group admins --group writers --groups-match-all -"
  "batch-all-algorithms|$inputs/batch.txt|-|${interop[*]} --batch"
  "batch-with-argument|-|-|${quick[*]} --batch $sample"
  "empty-stdin|/dev/null|-|${quick[*]} -"
  "long-token|$inputs/long-token.jwt|-|${quick[*]} -"
  "unreadable-jwks|Samples/token.jwt|-|--jwks $inputs/missing.json --issuer i --audience a -"
  "directory-jwks|Samples/token.jwt|-|--jwks $inputs --issuer i --audience a -"
  "malformed-jwks|Samples/token.jwt|-|--jwks $inputs/malformed.json --issuer i --audience a -"
  "unusable-jwks|Samples/token.jwt|-|--jwks $inputs/unusable.json --issuer i --audience a -"
  "oversized-jwks|Samples/token.jwt|-|--jwks $inputs/oversized.json --issuer i --audience a -"
  "oversized-metadata|Samples/token.jwt|-|--jwks Samples/jwks.json --metadata $inputs/oversized.json --audience a -"
  "unreadable-metadata|Samples/token.jwt|-|--jwks Samples/jwks.json --metadata $inputs/missing.json --audience a -"
  "help|-|-|--help"
  "no-arguments|-|-|"
  "unknown-option|-|-|--jwks Samples/jwks.json --bogus x"
  "missing-value|-|-|--jwks"
  "no-jwks|-|-|--tenant-domain example.com --audience a token"
  "introspect|-|-|${quick[*]} --introspect token"
  "no-issuer|-|-|--jwks Samples/jwks.json --audience a token"
  "bad-numbers|-|-|${quick[*]} --clock-skew -1 --now soon token"
  "environment|Samples/token.jwt|MONOCLOUD_BACKEND_AUDIENCE=https://api.example.com,MONOCLOUD_BACKEND_CLOCK_TOLERANCE=0|--jwks Samples/jwks.json --metadata Samples/metadata.json -"
  "bad-environment|Samples/token.jwt|MONOCLOUD_BACKEND_CLOCK_SKEW=abc,MONOCLOUD_BACKEND_GROUPS_MATCH_ALL=maybe|${quick[*]} -"
)

run_case() {  # output-prefix stdin variables arguments binary [runner...]
  local prefix=$1 stdin=$2 variables=$3 arguments=$4
  shift 4
  local environment=(PATH=/usr/bin:/bin) argv=()
  [[ $stdin == - ]] && stdin=/dev/null
  if [[ $variables != - ]]; then
    local variables_list
    IFS=, read -ra variables_list <<<"$variables"
    environment+=("${variables_list[@]}")
  fi
  [[ -z $arguments ]] || read -ra argv <<<"$arguments"
  local status=0
  env -i "${environment[@]}" "$@" "${argv[@]+"${argv[@]}"}" <"$stdin" >"$prefix.out" 2>"$prefix.err" || status=$?
  echo "$status" >"$prefix.status"
}

compare() {  # label binary [runner...]
  local label=$1
  shift
  local failures=0 case name stdin variables arguments
  mkdir -p "$work/runs/$label" "$work/runs/reference"
  for case in "${cases[@]}"; do
    IFS='|' read -r name stdin variables arguments <<<"$case"
    [[ -e $work/runs/reference/$name.status ]] ||
      run_case "$work/runs/reference/$name" "$stdin" "$variables" "$arguments" "$reference"
    run_case "$work/runs/$label/$name" "$stdin" "$variables" "$arguments" "$@"
    for part in status out err; do
      if ! cmp -s "$work/runs/reference/$name.$part" "$work/runs/$label/$name.$part"; then
        echo "error: static $label, case $name: $part differs from the SwiftPM build" >&2
        diff "$work/runs/reference/$name.$part" "$work/runs/$label/$name.$part" | head -5 >&2 || true
        failures=$((failures + 1))
      fi
    done
  done
  local batch_lines
  batch_lines=$(wc -l <"$work/runs/$label/batch-all-algorithms.out")
  echo "static $label: ${#cases[@]} cases, stdout, stderr and exit status identical to the SwiftPM build" \
    "($failures differences; the batch case answered $batch_lines lines)"
  ((failures == 0))
}
compare x86_64 "$static_x86"
compare aarch64 "${arm_runner[@]+"${arm_runner[@]}"}" "$static_arm"
# The cases must exercise every exit status, so that identical answers mean something.
for expected in 0 1 2; do
  grep -qx "$expected" "$work"/runs/reference/*.status || {
    echo "error: no comparison case exits with $expected" >&2
    exit 1
  }
done

# --- An empty root: the binary and its input files, nothing else -------------------------
empty_root_run() {  # label binary [emulator]
  local label=$1 binary=$2 emulator=${3:-}
  local jail="$work/empty-root-$label"
  mkdir -p "$jail"
  cp "$binary" "$jail/monocloud-validate-offline"
  cp Samples/jwks.json Samples/metadata.json Samples/token.jwt "$inputs/bad-signature.jwt" "$jail/"
  local launcher=() chroot
  chroot=$(PATH="$PATH:/usr/sbin:/sbin" command -v chroot)
  if [[ -n $emulator ]]; then
    # A foreign binary needs its (static) emulator inside the root, unless binfmt_misc
    # preloads it.
    cp "$(command -v "$emulator")" "$jail/"
    launcher=("/$emulator")
  fi
  echo "static $label: empty root holds $(find "$jail" -type f | wc -l) files: $(cd "$jail" && ls | tr '\n' ' ')"
  jail_case() {  # expected-status expected-output-fragment token-file extra-arguments...
    local expected=$1 fragment=$2 token=$3
    shift 3
    local status=0 output
    output=$(env -i "$chroot" "$jail" "${launcher[@]+"${launcher[@]}"}" /monocloud-validate-offline \
      --jwks /jwks.json --metadata /metadata.json --audience https://api.example.com "$@" - \
      <"$jail/$token" 2>&1) || status=$?
    if [[ $status != "$expected" || $output != *"$fragment"* ]]; then
      echo "error: static $label in an empty root, $token $*: exit $status, output: $output" >&2
      exit 1
    fi
  }
  jail_case 0 '"sub":"sample-user"' token.jwt
  jail_case 1 'error: invalid_token: ' token.jwt --now 4071000000
  jail_case 1 'error: invalid_token: ' bad-signature.jwt
  echo "static $label: in an empty root (chroot) a valid token exits 0, an expired one 1, a bad signature 1"
}
empty_root_run x86_64 "$static_x86"
if ((${#arm_runner[@]})); then
  empty_root_run aarch64 "$static_arm" qemu-aarch64-static
else
  empty_root_run aarch64 "$static_arm"
fi

# --- The command-line test suites against the static binary -------------------------------
# Skipped: noFoundation, which reads `ldd` of a dynamic offline build; step 1 checks the static
# one more strictly (no DT_NEEDED at all).
MONOCLOUD_VALIDATE_OFFLINE_BINARY="$static_x86" swift test --filter 'MonoCloudValidateTests.CLI' \
  --skip 'noFoundation' >"$work/tests.log" 2>&1 || {
  cat "$work/tests.log"
  exit 1
}
echo "static: $(grep -E '^. Test run with' "$work/tests.log" | tail -1)"
echo "static: done in $((SECONDS - started)) s"
