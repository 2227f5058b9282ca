#!/usr/bin/env bash
# Builds libmvhost, libmvnative, the C tests and the sample firmware with CMake, and runs the C tests with ctest.
# Usage: build-native.sh BUILD_DIR HOST_JAR CLASSPATH_FILE [SKIP_TESTS [MAVEN_TEST_SKIP]]
# (the host module's Maven build passes them all; either flag "true" builds without running ctest)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build_dir="$1"
host_jar="$(readlink -f "$2")"
classpath="$host_jar:$(cat "$3")"
for tool in cmake ctest cc; do
  command -v "$tool" >/dev/null 2>&1 || { echo "host: $tool is not installed (skip the native build with -Dmvmqtt.skipNative=true)" >&2; exit 1; }
done
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  export JAVA_HOME
fi
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMVHOST_CLASSPATH="$classpath" >/dev/null
cmake --build "$build_dir" -j 2
if [ "${4:-false}" = "true" ] || [ "${5:-false}" = "true" ]; then
  echo "host: C tests skipped (-DskipTests / -Dmaven.test.skip)"
  exit 0
fi
ctest --test-dir "$build_dir" --output-on-failure --timeout 300
