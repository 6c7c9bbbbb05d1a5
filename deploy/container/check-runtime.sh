#!/usr/bin/env bash
# Checks that a remindd binary loads with nothing but the runtime stage of the Containerfile: every
# library `ldd` resolves must belong to a package of that stage's `apt-get install` line, to one of
# their dependencies, or to the base image (Debian's Priority: required packages and their
# dependencies, which debian:*-slim contains). Libraries of the Swift toolchain are reported and
# skipped: `--static-swift-stdlib` links them into the release binary, so a static build shows none.
#
#   deploy/container/check-runtime.sh .build/release/remindd     # after: swift build -c release --static-swift-stdlib
#
# Run on the Debian release the Containerfile uses (bookworm), with that release's package lists.
# Prints "PASS runtime …" or "FAIL runtime: …" (exit 1).
set -euo pipefail
binary=${1:?usage: check-runtime.sh BINARY}
containerfile=${CONTAINERFILE:-$(dirname "$0")/Containerfile}

fail() { echo "FAIL runtime: $*"; exit 1; }
command -v ldd >/dev/null && command -v dpkg >/dev/null && command -v apt-cache >/dev/null \
    || fail "needs ldd, dpkg and apt-cache (a Debian system)"
[ -x "$binary" ] || fail "$binary is not an executable"

# The runtime stage: everything after the last FROM; its apt-get install packages.
runtime_packages=$(awk '/^FROM /{stage=""} {stage=stage"\n"$0} END{print stage}' "$containerfile" \
    | tr '\\' ' ' | tr -s ' \n' ' ' | grep -o 'apt-get install [^&]*' | head -1 \
    | sed 's/apt-get install//' | tr ' ' '\n' | grep -v '^-' | grep -v '^$' || true)
[ -n "$runtime_packages" ] || fail "no apt-get install line in the runtime stage of $containerfile"
base_packages=$(dpkg-query -W -f='${Package} ${Priority}\n' | awk '$2=="required"{print $1}')
# shellcheck disable=SC2086
allowed=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances $runtime_packages $base_packages 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u)

ldd_output=$(ldd "$binary") || fail "ldd $binary failed"
if grep -q 'not found' <<<"$ldd_output"; then
    fail "unresolved libraries: $(grep 'not found' <<<"$ldd_output" | awk '{print $1}' | tr '\n' ' ')"
fi
toolchain=()
checked=0
while read -r name arrow path _; do
    [ "$arrow" = "=>" ] || { path=$name; }
    [ -e "$path" ] || continue   # linux-vdso.so.1 has no file
    real=$(realpath "$path")
    if package=$(dpkg -S "*/$(basename "$real")" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$package" ]; then
        grep -qx "$package" <<<"$allowed" \
            || fail "$name comes from $package, which the runtime stage does not install (add it to its apt-get install line)"
        checked=$((checked + 1))
    else
        toolchain+=("$name")
    fi
done <<<"$ldd_output"
for library in "${toolchain[@]}"; do
    case "$library" in
        libswift*|libFoundation*|lib_Foundation*|libdispatch*|libBlocksRuntime*) ;;
        *) fail "$library belongs to no Debian package and is not part of the Swift runtime" ;;
    esac
done
echo "PASS runtime: $checked libraries from $(tr '\n' ' ' <<<"$runtime_packages")and the base image;" \
     "${#toolchain[@]} Swift runtime libraries (linked in by --static-swift-stdlib)"
