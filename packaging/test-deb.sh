#!/usr/bin/env bash
# Proves the Linux package end to end, as a user would meet it:
#   1. builds it (packaging/build-deb.sh),
#   2. installs it with `apt-get install ./packaging/dist/cloudmount_*.deb`,
#   3. checks what was installed (launchers, menu entry, icon, JVM options, runtime modules),
#   4. headless: mounts a memory drive with the installed `cloudmount`, waits for its "ready" line,
#      writes and reads a file, `cloudmount unmount`s it and checks both exit 0,
#   5. checks the installed runtime: a TLS 1.3 handshake with elliptic-curve crypto (S3 over HTTPS),
#   6. starts the app from its menu entry's command under Xvfb, waits for its window and takes a
#      screenshot (packaging/build/deb-installed.png, or --screenshot FILE),
#   7. uninstalls it with `apt-get remove` and checks that nothing is left.
#
#   packaging/test-deb.sh [--no-build] [--screenshot FILE]
#
# --no-build tests packaging/dist/cloudmount_*.deb as it is. CLOUDMOUNT_SKIP_MAVEN=1 builds the .deb
# from app/target as it is (CI: right after `mvn verify`). Runs as root (apt-get; FUSE mounts); installs
# what it needs (fuse3, xvfb, x11-utils, fakeroot) with apt-get. Ends with "test-deb: N passed, N failed"
# and exits 1 when a check failed. A cloudmount package already installed is replaced, then removed.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

build=1
screenshot=""
while (($#)); do
  case "$1" in
    --no-build) build=0 ;;
    --screenshot) screenshot="$(realpath -m "$2")"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
[[ $(id -u) == 0 ]] || die "run as root (apt-get install, FUSE mounts)"

load_metadata
PKG="$META_PACKAGE_NAME"
APP_DIR="/opt/$PKG"
: "${screenshot:=$BUILD_DIR/deb-installed.png}"

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "test-deb: ok    $*"; }
bad() { failed=$((failed + 1)); echo "test-deb: FAIL  $*"; }
# check DESCRIPTION COMMAND...: one check, counted.
check() {
  local what="$1"; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
# Waits up to $1 seconds for the command to succeed.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}
finish() {
  echo "test-deb: $passed passed, $failed failed"
  ((failed == 0))
}

work="$(mktemp -d /tmp/cloudmount-test-deb.XXXXXX)"
pids=()
mnt="$work/drive"
installed_by_us=0
# Whether the package is on the machine (also half installed), not just remembered by dpkg.
present() {
  local status
  status="$(dpkg-query -W -f='${db:Status-Status}' "$PKG" 2>/dev/null || true)"
  [[ -n "$status" && "$status" != not-installed && "$status" != config-files ]]
}
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if grep -qs " $mnt " /proc/mounts; then fusermount3 -u "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true; fi
  if ((installed_by_us)) && present; then
    echo "test-deb: removing $PKG (left installed by a failed run)"
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$PKG" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$work/apt.log" 2>&1 && return 0
  # Package lists may be missing or old on a fresh machine.
  apt-get update -q >>"$work/apt.log" 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$work/apt.log" 2>&1 || { tail -n 30 "$work/apt.log"; return 1; }
}

# What this test needs: FUSE, a virtual display, xwininfo, and what jpackage needs for a .deb.
needed=(fuse3 xvfb x11-utils fakeroot)
missing=()
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt_install "${missing[@]}" || die "could not install ${missing[*]}"
fi

# 1. Build.
if ((build)); then
  "$PACKAGING_DIR/build-deb.sh"
fi
debs=("$DIST_DIR/${PKG}_"*.deb)
[[ -f "${debs[0]}" ]] || die "no $DIST_DIR/${PKG}_*.deb (run without --no-build)"
DEB="${debs[0]}"
deb_bytes="$(stat -c %s "$DEB")"

# 2. Install, as a user would.
if present; then
  log "$PKG is installed already: removing it first"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "$PKG" >/dev/null
fi
log "apt-get install -y ./${DEB#"$ROOT_DIR"/}"
installed_by_us=1
t0=$SECONDS
(cd "$ROOT_DIR" && apt_install "./${DEB#"$ROOT_DIR"/}") || { bad "apt-get install the .deb"; finish; exit 1; }
ok "apt-get install ./${DEB#"$ROOT_DIR"/} ($((SECONDS - t0))s)"

# 3. What was installed.
desktop="/usr/share/applications/$PKG-$PKG.desktop"
check "package installed, depends on fuse3" \
  bash -c "dpkg -s $PKG | grep -q '^Status: install ok installed' && dpkg -s $PKG | grep -q '^Depends:.*fuse3'"
check "launcher $APP_DIR/bin/$PKG" test -x "$APP_DIR/bin/$PKG"
check "/usr/bin/cloudmount -> $APP_DIR/lib/cloudmount.sh" \
  bash -c "[[ \$(readlink /usr/bin/cloudmount) == $APP_DIR/lib/cloudmount.sh && -x /usr/bin/cloudmount ]]"
check "menu entry $desktop (Name=$META_APP_NAME, Exec=$APP_DIR/bin/$PKG)" \
  bash -c "grep -qx 'Name=$META_APP_NAME' '$desktop' && grep -qx 'Exec=$APP_DIR/bin/$PKG' '$desktop'"
icon="$(sed -n 's/^Icon=//p' "$desktop" 2>/dev/null)"
check "menu icon $icon" test -s "$icon"
check "launcher JVM options: --enable-native-access=ALL-UNNAMED, SerialGC, bounded heap" \
  bash -c "grep -qx 'java-options=--enable-native-access=ALL-UNNAMED' $APP_DIR/lib/app/$PKG.cfg \
    && grep -qx 'java-options=-XX:+UseSerialGC' $APP_DIR/lib/app/$PKG.cfg \
    && grep -qx 'java-options=-Xmx256m' $APP_DIR/lib/app/$PKG.cfg"
modules="$("$APP_DIR/lib/runtime/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -)"
check "runtime modules ($modules)" \
  bash -c "[[ ,$modules, == *,jdk.unsupported,* && ,$modules, == *,jdk.crypto.ec,* && ,$modules, == *,java.desktop,* && ,$modules, != *,jdk.compiler,* ]]"

# 4. Headless: a memory drive with the installed command, as a user's terminal would run it.
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" "$mnt"
chmod 700 "$XDG_RUNTIME_DIR"
headless=(env -u DISPLAY -u WAYLAND_DISPLAY)

out="$("${headless[@]}" cloudmount 2>&1 || true)"
check "no arguments and no display: usage" grep -q "mount" <<<"$out"
check "the menu launcher runs headless too ($APP_DIR/bin/$PKG list)" "${headless[@]}" "$APP_DIR/bin/$PKG" list

t0=$SECONDS
"${headless[@]}" cloudmount mount memory: "$mnt" >"$work/mount.log" 2>&1 &
mount_pid=$!
pids+=("$mount_pid")
if wait_for 60 grep -q "ready" "$work/mount.log"; then
  ok "cloudmount mount memory: $mnt: ready after $((SECONDS - t0))s"
else
  bad "cloudmount mount memory: no ready line within 60s"; sed 's/^/  mount: /' "$work/mount.log"
fi
check "mounted (fuse in /proc/mounts)" grep -qs " $mnt fuse" /proc/mounts
check "memory: drive gets the memory heap (-XX:MaxRAMPercentage=70)" \
  bash -c "tr '\0' ' ' </proc/$mount_pid/cmdline | grep -q -- '-XX:MaxRAMPercentage=70 '"
head -c 3000000 /dev/urandom >"$work/data.bin"
check "write a file to the drive" bash -c "cp '$work/data.bin' '$mnt/data.bin' && echo hello >'$mnt/hello.txt' && sync"
check "read it back" bash -c "cmp '$work/data.bin' '$mnt/data.bin' && [[ \$(cat '$mnt/hello.txt') == hello ]]"
check "cloudmount list shows the drive" bash -c "${headless[*]} cloudmount list | grep -q '$mnt'"
check "cloudmount unmount exits 0" "${headless[@]}" cloudmount unmount "$mnt"
if wait_for 30 bash -c "! kill -0 $mount_pid 2>/dev/null"; then
  rc=0; wait "$mount_pid" || rc=$?
  check "cloudmount mount exits 0 after the unmount (exit $rc)" test "$rc" = 0
else
  bad "cloudmount mount still running 30s after the unmount"
fi
check "unmounted" bash -c "! grep -qs ' $mnt ' /proc/mounts"

# 5. The runtime: TLS as S3 needs it (elliptic curves only, so a missing jdk.crypto.ec fails).
javac_bin="$(command -v javac || echo "${JAVA_HOME:-/nonexistent}/bin/javac")"
if "$javac_bin" --release 17 -d "$work/probe" "$PACKAGING_DIR/test/RuntimeProbe.java" 2>"$work/javac.log"; then
  "$APP_DIR/lib/runtime/bin/keytool" -genkeypair -keyalg EC -groupname secp256r1 -alias probe -dname CN=localhost \
    -validity 2 -storetype PKCS12 -keystore "$work/probe.p12" -storepass probepass -keypass probepass >/dev/null 2>&1 || true
  check "runtime: TLS 1.3 with x25519/secp256r1 and an EC certificate" \
    bash -c "'$APP_DIR/lib/runtime/bin/java' -Djdk.tls.namedGroups=x25519,secp256r1 -cp '$work/probe' RuntimeProbe tls '$work/probe.p12' probepass"
else
  bad "compile packaging/test/RuntimeProbe.java (needs a JDK's javac)"; cat "$work/javac.log"
fi

# 6. The window: the menu entry's command on a virtual display.
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
exec 3>&-
if wait_for 20 test -s "$work/display"; then
  DISPLAY=":$(head -n 1 "$work/display")"
  export DISPLAY
  exec_line="$(sed -n 's/^Exec=//p' "$desktop")"
  # No accessibility bus here: GTK would wait for it.
  NO_AT_BRIDGE=1 $exec_line >"$work/app.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  if wait_for 90 bash -c "xwininfo -root -tree | grep -q '\"$META_APP_NAME\"'"; then
    ok "menu entry's command ($exec_line) opens the $META_APP_NAME window"
    sleep 3 # let it paint
    mkdir -p "$(dirname "$screenshot")"
    # The window and a margin around it (the whole screen if xwininfo cannot say where it is).
    area="$(xwininfo -name "$META_APP_NAME" 2>/dev/null | awk -v m=16 '
      /Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF} /Width:/ {w=$NF} /Height:/ {h=$NF}
      END { if (w > 0) print (x > m ? x - m : 0), (y > m ? y - m : 0), w + 2 * m, h + 2 * m }')"
    check "screenshot $screenshot" \
      bash -c "'$APP_DIR/lib/runtime/bin/java' -cp '$work/probe' RuntimeProbe screenshot '$screenshot' $area \
        && test \$(stat -c %s '$screenshot') -gt 10000"
  else
    bad "no $META_APP_NAME window within 90s"; sed 's/^/  app: /' "$work/app.log"
  fi
  kill "$app_pid" 2>/dev/null || true
  wait_for 20 bash -c "! kill -0 $app_pid 2>/dev/null" || kill -9 "$app_pid" 2>/dev/null || true
else
  bad "Xvfb did not start"; cat "$work/xvfb.log"
fi

# 7. Uninstall, as a user would, and nothing of it is left.
t0=$SECONDS
check "apt-get remove -y $PKG" bash -c "DEBIAN_FRONTEND=noninteractive apt-get remove -y -q $PKG >'$work/remove.log' 2>&1"
installed_by_us=0
check "uninstalled: $APP_DIR, /usr/bin/cloudmount and the menu entry are gone ($((SECONDS - t0))s)" \
  bash -c "[[ ! -e $APP_DIR && ! -e /usr/bin/cloudmount && ! -L /usr/bin/cloudmount && ! -e '$desktop' ]] \
    && [[ \$(dpkg-query -W -f='\${db:Status-Status}' $PKG) != installed ]]"
# dpkg still remembers the package (for its postrm at purge): forget it, as a re-run wants.
dpkg --purge "$PKG" >/dev/null 2>&1 || true

echo "test-deb: $(basename "$DEB"): $(awk -v b="$deb_bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }') ($deb_bytes bytes); took ${SECONDS}s"
finish
