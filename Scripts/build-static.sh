#!/usr/bin/env bash
# Builds the command-line validators as static Linux executables, writes stripped copies,
# prints their sizes and checks, and runs each on the bundled sample (exit 0).
#
#   monocloud-validate-offline  the offline validator (--jwks) as ONE fully static executable:
#                               Embedded Swift (MonoCloudCrypto, MonoCloudJOSE, the
#                               MonoCloudValidateCLI front end and its C shim, CMonoCloudShim)
#                               linked against musl. No loader, no shared library, no Swift
#                               runtime: it runs in an empty root (a `FROM scratch` image).
#                               Fails if it has a PT_INTERP or DT_NEEDED entry.
#   monocloud-validate          the full tool, with the Swift runtime linked statically
#                               (--static-swift-stdlib): its online mode uses
#                               FoundationNetworking, so libc, libstdc++ and libcurl stay dynamic.
#
# Usage: Scripts/build-static.sh [--offline-only] [--arch x86_64|aarch64] [--swift-static-stdlib]
#                                [OUTPUT_DIR]                     (default .build-static/dist)
#   --offline-only         only monocloud-validate-offline
#   --arch aarch64         cross-compile the fully static offline validator for arm64 Linux
#                          (with --offline-only; the sample runs under qemu-aarch64-static)
#   --swift-static-stdlib  build monocloud-validate-offline as before, with SwiftPM and
#                          --static-swift-stdlib (it then needs libc, libm, libstdc++, libgcc_s
#                          and the loader), instead of the fully static Embedded build
# MONOCLOUD_STATIC_OPTIMIZATION=-O|-Osize picks the Embedded optimization. Default -O: measured
# with Scripts/bench-static.sh (x86_64, 20,000 tokens per algorithm), -O runs at 1.01-1.23x the
# SwiftPM release build and is 940,888 bytes stripped; -Osize is 593,240 bytes but runs at
# 0.92-1.16x (ES512 the slowest), too close to the 0.9x floor.
#
# What the machine lacks is installed with apt-get (musl-tools; for arm64 the cross gcc, musl
# for arm64 via `dpkg --add-architecture arm64`, and qemu-user-static when not on arm64).
#
# FoundationNetworking links against libcurl, which the static Swift libraries do not carry:
# the system's libcurl.so.4 stays a dynamic dependency of the full tool. When only the runtime
# library is installed (no libcurl4-*-dev), a private libcurl.so link to it is made.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
products=(monocloud-validate-offline monocloud-validate)
arch=$(uname -m)
swift_static_offline=false
out=""
while (($#)); do
  case $1 in
    --offline-only) products=(monocloud-validate-offline) ;;
    --swift-static-stdlib) swift_static_offline=true ;;
    --arch)
      arch=${2:?--arch needs x86_64 or aarch64}
      shift
      ;;
    --arch=*) arch=${1#--arch=} ;;
    -*)
      echo "usage: $0 [--offline-only] [--arch x86_64|aarch64] [--swift-static-stdlib] [OUTPUT_DIR]" >&2
      exit 2
      ;;
    *) out=$1 ;;
  esac
  shift
done
case $arch in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *)
    echo "error: --arch must be x86_64 or aarch64, not $arch" >&2
    exit 2
    ;;
esac
host_arch=$(uname -m)
if [[ $arch != "$host_arch" ]] && { [[ ${#products[@]} -gt 1 ]] || $swift_static_offline; }; then
  echo "error: --arch $arch (cross-compiling) is for the fully static offline validator: add --offline-only" >&2
  exit 2
fi
optimization=${MONOCLOUD_STATIC_OPTIMIZATION:--O}
out=${out:-"$root/.build-static/dist"}
scratch="$root/.build-static"
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

# Installs Debian packages (a fresh CI machine has none of these). apt lets one process at a time
# use its lists and dpkg, and CI builds two architectures at once: the installs take turns on a
# lock file (the second one used to fail with "Could not get lock /var/lib/apt/lists/lock"),
# and wait for dpkg's own lock should anything else hold it.
apt_updated=false
apt_install() {
  flock /tmp/monocloud-build-static-apt.lock bash -c '
    set -euo pipefail
    if [[ $1 == false ]]; then apt-get update -qq; fi
    shift
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$@" >/dev/null
  ' apt_install "$apt_updated" "$@"
  apt_updated=true
}

# The README quick start with the stripped binary (run through `runner`, if any).
check_sample() {  # product binary [runner...]
  local product=$1 binary=$2
  shift 2
  local claims
  claims=$("$@" "$binary" --jwks Samples/jwks.json --metadata Samples/metadata.json \
    --audience https://api.example.com - <Samples/token.jwt) || {
    echo "error: $product rejected the bundled sample token (exit $?)" >&2
    exit 1
  }
  if [[ $claims != *'"sub":"sample-user"'* ]]; then
    echo "error: $product printed unexpected claims for the sample: $claims" >&2
    exit 1
  fi
  echo "$product: the bundled sample token validates (exit 0)"
}

# The fully static offline validator: Embedded Swift objects (LLVM bitcode, so that the link
# keeps one copy of each specialization and drops the unused ones), musl, lld.
build_embedded_offline() {
  local started=$SECONDS
  local swift_target cc musl_lib runner=()
  if [[ $arch == x86_64 ]]; then
    swift_target=x86_64-unknown-linux-gnu
    command -v musl-gcc >/dev/null || apt_install musl-tools
    cc=(musl-gcc)
    musl_lib=/usr/lib/x86_64-linux-musl
  else
    # The toolchain ships the Embedded stdlib for bare-metal arm64 only; its objects use the
    # same AAPCS64 calling convention as Linux, and musl supplies everything else.
    swift_target=aarch64-none-none-elf
    musl_lib=/usr/lib/aarch64-linux-musl
    command -v aarch64-linux-gnu-gcc >/dev/null || apt_install gcc-aarch64-linux-gnu
    if [[ ! -e $musl_lib/libc.a ]]; then
      dpkg --print-foreign-architectures | grep -qx arm64 || {
        dpkg --add-architecture arm64
        apt_updated=false
      }
      apt_install musl-dev:arm64
    fi
    cc=(aarch64-linux-gnu-gcc -specs "$musl_lib/musl-gcc.specs")
    if [[ $host_arch != aarch64 ]]; then
      command -v qemu-aarch64-static >/dev/null || apt_install qemu-user-static
      runner=(qemu-aarch64-static)
    fi
  fi
  local build="$scratch/embedded-$arch$optimization"
  mkdir -p "$build"
  local shim_include="$root/Sources/CMonoCloudShim/include"
  local swift_flags=(-target "$swift_target" -enable-experimental-feature Embedded -wmo "$optimization"
    -lto=llvm-full -package-name monocloud -I "$build" -I "$shim_include")
  compile_module() {  # module, extra flags...
    local module=$1
    shift
    swiftc "${swift_flags[@]}" -parse-as-library -module-name "$module" "$@" \
      -emit-module -emit-module-path "$build/$module.swiftmodule" \
      -c $(find "Sources/$module" -name '*.swift' | LC_ALL=C sort) -o "$build/$module.bc"
  }
  compile_module MonoCloudCrypto
  compile_module MonoCloudJOSE
  compile_module MonoCloudValidateCLI
  # main.swift's top-level code becomes monocloud_swift_main; the shim's C main calls it.
  swiftc "${swift_flags[@]}" -module-name monocloud_validate_offline \
    -Xfrontend -entry-point-function-name -Xfrontend monocloud_swift_main \
    -c Sources/monocloud-validate-offline/main.swift -o "$build/main.bc"
  "${cc[@]}" -O2 -Wall -Wextra -Werror -DMONOCLOUD_STATIC_ENTRY -I "$shim_include" \
    -c Sources/CMonoCloudShim/Shim.c -o "$build/shim.o"
  local binary="$build/monocloud-validate-offline"
  # The toolchain's lld, found by gcc through -B (a cross gcc looks for no prefixed name there).
  mkdir -p "$build/linker"
  local lld
  lld=$(command -v ld.lld || echo "$(dirname "$(command -v swiftc)")/ld.lld")
  ln -sf "$lld" "$build/linker/ld.lld"
  # lld reads the Swift bitcode (and links the musl objects); the Unicode tables back
  # String's case mapping and grapheme breaking, a few KiB of them are kept.
  "${cc[@]}" -static -B "$build/linker" -fuse-ld=lld -Wl,--no-dynamic-linker -Wl,--gc-sections -Wl,--icf=all -o "$binary" \
    "$build/main.bc" "$build/MonoCloudValidateCLI.bc" "$build/MonoCloudJOSE.bc" "$build/MonoCloudCrypto.bc" \
    "$build/shim.o" "/opt/swift/usr/lib/swift/embedded/$swift_target/libswiftUnicodeDataTables.a"
  local stripped="$out/monocloud-validate-offline"
  local strip=strip
  [[ $arch == aarch64 ]] && strip=aarch64-linux-gnu-strip
  "$strip" -o "$stripped" "$binary"
  echo "monocloud-validate-offline ($arch, Embedded Swift $optimization, musl): built in" \
    "$((SECONDS - started)) s; $(wc -c <"$binary") bytes unstripped, $(wc -c <"$stripped") bytes stripped ($stripped)"
  check_fully_static "$stripped"
  check_sample monocloud-validate-offline "$stripped" "${runner[@]+"${runner[@]}"}"
}

# No loader, no shared library: the ELF file alone is the program.
check_fully_static() {  # binary
  local binary=$1 description
  description=$(file -b "$binary")
  echo "monocloud-validate-offline: $description"
  if readelf -lW "$binary" | grep -q 'INTERP'; then
    echo "error: $binary has a program interpreter (PT_INTERP)" >&2
    exit 1
  fi
  if readelf -dW "$binary" | grep -q 'NEEDED'; then
    echo "error: $binary needs shared libraries (DT_NEEDED)" >&2
    exit 1
  fi
  if [[ $description != *"statically linked"* || $description != *", stripped"* ]]; then
    echo "error: $binary is not a stripped, statically linked executable" >&2
    exit 1
  fi
  echo "monocloud-validate-offline: no PT_INTERP, no DT_NEEDED, stripped"
}

# The SwiftPM builds with the Swift runtime linked statically (the full tool, and the offline
# tool with --swift-static-stdlib).
build_swift_static_stdlib() {  # product
  local product=$1
  local link_flags=()
  if [[ $product == monocloud-validate ]] && ! /sbin/ldconfig -p | grep -q 'libcurl\.so '; then
    local curl_runtime
    curl_runtime=$(/sbin/ldconfig -p | awk '/libcurl\.so\.4 /{print $NF; exit}')
    if [[ -n $curl_runtime ]]; then
      mkdir -p "$scratch/curl-link"
      ln -sf "$curl_runtime" "$scratch/curl-link/libcurl.so"
      link_flags=(-Xlinker "-L$scratch/curl-link")
    fi
  fi
  # The only shared libraries the offline tool may need: the C and C++ runtime and the loader.
  local offline_allowed='^(linux-vdso|linux-gate|libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|libutil|ld-linux[-a-z0-9_.]*|ld-musl[-a-z0-9_.]*)\.so'
  local bin_path started=$SECONDS
  bin_path=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)
  swift build -c release --static-swift-stdlib --product "$product" --scratch-path "$scratch" \
    "${link_flags[@]+"${link_flags[@]}"}"
  local binary="$bin_path/$product"
  strip -o "$out/$product" "$binary"
  echo "$product: built in $((SECONDS - started)) s; $(wc -c <"$binary") bytes unstripped," \
    "$(wc -c <"$out/$product") bytes stripped ($out/$product)"
  local libraries
  libraries=$(ldd "$out/$product")
  echo "$product: shared libraries:"
  sed 's/^[[:space:]]*/  /' <<<"$libraries"
  if grep -Ei 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime' <<<"$libraries"; then
    echo "error: $product still needs a Swift runtime, Foundation or dispatch library" >&2
    exit 1
  fi
  if [[ $product == monocloud-validate-offline ]]; then
    local unexpected
    unexpected=$(awk '{print $1}' <<<"$libraries" | xargs -n1 basename | grep -Ev "$offline_allowed" || true)
    if [[ -n $unexpected ]]; then
      echo "error: $product needs more than the C and C++ runtime: $unexpected" >&2
      exit 1
    fi
  fi
  check_sample "$product" "$out/$product"
}

for product in "${products[@]}"; do
  if [[ $product == monocloud-validate-offline ]] && ! $swift_static_offline; then
    build_embedded_offline
  else
    build_swift_static_stdlib "$product"
  fi
done
