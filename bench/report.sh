#!/usr/bin/env bash
# Builds the JMH benchmarks (profile -Pbench), runs them and prints one line per case with Kiln's
# number, its baseline's (OpenBLAS for GEMM, an array copy for elementwise, a plain loop for small
# ops) and the ratio. Then trains the demo MLP (784-300-100-10) in Kiln, PyTorch, Keras-JAX and DL4J
# and prints samples/s side by side (kiln.bench.MlpBench; PyTorch and Keras from bench/.venv, which
# bench/venv.sh creates from the local wheel index on first use). Lines starting with '#' are
# context; the others are parsed by scripts.
#
#   bench/report.sh                  # full table, then the MLP comparison: ~8-9 minutes on 2 cores
#   bench/report.sh --quick          # shorter iterations and 3 MLP epochs, ~4-5 minutes
#   bench/report.sh --mlp-only       # only the MLP comparison (3 interleaved rounds), ~3.5 minutes
#   bench/report.sh --no-mlp         # only the JMH part
#   bench/report.sh --gpu-only       # only the gpu-* lines (kiln.bench.GpuBench; run by the others when a GPU is found)
#   bench/report.sh --no-build ...   # reuse the last build (in $TMPDIR/kiln-bench-*)
#   bench/report.sh [--quick] 'GemmBench' -p shape=1024     # a JMH regex and/or JMH options (no MLP)
#
# KILN_SIMD=off|256|512 passes -Dkiln.simd to the benchmark JVMs. OpenBLAS runs its default
# (best) kernel for this CPU, whatever OPENBLAS_CORETYPE says, except with KILN_SIMD=256, where
# it is held to its AVX2 (Haswell) kernel as well, for a like-for-like comparison.
# JMH's own output goes to target/jmh.log, its results to target/jmh.json, the JVMs' stderr
# (logging, warnings) to target/bench-stderr.log; each MLP run's output to target/mlp-*.log, the
# venv setup's to target/bench-venv.log.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

java_major() {  # prints the feature version of the java binary $1, or 0
    local v
    v=$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || true
    v=${v#1.}
    echo "${v%%[.+-]*}" | grep -E '^[0-9]+$' || echo 0
}

jdk=""
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && $(java_major "$JAVA_HOME/bin/java") -ge 25 ]]; then
    jdk=$JAVA_HOME
else
    for d in /usr/lib/jvm/temurin-25*; do
        if [[ -x "$d/bin/java" && $(java_major "$d/bin/java") -ge 25 ]]; then
            jdk=$d
            break
        fi
    done
fi
if [[ -z "$jdk" ]]; then
    echo "report.sh: needs JDK 25 or newer: set JAVA_HOME to one (found JAVA_HOME='${JAVA_HOME:-}'," \
         "and no /usr/lib/jvm/temurin-25*)" >&2
    exit 2
fi
export JAVA_HOME=$jdk

build=1
mlp_only=0
jmh_opts=(-wi 2 -i 3 -w 1s -r 1s -f 1)
pass=()
for arg in "$@"; do
    case "$arg" in
        --quick) jmh_opts=(-wi 1 -i 2 -w 500ms -r 500ms -f 1); pass+=(--mlp-epochs=3 --mlp-rounds=1) ;;
        --mlp-only|--gpu-only) mlp_only=1; pass+=("$arg") ;;
        --no-mlp) pass+=("$arg") ;;
        --no-build) build=0 ;;
        *) pass+=("$arg") ;;
    esac
done

# Build in a private copy of the tree: other people's builds in target/ (which recompile or clean
# target/classes) cannot then remove the benchmarks from under a running JMH.
work=${KILN_BENCH_DIR:-${TMPDIR:-/tmp}/kiln-bench-$(id -u)-$(printf '%s' "$root" | cksum | cut -d' ' -f1)}
cpfile=$work/tree/target/bench-classpath.txt
mkdir -p target
if [[ $build == 1 ]]; then
    # Build into $work/next and swap it in only when it compiled, so a failed build (someone's
    # half-finished edit elsewhere in the tree) leaves the last good build for --no-build.
    next=$work/next
    rm -rf "$next"
    mkdir -p "$next"
    if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$root" ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$next"
    else
        tar --exclude=./target -cf - . | tar -xf - -C "$next"
    fi
    # A GPU here (nvidia-smi lists one): add the CUDA presets' natives, for GpuBench's gpu-* lines.
    profiles=bench
    if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
        profiles=bench,cuda
    fi
    if ! (cd "$next" && mvn -q -B -P"$profiles" -DskipTests compile dependency:build-classpath \
            -Dmdep.outputFile="$next/target/bench-classpath.txt" -Dmdep.includeScope=runtime) \
            >target/bench-build.log 2>&1; then
        grep -E '^\[ERROR\] /' target/bench-build.log | sort -u | head -n 15 >&2 || true
        echo "report.sh: build failed (mvn -Pbench compile of a copy of the tree in $next);" \
             "full log in target/bench-build.log." >&2
        [[ -f $cpfile ]] && echo "report.sh: --no-build runs the last build that compiled." >&2
        exit 1
    fi
    rm -rf "$work/tree"
    mv "$next" "$work/tree"
fi
if [[ ! -f $cpfile || ! -f $work/tree/target/classes/META-INF/BenchmarkList ]]; then
    echo "report.sh: no built benchmarks in $work/tree; run without --no-build" >&2
    exit 1
fi

# OpenBLAS runs its best kernel for this CPU (the environment may force one with
# OPENBLAS_CORETYPE); only when Kiln is held to 256-bit is OpenBLAS held to AVX2 too (design.md).
if [[ "${KILN_SIMD:-}" == 256 ]]; then
    export OPENBLAS_CORETYPE=Haswell
else
    unset OPENBLAS_CORETYPE
fi

jvm=(--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
if [[ -n "${KILN_SIMD:-}" ]]; then
    jvm+=("-Dkiln.simd=$KILN_SIMD")
    # Command-line -jvmArgsAppend replaces the classes' own, so repeat what they need.
    jmh_opts+=(-jvmArgsAppend "--add-modules=jdk.incubator.vector -Xms3g -Xmx3g -Dkiln.simd=$KILN_SIMD")
fi

# Other processes on a 2-core machine distort every 2-thread number (OpenBLAS's spinning threads
# most of all): say so in the report rather than publish it silently.
load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")

cp="$work/tree/target/classes:$(cat "$cpfile")"
status=0
"$JAVA_HOME/bin/java" "${jvm[@]}" -cp "$cp" kiln.bench.Report \
    -rf json -rff target/jmh.json -o target/jmh.log "${jmh_opts[@]}" ${pass[@]+"${pass[@]}"} \
    2>target/bench-stderr.log || status=$?
if [[ $status != 0 ]]; then
    echo "report.sh: benchmark run failed (exit $status); last lines of target/bench-stderr.log and target/jmh.log:" >&2
    tail -n 20 target/bench-stderr.log >&2 || true
    tail -n 40 target/jmh.log >&2 || true
    exit $status
fi
if [[ $load_before != "?" ]] && awk -v l="$load_before" 'BEGIN { exit !(l >= 0.5) }'; then
    echo "# warning: load average was $load_before before the run: other processes were competing for the CPUs"
fi
if [[ $mlp_only == 1 ]]; then
    echo "# wall ${SECONDS}s; MLP runs' output in target/mlp-*.log"
    exit 0
fi
if grep -q "<failure>" target/jmh.log; then
    echo "# some benchmarks failed; see target/jmh.log" 
fi
echo "# wall ${SECONDS}s; JMH log target/jmh.log, results target/jmh.json"
