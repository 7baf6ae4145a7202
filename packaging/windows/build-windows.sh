#!/usr/bin/env bash
# Builds the Windows installers, on Windows in Git Bash (the release workflow runs it):
#   packaging/dist/CloudMount-<version>-<arch>.msi        per-user MSI (no admin rights); needs WinFsp
#   packaging/dist/CloudMount-<version>-<arch>-setup.exe  WiX bundle: WinFsp's MSI (unmodified), then
#                                                         the MSI above; asks for admin once (WinFsp)
#
#   packaging/windows/build-windows.sh --arch x64|arm64 [--winfsp-msi FILE]
#
# Without --winfsp-msi only the .msi is built.
# Needs: JAVA_HOME = a JDK 17+ with jmods (Windows x64: e.g. Temurin 17; Windows ARM64: a JDK with
# JavaFX, e.g. Liberica 21 "Full", with CLOUDMOUNT_JAVAFX=jdk, since Maven Central has no Windows
# ARM64 JavaFX), Maven, WiX 3.14 (candle.exe, light.exe on PATH; jpackage needs them for the MSI too).
# Settings: see ../lib/common.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

arch=""
winfsp_msi=""
while (($#)); do
  case "$1" in
    --arch) arch="$2"; shift ;;
    --winfsp-msi) winfsp_msi="$2"; shift ;;
    *) die "unknown argument: $1" ;;
  esac
  shift
done
[[ "$arch" == x64 || "$arch" == arm64 ]] || die "--arch x64|arm64"
is_windows || die "build-windows.sh runs on Windows (Git Bash); the Linux package is build-deb.sh"
# Paths given to Windows programs are converted here (native_path), not guessed by MSYS.
export MSYS_NO_PATHCONV=1 MSYS2_ARG_CONV_EXCL='*'

if ! command -v candle.exe >/dev/null || ! command -v light.exe >/dev/null; then
  die "WiX 3 (candle.exe, light.exe) is not on PATH"
fi

load_metadata
VERSION="$(app_version)"
NAME="$META_APP_NAME"
log "building $NAME $VERSION for Windows $arch (JavaFX: ${CLOUDMOUNT_JAVAFX:-jars})"
find_jdk
if [[ "${CLOUDMOUNT_JAVAFX:-jars}" == jdk ]]; then
  # JavaFX from the JDK: Maven still resolves the JavaFX dependencies, and on Windows ARM64 it has no
  # platform of its own for them; the x64 ("win") jars resolve and stage_input leaves them out.
  build_app -Djavafx.platform=win
else
  build_app
fi
stage_input
make_runtime

mkdir -p "$BUILD_DIR/msi" "$DIST_DIR"
rm -rf "$BUILD_DIR/msi"/* "$BUILD_DIR/jpackage-temp"
# shellcheck disable=SC2086 # one option per word
mapfile -t LAUNCHER_OPTIONS < <(java_option_args $META_HEAP_OPTIONS)

# A second launcher for the command line (cloudmount-cli.exe mount|unmount|list ...): a console
# program, with no Start-menu entry (jpackage 17 documents only win-console for added launchers and
# may ignore the other two keys; 18+ reads them). CloudMount.exe and cloudmount.exe would be one file.
cat >"$BUILD_DIR/cli-launcher.properties" <<EOF
win-console=true
win-menu=false
win-shortcut=false
EOF

log "jpackage msi"
"$JDK_HOME/bin/jpackage.exe" --type msi --name "$NAME" --dest "$(native_path "$BUILD_DIR/msi")" \
  --temp "$(native_path "$BUILD_DIR/jpackage-temp")" \
  --input "$(native_path "$BUILD_DIR/input")" --main-jar "$META_MAIN_JAR" --main-class "$META_MAIN_CLASS" \
  --runtime-image "$(native_path "$BUILD_DIR/runtime")" "${LAUNCHER_OPTIONS[@]}" \
  --add-launcher "cloudmount-cli=$(native_path "$BUILD_DIR/cli-launcher.properties")" \
  --icon "$(native_path "$PACKAGING_DIR/icons/cloudmount.ico")" \
  --app-version "$VERSION" --vendor "$META_VENDOR" --copyright "$META_COPYRIGHT" --description "$META_DESCRIPTION" \
  --win-per-user-install --win-menu --win-menu-group "$NAME" \
  --win-upgrade-uuid "$META_WIN_UPGRADE_UUID"
MSI="$DIST_DIR/$NAME-$VERSION-$arch.msi"
mv "$BUILD_DIR/msi/$NAME-$VERSION.msi" "$MSI"
log "built $MSI: $(du -h "$MSI" | cut -f1)"

if [[ -z "$winfsp_msi" ]]; then
  log "no --winfsp-msi: the setup .exe with WinFsp is not built"
  exit 0
fi
winfsp_msi="$(cygpath -u "$winfsp_msi")"
[[ -f "$winfsp_msi" ]] || die "$winfsp_msi is missing"

log "WiX bundle (WinFsp + $NAME)"
mkdir -p "$BUILD_DIR/bundle"
candle.exe -nologo -ext WixBalExtension \
  "-dAppName=$NAME" "-dVersion=$VERSION" "-dVendor=$META_VENDOR" "-dCopyright=$META_COPYRIGHT" \
  "-dBundleUpgradeCode=$META_WIN_BUNDLE_UPGRADE_UUID" \
  "-dIcon=$(native_path "$PACKAGING_DIR/icons/cloudmount.ico")" \
  "-dLogo=$(native_path "$PACKAGING_DIR/icons/cloudmount-64.png")" \
  "-dWinFspMsi=$(native_path "$winfsp_msi")" "-dAppMsi=$(native_path "$MSI")" \
  -out "$(native_path "$BUILD_DIR/bundle")/" "$(native_path "$PACKAGING_DIR/windows/bundle.wxs")"
SETUP="$DIST_DIR/$NAME-$VERSION-$arch-setup.exe"
light.exe -nologo -ext WixBalExtension -out "$(native_path "$SETUP")" "$(native_path "$BUILD_DIR/bundle/bundle.wixobj")"
log "built $SETUP: $(du -h "$SETUP" | cut -f1)"
