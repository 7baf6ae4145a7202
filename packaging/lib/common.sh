# shellcheck shell=bash disable=SC2034 # (variables used by the scripts that source this)
# Shared steps of the installer builds, sourced by build-deb.sh and windows/build-windows.sh (bash on
# Linux, Git Bash on the Windows runners): metadata, version, the app build, the jpackage input
# folder, the module list and the jlink runtime.
#
# Settings (environment):
#   JAVA_HOME              the JDK whose jlink/jpackage/jmods are used (default: the JDK 17 on PATH)
#   CLOUDMOUNT_VERSION     the version to stamp (default: the Maven version without -SNAPSHOT)
#   CLOUDMOUNT_SKIP_MAVEN  1: use app/target as it is (the caller built it)
#   CLOUDMOUNT_JAVAFX      where the runtime's JavaFX comes from:
#                            jars        Maven's JavaFX jars for this platform (app/target/lib), linked
#                                        into the runtime as modules (default: Linux, Windows x64)
#                            jdk         the JDK's own JavaFX modules (a JDK with JavaFX, e.g. BellSoft
#                                        Liberica "Full"); Maven's JavaFX jars are left out (Windows
#                                        ARM64, for which Maven Central has no JavaFX)
#                            classpath   no JavaFX in the runtime: Maven's JavaFX jars stay on the class
#                                        path, as ./cloudmount runs them (JavaFX calls that unsupported)
#   CLOUDMOUNT_JLINK_COMPRESS  jlink compression of the runtime's modules file (default: none; the
#                          installers compress better, and classes load faster, from an uncompressed one)

set -euo pipefail

PACKAGING_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT_DIR="$(cd "$PACKAGING_DIR/.." && pwd)"
BUILD_DIR="$PACKAGING_DIR/build"
DIST_DIR="$PACKAGING_DIR/dist"

log() { echo "packaging: [${SECONDS}s] $*" >&2; }
die() { echo "packaging: error: $*" >&2; exit 1; }

is_windows() { [[ "${OS:-}" == Windows_NT ]]; }

# A path as the native Windows tools want it (C:/x/y); unchanged elsewhere.
native_path() {
  if is_windows; then cygpath -m "$1"; else printf '%s\n' "$1"; fi
}

# metadata.properties -> META_<KEY> variables.
load_metadata() {
  local key value
  while IFS='=' read -r key value; do
    [[ -z "$key" || "$key" == \#* ]] && continue
    printf -v "META_$key" '%s' "${value%$'\r'}"
  done <"$PACKAGING_DIR/metadata.properties"
}

# The version to stamp: numeric x.y.z, as MSI needs (and as Debian accepts).
app_version() {
  local v="${CLOUDMOUNT_VERSION:-}"
  if [[ -z "$v" ]]; then
    # The root pom has no parent, so its first <version> is the project version.
    v="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT_DIR/pom.xml" | head -n 1)"
    v="${v%-SNAPSHOT}"
  fi
  v="${v#v}"
  [[ "$v" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "version '$v' is not x.y.z (set CLOUDMOUNT_VERSION)"
  printf '%s\n' "$v"
}

# JDK_HOME: a JDK with jlink and jpackage; JDK_JMODS: its jmods folder, or empty for a JDK 24+
# without one, whose jlink links from the JDK's own run-time image (JEP 493).
find_jdk() {
  local home="${JAVA_HOME:-}"
  if [[ -z "$home" ]]; then
    home="$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")"
  fi
  is_windows && home="$(cygpath -u "$home")"
  JDK_HOME="$home"
  local exe=""
  is_windows && exe=".exe"
  for tool in java jdeps jlink jpackage; do
    [[ -x "$JDK_HOME/bin/$tool$exe" ]] || die "$JDK_HOME has no bin/$tool (set JAVA_HOME to a full JDK)"
  done
  JDK_FEATURE="$("$JDK_HOME/bin/java$exe" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
  if [[ -f "$JDK_HOME/jmods/java.base.jmod" ]]; then
    JDK_JMODS="$JDK_HOME/jmods"
  elif ((JDK_FEATURE >= 24)); then
    JDK_JMODS=""
  else
    die "$JDK_HOME has no jmods/ (jlink needs them; on Debian they come with openjdk-17-jdk-headless)"
  fi
  log "JDK: $JDK_HOME (Java $JDK_FEATURE${JDK_JMODS:+, with jmods})"
}

# Builds app/target/cloudmount-app.jar and app/target/lib (package, not install: a build of the
# installers leaves ~/.m2 alone).
build_app() {
  if [[ "${CLOUDMOUNT_SKIP_MAVEN:-0}" == 1 ]]; then
    log "CLOUDMOUNT_SKIP_MAVEN=1: using app/target as it is"
  else
    log "building the app (mvn package -pl app -am)"
    # (sed: Maven 3.8 prints colour resets even in batch mode)
    (cd "$ROOT_DIR" && JAVA_HOME="$(native_path "$JDK_HOME")" \
      mvn -B -ntp -q -DskipTests package -pl app -am "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g')
  fi
  [[ -f "$ROOT_DIR/app/target/$META_MAIN_JAR" ]] || die "app/target/$META_MAIN_JAR is missing (mvn -DskipTests package -pl app -am)"
}

# BUILD_DIR/input: the jars the launcher puts on the class path. With JavaFX as modules, the Maven
# JavaFX jars are left out (the platform ones go to BUILD_DIR/javafx-jars for CLOUDMOUNT_JAVAFX=jars).
stage_input() {
  local mode="${CLOUDMOUNT_JAVAFX:-jars}"
  rm -rf "$BUILD_DIR/input" "$BUILD_DIR/javafx-jars"
  mkdir -p "$BUILD_DIR/input" "$BUILD_DIR/javafx-jars"
  cp "$ROOT_DIR/app/target/$META_MAIN_JAR" "$BUILD_DIR/input/"
  local jar name fx=0
  for jar in "$ROOT_DIR"/app/target/lib/*.jar; do
    name="$(basename "$jar")"
    if [[ "$name" == javafx-* && "$mode" != classpath ]]; then
      fx=$((fx + 1))
      # javafx-graphics-21.0.5-linux.jar is a module; javafx-graphics-21.0.5.jar is an empty stand-in.
      [[ "$name" =~ ^javafx-[a-z]+-[0-9.]+-[a-z0-9-]+\.jar$ ]] && cp "$jar" "$BUILD_DIR/javafx-jars/"
      continue
    fi
    cp "$jar" "$BUILD_DIR/input/"
  done
  log "input: $(find "$BUILD_DIR/input" -name "*.jar" | wc -l) jars (JavaFX: $mode$([[ $fx -gt 0 ]] && echo ", $fx Maven JavaFX jars left out"))"
}

# JavaFX modules for the runtime, and the module path to find them on.
javafx_modules() {
  case "${CLOUDMOUNT_JAVAFX:-jars}" in
    classpath) JAVAFX_MODULE_PATH=""; JAVAFX_ADD_MODULES="" ;;
    jdk)
      "$JDK_HOME/bin/java" --list-modules | grep '^javafx\.graphics@' >/dev/null \
        || die "CLOUDMOUNT_JAVAFX=jdk, but $JDK_HOME has no JavaFX modules (use a JDK with JavaFX, e.g. Liberica Full)"
      JAVAFX_MODULE_PATH=""; JAVAFX_ADD_MODULES="javafx.controls,javafx.fxml" ;;
    jars)
      ls "$BUILD_DIR"/javafx-jars/javafx-graphics-*.jar >/dev/null 2>&1 || die "no JavaFX platform jars in app/target/lib"
      JAVAFX_MODULE_PATH="$BUILD_DIR/javafx-jars"; JAVAFX_ADD_MODULES="javafx.controls,javafx.fxml" ;;
    *) die "CLOUDMOUNT_JAVAFX must be classpath, jdk or jars" ;;
  esac
}

# RUNTIME_MODULES: runtime-modules.txt plus anything more that jdeps finds in BUILD_DIR/input.
runtime_modules() {
  local listed found extra m
  listed="$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$PACKAGING_DIR/runtime-modules.txt" | grep -v '^$' | sort -u)"
  local jars=()
  for m in "$BUILD_DIR"/input/*.jar; do jars+=("$(native_path "$m")"); done
  local mp=()
  [[ -n "$JAVAFX_MODULE_PATH" ]] && mp=(--module-path "$(native_path "$JAVAFX_MODULE_PATH")")
  log "jdeps over ${#jars[@]} jars"
  found="$("$JDK_HOME/bin/jdeps" "${mp[@]}" --print-module-deps --ignore-missing-deps --multi-release "$JDK_FEATURE" \
    "${jars[@]}" 2>/dev/null | tail -n 1 | tr -d '\r' | tr ',' '\n' | grep -v '^javafx\.' | sort -u)"
  [[ -n "$found" ]] || die "jdeps found no modules"
  extra="$(comm -13 <(printf '%s\n' "$listed") <(printf '%s\n' "$found"))"
  if [[ -n "$extra" ]]; then
    log "WARNING: jdeps finds modules that runtime-modules.txt lacks (added; list them there): ${extra//$'\n'/ }"
  fi
  RUNTIME_MODULES="$(printf '%s\n%s\n' "$listed" "$extra" | grep -v '^$' | sort -u | paste -sd, -)"
  [[ -n "$JAVAFX_ADD_MODULES" ]] && RUNTIME_MODULES="$RUNTIME_MODULES,$JAVAFX_ADD_MODULES"
  log "runtime modules: $RUNTIME_MODULES"
}

# BUILD_DIR/runtime: the jlink runtime. bin/java stays (jlink's default; jpackage strips it from a
# runtime it makes itself): the Linux command-line launcher and the app's autostart entry run it.
make_runtime() {
  javafx_modules
  runtime_modules
  local sep=":" mp=()
  is_windows && sep=";"
  local dirs=()
  [[ -n "$JDK_JMODS" ]] && dirs+=("$(native_path "$JDK_JMODS")")
  [[ -n "$JAVAFX_MODULE_PATH" ]] && dirs+=("$(native_path "$JAVAFX_MODULE_PATH")")
  if ((${#dirs[@]})); then
    mp=(--module-path "$(IFS="$sep"; echo "${dirs[*]}")")
  fi
  local compress=()
  case "${CLOUDMOUNT_JLINK_COMPRESS:-none}" in
    none) ;;
    zip) if ((JDK_FEATURE >= 21)); then compress=(--compress=zip-6); else compress=(--compress=2); fi ;;
    *) die "CLOUDMOUNT_JLINK_COMPRESS must be none or zip" ;;
  esac
  rm -rf "$BUILD_DIR/runtime"
  log "jlink"
  "$JDK_HOME/bin/jlink" "${mp[@]}" --add-modules "$RUNTIME_MODULES" \
    --strip-debug --no-man-pages --no-header-files "${compress[@]}" \
    --output "$(native_path "$BUILD_DIR/runtime")"
  # Every module asked for is in (jlink would have failed otherwise; this catches a wrong JDK early).
  local exe=""; is_windows && exe=".exe"
  local have
  have="$("$BUILD_DIR/runtime/bin/java$exe" --list-modules | tr -d '\r' | sed 's/@.*//')"
  local m
  for m in ${RUNTIME_MODULES//,/ }; do
    grep -qx "$m" <<<"$have" || die "the runtime lacks $m"
  done
  log "runtime: $(du -sh "$BUILD_DIR/runtime" | cut -f1) ($(wc -l <<<"$have") modules)"
}

# The --java-options arguments for a jpackage launcher: the common options and a heap.
java_option_args() {
  local opt
  for opt in $META_JAVA_OPTIONS "$@"; do
    printf '%s\n' --java-options "$opt"
  done
}
