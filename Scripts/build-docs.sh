#!/usr/bin/env bash
# Builds the DocC documentation of every public library module with the toolchain's own tools
# (swift-symbolgraph-extract and docc, no package plugin), treating every warning as an error.
# Output: .build/docs/<Module>.doccarchive. Usage: Scripts/build-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(MonoCloudCrypto MonoCloudJOSE MonoCloudBackend MonoCloudURLSession)

toolchain_bin="$(dirname "$(command -v swift)")"
docc="${DOCC:-$toolchain_bin/docc}"
extract="$toolchain_bin/swift-symbolgraph-extract"
for tool in "$docc" "$extract"; do
  [[ -x $tool ]] || { echo "error: $tool not found in the Swift toolchain" >&2; exit 1; }
done

# Symbol graphs come from the compiled modules of an ordinary debug build (the same build the
# tests use, so nothing is compiled twice).
for module in "${modules[@]}"; do
  swift build --target "$module"
done
bin_path="$(swift build --show-bin-path)"
modules_path="$bin_path/Modules"
[[ -d $modules_path ]] || modules_path="$bin_path"
triple="$(swift -print-target-info | sed -n 's/^ *"triple": "\(.*\)",*$/\1/p' | head -n 1)"
[[ -n $triple ]] || { echo "error: cannot read the target triple from swift -print-target-info" >&2; exit 1; }
sdk_options=()
if command -v xcrun >/dev/null 2>&1; then
  sdk_options=(-sdk "$(xcrun --show-sdk-path)")
fi

output=".build/docs"
rm -rf "$output"
mkdir -p "$output/symbol-graphs"
for module in "${modules[@]}"; do
  echo "== $module"
  graphs="$output/symbol-graphs/$module"
  mkdir -p "$graphs"
  "$extract" -module-name "$module" -target "$triple" ${sdk_options[@]+"${sdk_options[@]}"} \
    -I "$modules_path" -minimum-access-level public -skip-inherited-docs -output-dir "$graphs"
  "$docc" convert "Sources/$module/$module.docc" \
    --additional-symbol-graph-dir "$graphs" \
    --fallback-display-name "$module" --fallback-bundle-identifier "com.monocloud.$module" \
    --output-dir "$output/$module.doccarchive" \
    --warnings-as-errors
done
echo "documentation: $output/<Module>.doccarchive for ${modules[*]}"
