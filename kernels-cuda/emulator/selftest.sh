#!/usr/bin/env bash
# Builds libkilnemu.so from every module listed in CudaModule.java with the documented recipe (README.md),
# then builds and runs selftest.cpp against it. Not part of the Maven build. Usage, from anywhere:
#   kernels-cuda/emulator/selftest.sh [build-dir]      (default: a fresh temporary directory)
# KILN_EMU_UCONTEXT=1 builds the runtime's portable <ucontext.h> fiber switch instead of the x86-64 one.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
cd "$out"

cxx="${CXX:-g++}"
flags=(-std=c++20 -O2 -fPIC -ffp-contract=off -DKILN_EMULATOR -I "$repo/kernels-cuda/emulator" -I "$repo/kernels-cuda/cuda")
extra=()
if [[ "${KILN_EMU_UCONTEXT:-0}" == 1 ]]; then extra=(-DKILN_EMU_UCONTEXT); fi

# One translation unit per module, as the Java side generates them: the .cu file, then one
# KILN_EMU_EXPORT per kernel. CudaModule.java lists entries as NAME("file.cu", fmad, "fn", "fn", ...).
rm -f mod_*.cpp mod_*.o
perl -0777 -ne 'while (/\n\s+[A-Z_]+\(\s*"([\w.]+)\.cu"\s*,\s*(?:true|false)\s*,([^)]*)\)/g) {
    my ($f, $fns) = ($1, $2);
    open(my $o, ">", "mod_$f.cpp") or die;
    print $o "#include \"kiln_emu.h\"\n#include \"$f.cu\"\n";
    print $o "KILN_EMU_EXPORT($1)\n" while $fns =~ /"(\w+)"/g;
    close $o;
}' "$repo/kernels-cuda/kiln/kernels/cuda/CudaModule.java"
ls mod_*.cpp >/dev/null

start=$(date +%s)
pids=()
for tu in mod_*.cpp; do
    "$cxx" "${flags[@]}" -c "$tu" -o "${tu%.cpp}.o" & pids+=($!)
done
"$cxx" "${flags[@]}" "${extra[@]}" -c "$here/kiln_emu_runtime.cpp" -o kiln_emu_runtime.o & pids+=($!)
for p in "${pids[@]}"; do wait "$p"; done # set -e: a failed compile stops here
"$cxx" -shared -o libkilnemu.so mod_*.o kiln_emu_runtime.o
"$cxx" "${flags[@]}" "$here/selftest.cpp" -o selftest -L. -lkilnemu -Wl,-rpath,"$out"
echo "built $out/libkilnemu.so from $(ls mod_*.cpp | wc -l) modules in $(( $(date +%s) - start )) s"
echo
./selftest
