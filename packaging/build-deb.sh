#!/usr/bin/env bash
# Builds the Linux package: packaging/dist/cloudmount_<version>-1_amd64.deb
#
#   packaging/build-deb.sh [MAVEN ARGUMENTS...]   (e.g. -o: Maven offline)
#
# What is in it: /opt/cloudmount (jpackage's launcher bin/cloudmount, the app's jars in lib/app, a
# jlink runtime in lib/runtime), a menu entry with the icon, /usr/bin/cloudmount (the command line,
# with ./cloudmount's heap rules); Depends: fuse3 (and GTK 3 for the window).
# Needs a JDK 17 with jmods (JAVA_HOME, or the java on PATH), Maven, fakeroot and dpkg-deb (installed
# here with apt-get when missing and running as root). Settings: see lib/common.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

# Debian packages the .deb depends on besides what jpackage finds itself (the runtime's libraries):
# fuse3 for the mounts; GTK 3 for the JavaFX window (JavaFX's native libraries come inside its jars,
# where jpackage does not look for dependencies).
DEB_DEPENDS="fuse3, libgtk-3-0 | libgtk-3-0t64"
# Desktop entry categories.
MENU_CATEGORIES="Utility;FileTools;"

ensure_deb_tools() {
  local missing=()
  command -v fakeroot >/dev/null || missing+=(fakeroot)
  command -v dpkg-deb >/dev/null || missing+=(dpkg)
  ((${#missing[@]})) || return 0
  [[ $(id -u) == 0 ]] || die "jpackage needs ${missing[*]}: sudo apt-get install ${missing[*]}"
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
}

# The JVM options here and in ./cloudmount should be the same; say so when they are not.
check_launcher_options() {
  local script="$ROOT_DIR/cloudmount" ours theirs
  [[ -f "$script" ]] || return 0
  # shellcheck disable=SC2086 # one option per word
  ours="$(printf '%s\n' $META_JAVA_OPTIONS $META_HEAP_OPTIONS $META_MEMORY_HEAP_OPTIONS | sort -u)"
  # (Its class-data-sharing archive options are about a checkout's app/target, and its C1-only JIT
  # is for CLI daemons serving one memory/local drive, while the packaged app runs every kind of
  # drive in one JVM: not compared.)
  theirs="$(grep -v '^\s*#' "$script" \
    | grep -oE -- '(--enable-native-access=[A-Za-z_-]+|-XX:[+-]?[A-Za-z]+(=[^ )"]+)?|-Xs[sm][0-9]+[kmg]?|-Xm[sx][0-9]+[kmg]?)' \
    | grep -vE -- '^-XX:(SharedArchiveFile|ArchiveClassesAtExit|TieredStopAtLevel)' | sort -u || true)"
  if [[ "$ours" != "$theirs" ]]; then
    log "WARNING: the JVM options in packaging/metadata.properties differ from ./cloudmount's:"
    diff <(echo "$ours") <(echo "$theirs") | sed -n 's|^<|  packaging only:|p; s|^>|  ./cloudmount only:|p' >&2 || true
  fi
}

load_metadata
VERSION="$(app_version)"
PKG="$META_PACKAGE_NAME"
APP_DIR="/opt/$PKG"
log "building $PKG $VERSION (.deb)"
ensure_deb_tools
find_jdk
build_app "$@"
check_launcher_options
stage_input
make_runtime

# shellcheck disable=SC2086 # one option per word
mapfile -t LAUNCHER_OPTIONS < <(java_option_args $META_HEAP_OPTIONS)
COMMON=(--app-version "$VERSION" --vendor "$META_VENDOR" --copyright "$META_COPYRIGHT"
        --description "$META_DESCRIPTION" --icon "$PACKAGING_DIR/icons/cloudmount.png")

# 1. The app image: jpackage's launcher (the menu entry's; the options above are built in).
rm -rf "$BUILD_DIR/image"
log "jpackage app-image"
"$JDK_HOME/bin/jpackage" --type app-image --name "$PKG" --dest "$BUILD_DIR/image" \
  --input "$BUILD_DIR/input" --main-jar "$META_MAIN_JAR" --main-class "$META_MAIN_CLASS" \
  --runtime-image "$BUILD_DIR/runtime" "${LAUNCHER_OPTIONS[@]}" "${COMMON[@]}"
IMAGE="$BUILD_DIR/image/$PKG"

# 2. The command-line launcher, with the heap rules a native launcher cannot have.
sed -e "s|@PACKAGE_NAME@|$PKG|g" -e "s|@MAIN_CLASS@|$META_MAIN_CLASS|g" \
    -e "s|@JAVA_OPTIONS@|$META_JAVA_OPTIONS|g" -e "s|@HEAP_OPTIONS@|$META_HEAP_OPTIONS|g" \
    -e "s|@MEMORY_HEAP_OPTIONS@|$META_MEMORY_HEAP_OPTIONS|g" \
    "$PACKAGING_DIR/linux/cloudmount.sh" >"$IMAGE/lib/cloudmount.sh"
chmod 755 "$IMAGE/lib/cloudmount.sh"

# 3. The package. Our maintainer scripts: the menu entry also without a desktop, /usr/bin/cloudmount.
#    Our menu entry: jpackage's, with the display name (jpackage would use the package name).
rm -rf "$BUILD_DIR/resources" && mkdir -p "$BUILD_DIR/resources"
fill() {
  sed -e "s|@APP_DIR@|$APP_DIR|g" -e "s|@APP_NAME@|$META_APP_NAME|g" -e "s|@DESKTOP_FILE@|$PKG-$PKG.desktop|g" \
    "$PACKAGING_DIR/linux/$1" >"$BUILD_DIR/resources/$2"
}
fill postinst postinst
fill prerm prerm
fill cloudmount.desktop "$PKG.desktop"
mkdir -p "$DIST_DIR"
rm -f "$DIST_DIR/${PKG}_"*.deb
log "jpackage deb"
"$JDK_HOME/bin/jpackage" --type deb --app-image "$IMAGE" --name "$PKG" --dest "$DIST_DIR" \
  --install-dir /opt --linux-package-name "$PKG" --linux-deb-maintainer "$META_DEB_MAINTAINER_EMAIL" \
  --linux-package-deps "$DEB_DEPENDS" --linux-shortcut --linux-menu-group "$MENU_CATEGORIES" \
  --linux-app-category utils --resource-dir "$BUILD_DIR/resources" "${COMMON[@]}"

DEB="$(ls "$DIST_DIR/${PKG}_"*.deb)"
log "built $DEB: $(du -h "$DEB" | cut -f1) ($(stat -c %s "$DEB") bytes), installs $(du -sh "$IMAGE" | cut -f1)"
dpkg-deb -f "$DEB" Package Version Depends | sed 's/^/packaging:   /' >&2
