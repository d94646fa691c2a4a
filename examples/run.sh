#!/usr/bin/env bash
# Builds Kiln and runs an example (default: the Fashion-MNIST demo, the README's main job).
#
#   examples/run.sh [--epochs 30] [--batch-size 32] [--optimizer sgd] [--threads N] [--seed 42] [--device cuda]
#   EXAMPLE=kiln.examples.IrisExample examples/run.sh
#
# Needs JDK 25: $JAVA_HOME when it is 25 or newer, else /usr/lib/jvm/temurin-25*.
set -euo pipefail
cd "$(dirname "$0")/.."

jdk_ok() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! jdk_ok "$JAVA_HOME"; then
  for d in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*; do
    if jdk_ok "$d"; then export JAVA_HOME="$d"; break; fi
  done
fi
jdk_ok "${JAVA_HOME:-/nonexistent}" || { echo "examples/run.sh: JDK 25 not found (set JAVA_HOME)" >&2; exit 2; }

# --device cuda needs the CUDA presets' native jars: the `cuda` profile puts them on the class path.
profile=()
for a in "$@"; do
  case "$a" in cuda*|gpu) profile=(-Pcuda) ;; esac
done
mvn -q -B -ntp "${profile[@]}" -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=runtime
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC \
    -cp "target/classes:$(cat target/classpath.txt)" "${EXAMPLE:-kiln.examples.FashionMnistDemo}" "$@"
