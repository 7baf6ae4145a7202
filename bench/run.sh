#!/usr/bin/env bash
# bench/run.sh - run the same file-system workloads on the native disk, bindfs,
# rclone mount (VFS cache full) and CloudMount (local and memory backends) and
# print a markdown table with ratios to native and to the best peer.
# With --s3: the same workloads on S3 mounts (CloudMount, rclone mount --vfs-cache-mode
# full, s3fs) of one S3Proxy server on 127.0.0.1, plus the SDK alone (PUT/GET, no mount).
#
# See bench/README.md for what each workload measures and for caveats.
# The whole script is one { ... } block: bash parses it completely before running it,
# so editing run.sh while a run is going on cannot change or break that run.
{
set -uo pipefail
export LC_ALL=C LANG=C

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_DIR=$(dirname "$BENCH_DIR")

# ----------------------------------------------------------------- options --
SIZE_MIB=""
FILES=""
ONLY=""
QUICK=0
KEEP=0
CM_THREADS=""
WORK_BASE=${BENCH_WORKDIR:-/var/tmp}
SMALL=small1            # the current metadata round's folder (small1, small2, ...)
CLOUDMOUNT=${CLOUDMOUNT:-$REPO_DIR/cloudmount}
MOUNT_TIMEOUT=${BENCH_MOUNT_TIMEOUT:-60}         # bindfs / rclone: seconds until mounted
CM_MOUNT_TIMEOUT=${BENCH_CM_MOUNT_TIMEOUT:-120}  # CloudMount: seconds until the "ready" line
RANDREAD_SECS=""
CM_ARGS=()              # --cm-arg ARG (repeatable): extra arguments for 'cloudmount mount'
ROUNDS=""               # metadata workloads are repeated this often; the table shows the median
FILE_SIZE=4096
TREE_DIRS=200           # 8 top-level x 3 x 7 leaves (8 + 24 + 168)
ALL_TARGETS=(native bindfs rclone cm-local cm-memory)
S3=0                    # --s3: S3 targets instead of the local ones
S3_STORE=transient      # S3Proxy blob store: transient (RAM, like the project's tests) | filesystem (files under the work folder)
WRITE_BACK=""           # --write-back DELAY (S3): CloudMount --write-back and rclone --vfs-write-back

usage() {
    cat <<EOF
Usage: bench/run.sh [options]

Runs identical workloads on: native (temp dir on disk), bindfs, rclone mount
--vfs-cache-mode full, CloudMount local:, CloudMount memory:. Prints a markdown
table and writes it to bench/results/<date>.md.

Options:
  --size MiB         size of the sequential file (default 512; --quick: 32)
  --files N          number of small files (default 2000; --quick: 200)
  --only LIST        comma-separated targets: native,bindfs,rclone,cm-local,cm-memory
                     (aliases: cloudmount-local, cloudmount-memory, cloudmount = both cm-*)
  --quick            smoke run with small sizes and short timings (< 1 minute; --s3: < 2 minutes
                     on an idle machine, with --write-back 1s unless given)
  --threads N        pass --threads N to 'cloudmount mount'
  --cm-arg ARG       pass ARG to 'cloudmount mount' (repeatable), e.g. --cm-arg --use-server-modtime
  --randread-secs S  duration of the 4 KiB random-read test (default 10; --quick: 2)
  --rounds N         repeat the metadata workloads (create ... tree) N times per target and
                     report the median (default 3; --quick: 1)
  --workdir DIR      where the temp folders are created (default \$BENCH_WORKDIR or /var/tmp)
  --keep             keep the temp folder (for debugging)
  -h, --help         this help

S3 mode (see bench/README.md):
  --s3               targets: sdk (PUT/GET without a mount), rclone (rclone mount of the S3
                     server, --vfs-cache-mode full), s3fs, cm-s3 (CloudMount s3://); one S3Proxy
                     server on 127.0.0.1 (jars resolved with Maven at run time, stopped on exit)
                     --only takes: sdk,rclone,s3fs,cloudmount
  --s3-store KIND    S3Proxy blob store: transient (default, in the server's RAM) or filesystem
                     (on the --workdir disk; its listings omit empty directory markers, see README)
  --write-back D     pass --write-back D to CloudMount and --vfs-write-back D to rclone
                     (default: their own defaults, 5s both)

Environment: CLOUDMOUNT=path overrides ./cloudmount (default: $REPO_DIR/cloudmount).
EOF
}

die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

while (($#)); do
    case $1 in
        --size) SIZE_MIB=${2:-}; shift 2 || die "--size needs a value" ;;
        --size=*) SIZE_MIB=${1#*=}; shift ;;
        --files) FILES=${2:-}; shift 2 || die "--files needs a value" ;;
        --files=*) FILES=${1#*=}; shift ;;
        --only) ONLY=${2:-}; shift 2 || die "--only needs a value" ;;
        --only=*) ONLY=${1#*=}; shift ;;
        --threads) CM_THREADS=${2:-}; shift 2 || die "--threads needs a value" ;;
        --threads=*) CM_THREADS=${1#*=}; shift ;;
        --randread-secs) RANDREAD_SECS=${2:-}; shift 2 || die "--randread-secs needs a value" ;;
        --rounds) ROUNDS=${2:-}; shift 2 || die "--rounds needs a value" ;;
        --cm-arg) [[ $# -ge 2 ]] || die "--cm-arg needs a value"; CM_ARGS+=("$2"); shift 2 ;;
        --cm-arg=*) CM_ARGS+=("${1#*=}"); shift ;;
        --rounds=*) ROUNDS=${1#*=}; shift ;;
        --workdir) WORK_BASE=${2:-}; shift 2 || die "--workdir needs a value" ;;
        --quick) QUICK=1; shift ;;
        --s3) S3=1; shift ;;
        --s3-store) S3_STORE=${2:-}; shift 2 || die "--s3-store needs a value" ;;
        --s3-store=*) S3_STORE=${1#*=}; shift ;;
        --write-back) WRITE_BACK=${2:-}; shift 2 || die "--write-back needs a value" ;;
        --write-back=*) WRITE_BACK=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done

if ((QUICK)); then
    : "${SIZE_MIB:=32}" "${FILES:=200}" "${RANDREAD_SECS:=2}" "${ROUNDS:=1}"
    ((S3)) && : "${WRITE_BACK:=1s}"   # shorter waits for rclone's and CloudMount's uploads
    LIST_SECS=0.5; WARMSTAT_SECS=0.3
else
    : "${SIZE_MIB:=512}" "${FILES:=2000}" "${RANDREAD_SECS:=10}" "${ROUNDS:=3}"
    LIST_SECS=2; WARMSTAT_SECS=1
fi
[[ $SIZE_MIB =~ ^[1-9][0-9]*$ ]] || die "--size must be a positive integer (MiB)"
[[ $FILES =~ ^[1-9][0-9]*$ ]] || die "--files must be a positive integer"
[[ $RANDREAD_SECS =~ ^[1-9][0-9]*$ ]] || die "--randread-secs must be a positive integer"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer"
[[ -z $CM_THREADS || $CM_THREADS =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer"
CM_EXTRA=(${CM_ARGS[@]+"${CM_ARGS[@]}"})
[[ -n $CM_THREADS ]] && CM_EXTRA+=(--threads "$CM_THREADS")
[[ $S3_STORE == filesystem || $S3_STORE == transient ]] || die "--s3-store must be filesystem or transient"
[[ -z $WRITE_BACK || $WRITE_BACK =~ ^[0-9]+(ms|s|m)$ ]] || die "--write-back must look like 500ms, 0s, 5s or 1m"
if ((S3)); then
    ALL_TARGETS=(s3-sdk s3-rclone s3fs cm-s3)
    REF=s3-sdk; REF_LETTER=S; PEERS=(s3-rclone s3fs)
else
    [[ -z $WRITE_BACK ]] || die "--write-back only applies with --s3"
    REF=native; REF_LETTER=N; PEERS=(bindfs rclone)
fi

TARGETS=()
if [[ -z $ONLY ]]; then
    TARGETS=("${ALL_TARGETS[@]}")
else
    IFS=',' read -r -a _req <<<"$ONLY"
    for t in "${_req[@]}"; do
        if ((S3)); then
            case ${t// /} in
                s3-sdk|sdk|aws-sdk) TARGETS+=(s3-sdk) ;;
                s3-rclone|rclone) TARGETS+=(s3-rclone) ;;
                s3fs) TARGETS+=(s3fs) ;;
                cm-s3|cloudmount|cloudmount-s3|cm) TARGETS+=(cm-s3) ;;
                all) TARGETS+=("${ALL_TARGETS[@]}") ;;
                "") ;;
                *) die "unknown S3 target '$t' (known: sdk, rclone, s3fs, cloudmount)" ;;
            esac
            continue
        fi
        case ${t// /} in
            native|bindfs|rclone|cm-local|cm-memory) TARGETS+=("${t// /}") ;;
            cloudmount-local|cloudmount:local|local) TARGETS+=(cm-local) ;;
            cloudmount-memory|cloudmount:memory|memory) TARGETS+=(cm-memory) ;;
            cloudmount|cm) TARGETS+=(cm-local cm-memory) ;;
            all) TARGETS+=("${ALL_TARGETS[@]}") ;;
            "") ;;
            *) die "unknown target '$t' (known: ${ALL_TARGETS[*]}, cloudmount)" ;;
        esac
    done
    # de-duplicate, keep canonical order
    _sel=" ${TARGETS[*]} "; TARGETS=()
    for t in "${ALL_TARGETS[@]}"; do [[ $_sel == *" $t "* ]] && TARGETS+=("$t"); done
fi
((${#TARGETS[@]})) || die "no targets selected"

declare -A LABEL=([native]="native" [bindfs]="bindfs" [rclone]="rclone" [cm-local]="CloudMount local" [cm-memory]="CloudMount memory"
    [s3-sdk]="SDK alone (no mount)" [s3-rclone]="rclone full" [s3fs]="s3fs" [cm-s3]="CloudMount S3")

# --------------------------------------------------------------- state ------
declare -A VAL=()         # [target,workload] -> number | skipped | fail | timeout | n/a
declare -A BROKEN=()      # [target] -> 1 when a timeout left the mount unusable
declare -A MOUNT_TIMES=() # [target] -> "s s s" launch->ready seconds per mount
declare -A RSS_KB=()      # [target] -> max VmHWM (kB) over all mount sessions
declare -A RSS_COMM=()    # [target] -> name of that process
declare -A SKIP=()        # [target] -> reason
declare -A MOUNT_SEQ=()
declare -A DURABLE_INFO=() # [target] -> "write+close X s, in the bucket after Y s" (S3)
NOTES=()
SERVER_PID=""; WAITER_PID=""   # S3 mode: the S3Proxy JVM and the HEAD poller of the running workload
S3_ENDPOINT=""
WORK=""
ACTIVE_PID=""; ACTIVE_MP=""; ACTIVE_TARGET=""; ACTIVE_LOG=""
CUR_CHILD=""; WD_PID=""
UPLOADS_EXPECTED=0
CLEANED=0

exec {LOGFD}>&2   # progress log; stays valid while stderr is redirected (e.g. inside traps)
log() { printf '%(%H:%M:%S)T %s\n' -1 "$*" >&"$LOGFD"; }
note() { NOTES+=("$*"); log "note: $*"; }

now_us() { local t=$EPOCHREALTIME; REPLY=${t/./}; }   # microseconds since epoch

# --------------------------------------------------------- process helpers --
# descendants PID -> prints PID and all its descendants (children first collected)
descendants() {
    local root=$1 f line rest pid ppid
    local -A pp=()
    for f in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null <"$f" || continue
        pid=${line%% *}; rest=${line##*) }; rest=${rest#* }; ppid=${rest%% *}
        pp[$pid]=$ppid
    done
    local -A out=([$root]=1)
    local changed=1
    while ((changed)); do
        changed=0
        for pid in "${!pp[@]}"; do
            if [[ -z ${out[$pid]:-} && -n ${out[${pp[$pid]}]:-} ]]; then out[$pid]=1; changed=1; fi
        done
    done
    printf '%s\n' "${!out[@]}"
}

kill_tree() { # PID SIGNAL
    [[ -n ${1:-} ]] || return 0
    local pids
    pids=$(descendants "$1")
    # shellcheck disable=SC2086
    kill -s "$2" $pids 2>/dev/null
    return 0
}

alive() { # PID -> running (not a zombie)
    local line st
    read -r line 2>/dev/null <"/proc/$1/stat" || return 1
    st=${line##*) }; st=${st%% *}
    [[ $st != Z && $st != X ]]
}

wait_exit() { # PID SECS -> 0 if it exited (and reap it)
    local pid=$1 end
    now_us; end=$((REPLY + $2 * 1000000))
    while alive "$pid"; do
        now_us; ((REPLY > end)) && return 1
        sleep 0.05
    done
    wait "$pid" 2>/dev/null
    return 0
}

is_mounted() { awk -v m="$1" '$5 == m { f = 1 } END { exit !f }' /proc/self/mountinfo; }

FUSERMOUNT=$(command -v fusermount3 || command -v fusermount || true)

force_unmount() { # MP PID: kill the daemon and lazily detach (never blocks long)
    local mp=$1 pid=${2:-}
    [[ -n $pid ]] && kill_tree "$pid" KILL
    if is_mounted "$mp"; then
        if [[ -n $FUSERMOUNT ]]; then timeout -k 2 10 "$FUSERMOUNT" -u -z "$mp" >/dev/null 2>&1; fi
        is_mounted "$mp" && timeout -k 2 10 umount -l "$mp" >/dev/null 2>&1
    fi
    [[ -n $pid ]] && wait_exit "$pid" 5
    return 0
}

# Watchdog for run_limited: after LIMIT seconds TERM, then KILL the command's
# process tree; if it is still stuck (e.g. in a FUSE request), kill the FUSE
# daemon and lazily unmount, which fails the pending requests.
watchdog() { # LIMIT PID FLAGFILE MP DAEMON_PID
    local limit=$1 pid=$2 flag=$3 mp=$4 dpid=$5 sp=""
    trap '[[ -n $sp ]] && kill $sp 2>/dev/null; exit 0' TERM
    exec >/dev/null 2>&1 </dev/null {LOGFD}>&-
    sleep "$limit" & sp=$!; wait $sp
    : >"$flag"
    kill_tree "$pid" TERM
    sleep 5 & sp=$!; wait $sp
    kill_tree "$pid" KILL
    sleep 3 & sp=$!; wait $sp
    if alive "$pid" && [[ -n $mp ]]; then force_unmount "$mp" "$dpid"; fi
}

stop_watchdog() {
    if [[ -n $WD_PID ]]; then
        kill -TERM "$WD_PID" 2>/dev/null
        wait "$WD_PID" 2>/dev/null
        WD_PID=""
    fi
}

# run_limited LIMIT TAG CMD... : run CMD (a command or function) in the
# background with a deadline; stdout -> $WORK/logs/TAG.out, stderr -> TAG.err.
# Sets RL_RC and RL_TIMEDOUT.
run_limited() {
    local limit=$1 tag=$2; shift 2
    local flag="$WORK/logs/$tag.timedout"
    rm -f "$flag"
    "$@" >"$WORK/logs/$tag.out" 2>"$WORK/logs/$tag.err" </dev/null {LOGFD}>&- &
    CUR_CHILD=$!
    watchdog "$limit" "$CUR_CHILD" "$flag" "$ACTIVE_MP" "$ACTIVE_PID" &
    WD_PID=$!
    { wait "$CUR_CHILD"; RL_RC=$?; } 2>/dev/null
    CUR_CHILD=""
    stop_watchdog
    RL_TIMEDOUT=0
    [[ -e $flag ]] && RL_TIMEDOUT=1
    return $RL_RC
}

# ------------------------------------------------------------- cleanup ------
cleanup() {
    ((CLEANED)) && return
    CLEANED=1
    trap '' INT TERM
    if [[ -n $CUR_CHILD ]]; then   # the running workload (dd, fio, java...) first
        local p pids end
        pids=$(descendants "$CUR_CHILD")
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null
        now_us; end=$((REPLY + 5000000))
        for p in $pids; do
            while alive "$p"; do now_us; ((REPLY > end)) && break 2; sleep 0.05; done
        done
    fi
    stop_watchdog
    if [[ -n $WAITER_PID ]]; then kill_tree "$WAITER_PID" KILL; WAITER_PID=""; fi
    if [[ -n $ACTIVE_MP ]]; then
        log "cleanup: unmounting $ACTIVE_MP"
        if [[ -n $FUSERMOUNT ]]; then timeout -k 2 10 "$FUSERMOUNT" -u "$ACTIVE_MP" >/dev/null 2>&1; fi
        if [[ -n $ACTIVE_PID ]] && ! wait_exit "$ACTIVE_PID" 5; then
            kill_tree "$ACTIVE_PID" TERM
            wait_exit "$ACTIVE_PID" 5 || true
        fi
        force_unmount "$ACTIVE_MP" "$ACTIVE_PID"
        ACTIVE_MP=""; ACTIVE_PID=""
    fi
    stop_s3_server
    if [[ -n $WORK && -d $WORK ]]; then
        # anything still mounted below WORK (should not happen): detach lazily
        local mp
        while read -r mp; do force_unmount "$mp" ""; done < <(awk -v w="$WORK/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo)
        if ((KEEP)); then
            log "keeping work dir $WORK"
        else
            rm -rf --one-file-system "$WORK" 2>/dev/null
        fi
    fi
}
on_signal() { log "interrupted by SIG$1, cleaning up"; cleanup; exit 130; }
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP
trap cleanup EXIT

# --------------------------------------------------------- environment ------
CAN_DROP=0
if [[ -w /proc/sys/vm/drop_caches ]] && (echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then CAN_DROP=1; fi
HAVE_FIO=0; [[ -z ${BENCH_NO_FIO:-} ]] && command -v fio >/dev/null && HAVE_FIO=1
FUSE_OK=1; FUSE_WHY=""
if [[ ! -c /dev/fuse ]]; then FUSE_OK=0; FUSE_WHY="/dev/fuse missing"; fi
if [[ -z $FUSERMOUNT ]]; then FUSE_OK=0; FUSE_WHY="fusermount3/fusermount not installed"; fi

for t in "${TARGETS[@]}"; do
    case $t in
        bindfs|rclone)
            if ! command -v "$t" >/dev/null; then SKIP[$t]="skipped: $t not installed"
            elif ((!FUSE_OK)); then SKIP[$t]="skipped: $FUSE_WHY"; fi ;;
        s3-rclone|s3fs)
            if ! command -v "${t#s3-}" >/dev/null; then SKIP[$t]="skipped: ${t#s3-} not installed"
            elif ((!FUSE_OK)); then SKIP[$t]="skipped: $FUSE_WHY"; fi ;;
        cm-local|cm-memory|cm-s3)
            if [[ ! -x $CLOUDMOUNT ]]; then
                if [[ $CLOUDMOUNT == "$REPO_DIR/cloudmount" ]]; then SKIP[$t]="skipped: ./cloudmount not built"
                else SKIP[$t]="skipped: $CLOUDMOUNT not found or not executable"; fi
            elif ((!FUSE_OK)); then SKIP[$t]="skipped: $FUSE_WHY"; fi ;;
    esac
done

mkdir -p "$WORK_BASE" || die "cannot create $WORK_BASE"
WORK=$(mktemp -d "$WORK_BASE/cloudmount-bench.XXXXXX") || die "mktemp failed in $WORK_BASE"
WORK=$(cd "$WORK" && pwd -P)
mkdir -p "$WORK/logs"
: >"$WORK/rclone.conf"

need_kb=$(( (SIZE_MIB * 3 + 256) * 1024 ))
avail_kb=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
if [[ -n $avail_kb ]] && ((avail_kb < need_kb)); then
    die "not enough free space in $WORK_BASE: need ~$((need_kb / 1024)) MiB, have $((avail_kb / 1024)) MiB (use --size or --workdir)"
fi
FS_TYPE=$(findmnt -n -o FSTYPE -T "$WORK" 2>/dev/null || stat -f -c %T "$WORK" 2>/dev/null || echo "?")

# On ext4 without a journal (these VMs' disk), allocating an inode skips, one by one, the inodes of
# its block group freed in the last 60-300 s (the kernel's recently_deleted() check): right after
# deleting 6000 files, creating 2000 in the same group took 9x as long here (1.33 s vs 0.15 s). The
# create and mkdir-tree rows would then measure what ran before them. So every folder the rows
# fill is a fresh one whose parent has the Orlov "top directory" flag (chattr +T), which puts its
# children in other block groups, and every round uses its own small-file folder.
SPREAD_DIRS=0
spread_dirs() { # DIR...: chattr +T where the file system has it (ext2/3/4); elsewhere nothing
    chattr +T "$@" 2>/dev/null && SPREAD_DIRS=1
    return 0
}
spread_dirs "$WORK"

# The List workload's client: bench/listdir.c where a C compiler exists (the JVM's File.list()
# costs more than most file systems' listing), else the Java helper or bash.
LISTDIR_OK=0
if [[ -z ${BENCH_NO_CC:-} ]] && CC_BIN=$(command -v cc || command -v gcc) &&
    run_limited 120 cc "$CC_BIN" -O2 -o "$WORK/listdir" "$BENCH_DIR/listdir.c"; then
    LISTDIR_OK=1
fi
list_cmd() { if ((LISTDIR_OK)); then "$WORK/listdir" "$@"; else meta list "$@"; fi; }

# Java helper (precise in-process timing of metadata ops); bash fallback otherwise.
JAVA_OK=0; JAVA_CMD=()
JOPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms32m -Xmx256m -Xshare:auto)
if [[ -z ${BENCH_NO_JAVA:-} ]] && command -v java >/dev/null; then
    if command -v javac >/dev/null && mkdir -p "$WORK/classes" &&
        run_limited 180 javac javac -d "$WORK/classes" "$BENCH_DIR/FsBench.java"; then
        JAVA_CMD=(java "${JOPTS[@]}" -cp "$WORK/classes" FsBench)
    else
        JAVA_CMD=(java "${JOPTS[@]}" "$BENCH_DIR/FsBench.java")
    fi
    mkdir -p "$WORK/selftest"
    if run_limited 180 java-selftest "${JAVA_CMD[@]}" selftest "$WORK/selftest"; then
        JAVA_OK=1
    else
        note "Java helper unusable ($(tail -n 1 "$WORK/logs/java-selftest.err" 2>/dev/null)); using bash fallbacks"
    fi
    rm -rf "$WORK/selftest"
fi

# ------------------------------------------------------------ S3 server -----
# S3 mode: one S3Proxy (org.gaul:s3proxy at the root pom's version) in its own JVM on
# 127.0.0.1, over jclouds' in-memory "transient" store (or --s3-store filesystem: files
# in the work folder), one bucket per target. Its jars and the AWS SDK jars (for bench/S3Tool.java: the
# SDK-alone PUT/GET and the bucket checks) are resolved with Maven into class paths
# under the work folder at run time; nothing is copied into the repository.
declare -A BUCKET=([s3-sdk]=sdk [s3-rclone]=rclone [s3fs]=s3fs [cm-s3]=cloudmount)
S3_AK=cloudmount-bench
S3_SK=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
SERVER_CP=""; TOOL_CP=""; S3PROXY_VERSION=""; AWSSDK_VERSION=""; SERVER_HWM_KB=""
S3TOOL_JOPTS=(-XX:+UseSerialGC -Xms32m -Xmx512m -Xshare:auto)

pom_prop() { sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p" "$REPO_DIR/pom.xml" | head -n 1; }

write_pom() { # DIR ARTIFACT DEPENDENCIES-XML [MODULES-XML]
    mkdir -p "$1"
    cat >"$1/pom.xml" <<EOP
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.bench</groupId><artifactId>$2</artifactId><version>1</version><packaging>pom</packaging>
  ${4:-}
  <dependencies>
$3
  </dependencies>
</project>
EOP
}

resolve_cps() { # one Maven run for both modules under $WORK/s3 (offline first, then online)
    local args=(-B -q -Dstyle.color=never -f "$WORK/s3/pom.xml" dependency:build-classpath -Dmdep.outputFile=cp.txt)
    if ! run_limited 300 mvn-s3 mvn -o "${args[@]}"; then
        log "maven offline resolution failed; trying online"
        run_limited 900 mvn-s3-online mvn "${args[@]}" || return 1
    fi
    [[ -s $WORK/s3/server/cp.txt && -s $WORK/s3/tool/cp.txt ]]
}

s3_setup() {
    local v
    for v in java javac mvn; do command -v "$v" >/dev/null || die "--s3 needs $v (the S3 server is S3Proxy, resolved with Maven)"; done
    S3PROXY_VERSION=$(pom_prop s3proxy.version); AWSSDK_VERSION=$(pom_prop awssdk.version)
    local jclouds; jclouds=$(pom_prop jclouds.version)
    [[ -n $S3PROXY_VERSION && -n $AWSSDK_VERSION && -n $jclouds ]] ||
        die "cannot read s3proxy.version, jclouds.version and awssdk.version from $REPO_DIR/pom.xml"
    log "resolving S3Proxy $S3PROXY_VERSION and AWS SDK $AWSSDK_VERSION with Maven"
    # the same exclusions as the root pom (no Azure, no other jclouds providers, no AWS SDK v1)
    write_pom "$WORK/s3/server" s3proxy-runtime "    <dependency>
      <groupId>org.gaul</groupId><artifactId>s3proxy</artifactId><version>$S3PROXY_VERSION</version>
      <exclusions>
        <exclusion><groupId>com.azure</groupId><artifactId>*</artifactId></exclusion>
        <exclusion><groupId>org.apache.jclouds</groupId><artifactId>jclouds-allblobstore</artifactId></exclusion>
        <exclusion><groupId>com.amazonaws</groupId><artifactId>*</artifactId></exclusion>
        <exclusion><groupId>ch.qos.logback</groupId><artifactId>logback-classic</artifactId></exclusion>
      </exclusions>
    </dependency>
    <dependency><groupId>org.apache.jclouds.api</groupId><artifactId>s3</artifactId><version>$jclouds</version></dependency>
    <dependency><groupId>org.apache.jclouds.api</groupId><artifactId>filesystem</artifactId><version>$jclouds</version></dependency>"
    write_pom "$WORK/s3/tool" sdk-runtime "    <dependency>
      <groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId><version>$AWSSDK_VERSION</version>
      <exclusions><exclusion><groupId>software.amazon.awssdk</groupId><artifactId>netty-nio-client</artifactId></exclusion></exclusions>
    </dependency>
    <dependency><groupId>software.amazon.awssdk</groupId><artifactId>apache-client</artifactId><version>$AWSSDK_VERSION</version></dependency>"
    write_pom "$WORK/s3" s3-bench-runtime "" "<modules><module>server</module><module>tool</module></modules>"
    resolve_cps || die "could not resolve S3Proxy and the AWS SDK with Maven (rerun with --keep and see logs/mvn-s3*.err)"
    SERVER_CP=$(<"$WORK/s3/server/cp.txt"); TOOL_CP=$(<"$WORK/s3/tool/cp.txt")
    # one javac for both (compile-time only; each runs on its own class path)
    mkdir -p "$WORK/s3/classes"
    run_limited 180 javac-s3 javac -d "$WORK/s3/classes" -cp "$SERVER_CP:$TOOL_CP" "$BENCH_DIR/S3Server.java" "$BENCH_DIR/S3Tool.java" ||
        die "javac S3Server.java S3Tool.java failed: $(tail -n 3 "$WORK/logs/javac-s3.err")"
    # client settings: every tool gets the keys explicitly; nothing from ~/.aws or ~/.config/rclone
    : >"$WORK/s3/aws-none"
    printf '%s:%s\n' "$S3_AK" "$S3_SK" >"$WORK/s3/s3fs.passwd"
    chmod 600 "$WORK/s3/s3fs.passwd"
    start_s3_server || die "S3 server did not start: $(tail -n 3 "$WORK/logs/s3server.log" | tr '\n' ' ')"
}

start_s3_server() {
    local heap=512m buckets end port=""
    # transient: objects live on the heap, and completing a multipart upload builds the
    # object in growing byte arrays (several copies of it at once)
    [[ $S3_STORE == transient ]] && heap=$((SIZE_MIB * 6 + 1024))m
    buckets=$(IFS=,; echo "${BUCKET[*]}")
    mkdir -p "$WORK/s3/store"
    java -Xms64m -Xmx"$heap" -cp "$WORK/s3/classes:$SERVER_CP" S3Server "$S3_STORE" "$WORK/s3/store" \
        "$buckets" "$S3_AK" "$S3_SK" "$$" >"$WORK/logs/s3server.log" 2>&1 </dev/null {LOGFD}>&- &
    SERVER_PID=$!
    disown "$SERVER_PID" 2>/dev/null
    now_us; end=$((REPLY + 120000000))
    while :; do
        port=$(sed -n 's/^S3SERVER READY port=\([0-9]*\).*/\1/p' "$WORK/logs/s3server.log" 2>/dev/null)
        [[ -n $port ]] && break
        alive "$SERVER_PID" || { SERVER_PID=""; return 1; }
        now_us; if ((REPLY > end)); then stop_s3_server; return 1; fi
        sleep 0.1
    done
    S3_ENDPOINT="http://127.0.0.1:$port"
    log "S3Proxy $S3PROXY_VERSION ($S3_STORE store) listening on $S3_ENDPOINT, pid $SERVER_PID"
}

stop_s3_server() {
    [[ -n $SERVER_PID ]] || return 0
    local kb
    kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null)
    [[ -n $kb ]] && SERVER_HWM_KB=$kb
    kill -TERM "$SERVER_PID" 2>/dev/null
    if ! wait_exit "$SERVER_PID" 15; then kill -KILL "$SERVER_PID" 2>/dev/null; wait_exit "$SERVER_PID" 5; fi
    SERVER_PID=""
    # a server thread that died (e.g. OutOfMemoryError while completing a multipart upload)
    # makes the numbers after it meaningless: say so in the report
    local err
    err=$(grep -m1 -E 'OutOfMemoryError|^Exception in thread' "$WORK/logs/s3server.log" 2>/dev/null)
    [[ -n $err ]] && note "S3 server error (results after it are suspect; see logs/s3server.log with --keep): $err"
    return 0
}

s3tool() { # CMD ARGS... : bench/S3Tool.java (AWS SDK v2) against the bench server
    S3_ACCESS_KEY=$S3_AK S3_SECRET_KEY=$S3_SK java "${S3TOOL_JOPTS[@]}" -cp "$WORK/s3/classes:$TOOL_CP" S3Tool "$1" "$S3_ENDPOINT" "${@:2}"
}

# bucket_ok TARGET KIND: big -> big.bin complete in the target's bucket;
# small -> FILES objects of FILE_SIZE bytes under the round's $SMALL/
bucket_ok() {
    case $2 in
        big) run_limited 120 "$1-bucket-check" s3tool wait "${BUCKET[$1]}" big.bin $((SIZE_MIB * 1048576)) 0 ;;
        small) run_limited 120 "$1-bucket-check" s3tool count "${BUCKET[$1]}" "$SMALL" "$FILES" "$FILE_SIZE" ;;
    esac
}

if ((S3)); then
    # no AWS settings of the caller may reach CloudMount (keys are passed explicitly below)
    unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3
    s3_setup
fi

# -------------------------------------------------------------- workloads ---
# Every workload command prints "RESULT ops=<n> secs=<s>".

timed_cmd() { # OPS CMD... : wall time of an external command (fork+exec included, ~1 ms)
    local ops=$1 t0 t1; shift
    now_us; t0=$REPLY
    "$@" || return $?
    now_us; t1=$REPLY
    printf 'RESULT ops=%s secs=%d.%06d t0=%s\n' "$ops" $(((t1 - t0) / 1000000)) $(((t1 - t0) % 1000000)) "$t0"
}

fio_randread() { # FILE SECS DIRECT(0|1)
    local out
    if ! out=$(fio --name=randread --filename="$1" --rw=randread --bs=4k --ioengine=psync --iodepth=1 --direct="$3" \
        --numjobs=1 --time_based --runtime="$2" --readonly --invalidate=1 --norandommap \
        --output-format=terse --terse-version=3 2>&1); then
        printf '%s\n' "$out" >&2
        # O_DIRECT refused by the file system -> not applicable rather than failed
        [[ $3 == 1 && $out == *"Invalid argument"* ]] && return 3
        return 1
    fi
    # terse v3: 5 error, 6 read KiB, 8 read IOPS, 9 read runtime ms
    awk -F';' '/^3;/ { if ($5 != 0 || $9 <= 0) exit 1; printf "RESULT ops=%d secs=%.6f\n", $6 / 4, $9 / 1000; ok = 1 } END { exit !ok }' <<<"$out"
}

bash_meta() { # same interface as FsBench, for machines without a JDK (slower, less precise)
    local op=$1 t0 t1 i n dir ops=0 data p q
    shift
    case $op in
        create)
            dir=$1 n=$2 p=$4
            data=$(head -c "$3" /dev/zero | tr '\0' x)
            now_us; t0=$REPLY
            for ((i = 0; i < n; i++)); do printf '%s' "$data" >"$dir/$p$i" || return 1; done
            ops=$n ;;
        stat)   # bash [[ -e ]] is one stat() per file
            dir=$1 n=$2 p=$4
            local min_us end passes=0
            min_us=$(awk -v s="$5" 'BEGIN { printf "%d", s * 1e6 }')
            now_us; t0=$REPLY; end=$((t0 + min_us))
            while :; do
                for ((i = 0; i < n; i++)); do [[ -e $dir/$p$i ]] || { echo "missing $p$i" >&2; return 1; }; done
                ops=$((ops + n)); passes=$((passes + 1))
                now_us
                ((min_us == 0 || (passes >= 3 && REPLY >= end))) && break
            done ;;
        list)   # one ls process lists the directory 20 times (amortizes fork+exec)
            dir=$1
            local args=() end
            for ((i = 0; i < 20; i++)); do args+=("$dir"); done
            now_us; t0=$REPLY; end=$((t0 + $(awk -v s="$3" 'BEGIN { printf "%d", s * 1e6 }')))
            while :; do
                ls -f "${args[@]}" >/dev/null || return 1
                ops=$((ops + 20)); now_us
                ((REPLY >= end)) && break
            done ;;
        rename) # one mv process per file: dominated by fork+exec
            dir=$1 n=$2 p=$3 q=$4
            now_us; t0=$REPLY
            for ((i = 0; i < n; i++)); do mv -T -- "$dir/$p$i" "$dir/$q$i" || return 1; done
            ops=$n ;;
        delete)
            dir=$1 n=$2 p=$3
            local names=()
            for ((i = 0; i < n; i++)); do names+=("$dir/$p$i"); done
            now_us; t0=$REPLY
            rm -- "${names[@]}" || return 1
            ops=$n ;;
        *) echo "bash fallback has no '$op'" >&2; return 3 ;;
    esac
    now_us; t1=$REPLY
    printf 'RESULT ops=%s secs=%d.%06d\n' "$ops" $(((t1 - t0) / 1000000)) $(((t1 - t0) % 1000000))
}

meta() { if ((JAVA_OK)); then "${JAVA_CMD[@]}" "$@"; else bash_meta "$@"; fi; }

WL_IDS=(seqwrite coldread warmread randread randdirect create coldstat warmstat list rename delete tree)
META_WLS=(create coldstat warmstat list rename delete tree)   # repeated --rounds times
declare -A ROUND_VALS=()
((S3)) && WL_IDS=(seqwrite durable coldread warmread randread randdirect create coldstat warmstat list rename delete tree)
declare -A WL_LABEL=(
    [seqwrite]="Sequential write ${SIZE_MIB} MiB, 1 MiB blocks (write+close)"
    [durable]="Sequential write ${SIZE_MIB} MiB until complete in the bucket (close-to-durable)"
    [coldread]="Cold sequential read, 1 MiB blocks"
    [warmread]="Warm sequential read, 1 MiB blocks"
    [randread]="Random 4 KiB reads for ${RANDREAD_SECS} s, QD1, buffered"
    [randdirect]="Random 4 KiB reads for ${RANDREAD_SECS} s, QD1, O_DIRECT"
    [create]="Create ${FILES} files of 4 KiB"
    [coldstat]="Cold stat of ${FILES} files"
    [warmstat]="Warm stat of ${FILES} files (repeated)"
    [list]="List the ${FILES}-entry directory (repeated)"
    [rename]="Rename ${FILES} files"
    [delete]="Delete ${FILES} files"
    [tree]="mkdir -p a tree of ${TREE_DIRS} directories"
    [mount]="Mount: launch to ready (first mount)"
    [rss]="Mount process peak RSS (VmHWM)"
)
declare -A WL_UNIT=([seqwrite]="MiB/s" [durable]="MiB/s" [coldread]="MiB/s" [warmread]="MiB/s" [randread]="IOPS" [randdirect]="IOPS"
    [create]="files/s" [coldstat]="stats/s" [warmstat]="stats/s" [list]="listings/s"
    [rename]="renames/s" [delete]="deletes/s" [tree]="ms" [mount]="s" [rss]="MiB")
declare -A WL_LOWER=([tree]=1 [mount]=1 [rss]=1)   # lower is better

# measure WORKLOAD TARGET LIMIT CMD...
measure() {
    local wl=$1 t=$2 limit=$3; shift 3
    limit=${BENCH_OP_TIMEOUT:-$limit}   # debugging aid: force short deadlines
    if [[ -n ${BROKEN[$t]:-} ]]; then VAL[$t,$wl]="skipped"; return 1; fi
    local tag="$t-$wl"
    run_limited "$limit" "$tag" "$@"
    local rc=$RL_RC
    if ((RL_TIMEDOUT)); then
        VAL[$t,$wl]="timeout"; BROKEN[$t]=1
        note "${LABEL[$t]}: '$wl' timed out after ${limit}s; remaining workloads skipped"
        return 1
    fi
    local line
    line=$(grep -m1 '^RESULT ' "$WORK/logs/$tag.out" 2>/dev/null)
    if ((rc != 0)) || [[ -z $line ]]; then
        if [[ $wl == rand* && $rc == 3 ]]; then VAL[$t,$wl]="n/a"; note "${LABEL[$t]}: '$wl' not applicable: $(tail -n 1 "$WORK/logs/$tag.err" 2>/dev/null)"; return 1; fi
        VAL[$t,$wl]="fail"
        note "${LABEL[$t]}: '$wl' failed (rc=$rc): $(tail -n 2 "$WORK/logs/$tag.err" 2>/dev/null | tr '\n' ' ')"
        return 1
    fi
    local v
    v=$(awk -v l="$line" -v ms="${WL_LOWER[$wl]:-0}" 'BEGIN {
            n = split(l, f, /[ =]/); for (i = 2; i < n; i += 2) a[f[i]] = f[i + 1]
            if (ms) printf "%.3f", a["secs"] * 1000
            else if (a["secs"] > 0) printf "%.3f", a["ops"] / a["secs"]
            else print "fail" }')
    VAL[$t,$wl]=$v
    log "  ${LABEL[$t]}: $wl = $v ${WL_UNIT[$wl]}"
}

drop_caches() {
    ((CAN_DROP)) || return 0
    run_limited 180 sync sync
    run_limited 60 drop bash -c 'echo 3 > /proc/sys/vm/drop_caches'
}

# --------------------------------------------------------------- mounting ---
cm_cli() { cd "$REPO_DIR" && exec "$CLOUDMOUNT" "$@"; }   # the CLI is launched from the repo root

record_rss() { # target: VmHWM of the mount process tree (max over processes)
    local t=$1 pid best=0 comm="" kb c
    [[ -n $ACTIVE_PID ]] || return 0
    for pid in $(descendants "$ACTIVE_PID"); do
        kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
        [[ -n $kb ]] || continue
        if ((kb > best)); then best=$kb; c=$(cat "/proc/$pid/comm" 2>/dev/null); comm=$c; fi
    done
    if ((best > ${RSS_KB[$t]:-0})); then RSS_KB[$t]=$best; RSS_COMM[$t]=$comm; fi
}

mount_target() { # TARGET -> 0 when mounted; sets ACTIVE_*
    local t=$1 mp="$WORK/mnt-$1" src="$WORK/src-$1" n limit=$MOUNT_TIMEOUT
    n=$((${MOUNT_SEQ[$t]:-0} + 1)); MOUNT_SEQ[$t]=$n
    mkdir -p "$mp" "$src"
    spread_dirs "$src"
    local mlog="$WORK/logs/$t-mount-$n.log"
    local t0 ready=""
    if [[ $t == rclone ]]; then rm -rf "$WORK/rclone-cache"; mkdir -p "$WORK/rclone-cache"; fi   # every mount starts with an empty VFS cache
    # S3: every mount starts with an empty cache (after an unmount that finished the uploads)
    if [[ $t == s3-rclone || $t == cm-s3 || $t == s3fs ]]; then rm -rf "$WORK/cache-$t"; mkdir -p "$WORK/cache-$t"; fi
    now_us; t0=$REPLY
    case $t in
        bindfs)
            bindfs -f "$src" "$mp" >"$mlog" 2>&1 </dev/null {LOGFD}>&- & ;;
        rclone)
            RCLONE_CONFIG="$WORK/rclone.conf" rclone mount "$src" "$mp" --vfs-cache-mode full \
                --cache-dir "$WORK/rclone-cache" -v >"$mlog" 2>&1 </dev/null {LOGFD}>&- &
            UPLOADS_EXPECTED=0 ;;
        cm-local)
            limit=$CM_MOUNT_TIMEOUT
            cm_cli mount "local:$src" "$mp" "${CM_EXTRA[@]}" >"$mlog" 2>&1 </dev/null {LOGFD}>&- & ;;
        cm-memory)
            limit=$CM_MOUNT_TIMEOUT
            cm_cli mount "memory:" "$mp" "${CM_EXTRA[@]}" >"$mlog" 2>&1 </dev/null {LOGFD}>&- & ;;
        s3-rclone)   # remote from RCLONE_CONFIG_CMBENCH_* variables; the config file is an empty temp file.
            # (-u AWS_CA_BUNDLE: rclone 1.60 fails on a plain-HTTP endpoint when the caller sets it)
            env -u AWS_CA_BUNDLE RCLONE_CONFIG="$WORK/rclone.conf" RCLONE_CONFIG_CMBENCH_TYPE=s3 RCLONE_CONFIG_CMBENCH_PROVIDER=Other \
                RCLONE_CONFIG_CMBENCH_ENV_AUTH=false RCLONE_CONFIG_CMBENCH_ACCESS_KEY_ID="$S3_AK" \
                RCLONE_CONFIG_CMBENCH_SECRET_ACCESS_KEY="$S3_SK" RCLONE_CONFIG_CMBENCH_ENDPOINT="$S3_ENDPOINT" \
                RCLONE_CONFIG_CMBENCH_REGION=us-east-1 RCLONE_CONFIG_CMBENCH_FORCE_PATH_STYLE=true \
                rclone mount "cmbench:${BUCKET[$t]}" "$mp" --vfs-cache-mode full --cache-dir "$WORK/cache-$t" \
                ${WRITE_BACK:+--vfs-write-back "$WRITE_BACK"} -v >"$mlog" 2>&1 </dev/null {LOGFD}>&- & ;;
        s3fs)        # -f: stays in the foreground, so the harness owns the process
            s3fs "${BUCKET[$t]}" "$mp" -f -o "url=$S3_ENDPOINT,use_path_request_style,passwd_file=$WORK/s3/s3fs.passwd,tmpdir=$WORK/cache-$t" \
                >"$mlog" 2>&1 </dev/null {LOGFD}>&- & ;;
        cm-s3)
            limit=$CM_MOUNT_TIMEOUT
            AWS_ACCESS_KEY_ID=$S3_AK AWS_SECRET_ACCESS_KEY=$S3_SK AWS_CONFIG_FILE="$WORK/s3/aws-none" AWS_SHARED_CREDENTIALS_FILE="$WORK/s3/aws-none" \
                cm_cli mount "s3://${BUCKET[$t]}" "$mp" --endpoint "$S3_ENDPOINT" --path-style --region us-east-1 \
                --cache-dir "$WORK/cache-$t" ${WRITE_BACK:+--write-back "$WRITE_BACK"} "${CM_EXTRA[@]}" \
                >"$mlog" 2>&1 </dev/null {LOGFD}>&- & ;;
    esac
    ACTIVE_PID=$!; ACTIVE_MP=$mp; ACTIVE_TARGET=$t; ACTIVE_LOG=$mlog
    disown "$ACTIVE_PID" 2>/dev/null   # no job-status chatter; bash still reaps it
    local end=$((t0 + limit * 1000000)) el
    while :; do
        now_us
        if [[ $t == cm-* ]]; then
            # the ready line is the CLI's contract; the mount must also be visible
            if [[ -z $ready ]] && grep -q ready "$mlog" 2>/dev/null; then now_us; ready=$REPLY; fi
            [[ -n $ready ]] && is_mounted "$mp" && break
        elif is_mounted "$mp"; then
            now_us; ready=$REPLY; break
        fi
        if ! alive "$ACTIVE_PID"; then
            if [[ $t == cm-* && $n == 1 ]] && grep -qi 'not built' "$mlog"; then
                # the launcher exists but the application is not built: same as no CLI
                SKIP[$t]="skipped: ./cloudmount not built ($(grep -i -m1 'not built' "$mlog"))"
                log "${LABEL[$t]}: ${SKIP[$t]}"
            else
                note "${LABEL[$t]}: mount process exited before ready: $(tail -n 3 "$mlog" | tr '\n' ' ')"
            fi
            wait "$ACTIVE_PID" 2>/dev/null
            force_unmount "$mp" ""
            ACTIVE_PID=""; ACTIVE_MP=""
            return 1
        fi
        if ((REPLY > end)); then
            note "${LABEL[$t]}: not ready within ${limit}s (mount #$n); log: $(tail -n 3 "$mlog" | tr '\n' ' ')"
            kill_tree "$ACTIVE_PID" TERM
            wait_exit "$ACTIVE_PID" 5 || true
            force_unmount "$mp" "$ACTIVE_PID"
            ACTIVE_PID=""; ACTIVE_MP=""
            return 1
        fi
        sleep 0.01
    done
    el=$(awk -v a="$t0" -v b="$ready" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')
    MOUNT_TIMES[$t]="${MOUNT_TIMES[$t]:-}${MOUNT_TIMES[$t]:+ }$el"
    log "  ${LABEL[$t]}: mounted in ${el}s (mount #$n, pid $ACTIVE_PID)"
    return 0
}

unmount_target() { # TARGET
    local t=$1 mp=$ACTIVE_MP pid=$ACTIVE_PID
    [[ -n $mp ]] || return 0
    record_rss "$t"
    if [[ -n ${BROKEN[$t]:-} ]]; then   # after a timeout: no graceful attempt
        force_unmount "$mp" "$pid"
        ACTIVE_PID=""; ACTIVE_MP=""; ACTIVE_TARGET=""
        return 0
    fi
    if [[ $t == cm-* ]]; then
        local ul=60   # S3: 'cloudmount unmount' first waits for the pending uploads
        [[ $t == cm-s3 ]] && ul=$((120 + SIZE_MIB / 2 + FILES / 10))
        run_limited "$ul" "$t-unmount" cm_cli unmount "$mp"
        if ((RL_RC != 0)); then
            note "${LABEL[$t]}: 'cloudmount unmount' failed (rc=$RL_RC): $(tail -n 2 "$WORK/logs/$t-unmount.err" 2>/dev/null | tr '\n' ' '); using SIGTERM"
            kill -TERM "$pid" 2>/dev/null
        fi
    else
        run_limited 60 "$t-unmount" "$FUSERMOUNT" -u "$mp"
    fi
    if ! wait_exit "$pid" 30; then
        note "${LABEL[$t]}: mount process still running 30s after unmount; killed"
        kill_tree "$pid" TERM
        wait_exit "$pid" 10 || true
    fi
    force_unmount "$mp" "$pid"
    ACTIVE_PID=""; ACTIVE_MP=""; ACTIVE_TARGET=""
}

# ---------------------------------------------------- backing-store checks --
backing_ok() { # SRC KIND: big -> big.bin complete; small -> FILES files of FILE_SIZE
    local src=$1 kind=$2 s
    case $kind in
        big) s=$(stat -c %s "$src/big.bin" 2>/dev/null); [[ $s == $((SIZE_MIB * 1048576)) ]] ;;
        small)
            find "$src/$SMALL" -maxdepth 1 -type f -printf '%s\n' 2>/dev/null |
                awk -v n="$FILES" -v sz="$FILE_SIZE" '{ c++; t += $1 } END { exit !(c == n && t == n * sz) }' ;;
    esac
}

# rclone uploads closed files from its VFS cache after --vfs-write-back (5 s):
# wait until they all reached the backing folder before dropping the cache.
settle_rclone() { # KIND UPLOADS
    local kind=$1 uploads=$2 end n
    now_us; end=$((REPLY + (120 + SIZE_MIB / 10 + FILES / 20) * 1000000))
    while :; do
        n=$(grep -c 'upload succeeded' "$ACTIVE_LOG" 2>/dev/null)
        if ((${n:-0} >= uploads)) && backing_ok "$WORK/src-rclone" "$kind"; then return 0; fi
        now_us
        if ((REPLY > end)); then note "rclone: uploads not finished in time ($n/$uploads)"; return 1; fi
        sleep 0.2
    done
}

# S3 peers that upload in the background (rclone): wait until the bucket has it all.
settle_s3() { # TARGET KIND
    local t=$1 kind=$2 end
    now_us; end=$((REPLY + (120 + SIZE_MIB / 5 + FILES / 10) * 1000000))
    while :; do
        bucket_ok "$t" "$kind" && return 0
        now_us
        if ((REPLY > end)); then note "${LABEL[$t]}: uploads not finished in time ($kind): $(tail -n 1 "$WORK/logs/$t-bucket-check.out" 2>/dev/null)"; return 1; fi
        sleep 0.5
    done
}

# Close-to-durable (S3): a HeadObject poller started before the write reports when
# big.bin is complete in the bucket.
start_waiter() { # TARGET
    local t=$1 end out="$WORK/logs/$1-waiter.out"
    WAITER_PID=""
    s3tool wait "${BUCKET[$t]}" big.bin $((SIZE_MIB * 1048576)) $((300 + SIZE_MIB)) >"$out" 2>"$WORK/logs/$t-waiter.err" </dev/null {LOGFD}>&- &
    WAITER_PID=$!
    now_us; end=$((REPLY + 120000000))
    until grep -q '^WAITING' "$out" 2>/dev/null; do
        now_us
        if ! alive "$WAITER_PID" || ((REPLY > end)); then
            note "${LABEL[$t]}: bucket poller did not start: $(tail -n 1 "$WORK/logs/$t-waiter.err" 2>/dev/null)"
            kill_tree "$WAITER_PID" KILL; wait "$WAITER_PID" 2>/dev/null; WAITER_PID=""
            return 1
        fi
        sleep 0.05
    done
}

finish_waiter() { # TARGET: sets VAL[t,durable] from the write's start and the poller's SEEN time
    local t=$1 line seen t0 secs
    [[ -n $WAITER_PID ]] || { VAL[$t,durable]="fail"; return 1; }
    if ! isnum "${VAL[$t,seqwrite]:-}"; then
        kill_tree "$WAITER_PID" KILL; wait "$WAITER_PID" 2>/dev/null; WAITER_PID=""
        VAL[$t,durable]="skipped"; return 1
    fi
    if ! wait_exit "$WAITER_PID" $((300 + SIZE_MIB + 10)); then
        kill_tree "$WAITER_PID" KILL; wait_exit "$WAITER_PID" 5
    fi
    WAITER_PID=""
    seen=$(sed -n 's/^SEEN epoch_us=\([0-9]*\).*/\1/p' "$WORK/logs/$t-waiter.out" 2>/dev/null)
    line=$(grep -m1 '^RESULT ' "$WORK/logs/$t-seqwrite.out" 2>/dev/null)
    t0=$(sed -n 's/.* t0=\([0-9]*\).*/\1/p' <<<"$line"); secs=$(sed -n 's/.* secs=\([0-9.]*\).*/\1/p' <<<"$line")
    if [[ -z $seen || -z $t0 ]]; then
        VAL[$t,durable]="timeout"
        note "${LABEL[$t]}: big.bin not complete in the bucket within $((300 + SIZE_MIB)) s: $(tail -n 1 "$WORK/logs/$t-waiter.err" 2>/dev/null)"
        return 1
    fi
    VAL[$t,durable]=$(awk -v s="$SIZE_MIB" -v a="$t0" -v b="$seen" 'BEGIN { printf "%.3f", s / ((b - a) / 1e6) }')
    DURABLE_INFO[$t]=$(awk -v a="$t0" -v b="$seen" -v w="$secs" 'BEGIN { d = (b - a) / 1e6
        printf "write+close %.2f s, complete in the bucket %.2f s after the write started (%s)", w, d, (d - w > 0.05 ? sprintf("%.2f s after close", d - w) : "already at close") }')
    log "  ${LABEL[$t]}: durable = ${VAL[$t,durable]} MiB/s (${DURABLE_INFO[$t]})"
}

# Make the next access "cold". native / CloudMount memory: drop the kernel
# caches. Other FUSE targets: unmount, remount (rclone with an empty VFS cache),
# then drop the kernel caches.
make_cold() { # TARGET KIND
    local t=$1 kind=$2
    case $t in
        native|cm-memory|s3-sdk) ;;
        s3-rclone|s3fs|cm-s3)
            # rclone uploads after --vfs-write-back and would drop pending uploads on unmount:
            # wait until the bucket has everything. s3fs uploads on close, and 'cloudmount unmount'
            # waits for its uploads; both are checked right after the unmount.
            local wrote=${VAL[$t,seqwrite]:-}   # only check the bucket when the files were written
            [[ $kind == small ]] && wrote=${VAL[$t,create]:-}
            if [[ $t == s3-rclone ]] && isnum "$wrote"; then settle_s3 "$t" "$kind"; fi
            unmount_target "$t"
            if [[ $t != s3-rclone ]] && isnum "$wrote"; then
                bucket_ok "$t" "$kind" || note "${LABEL[$t]}: bucket incomplete right after unmount ($kind): $(tail -n 1 "$WORK/logs/$t-bucket-check.err" 2>/dev/null)$(tail -n 1 "$WORK/logs/$t-bucket-check.out" 2>/dev/null)"
            fi
            if ! mount_target "$t"; then BROKEN[$t]=1; return 1; fi ;;
        *)
            if [[ $t == rclone ]]; then   # only wait for uploads when the files were written
                if [[ $kind == big ]] && isnum "${VAL[$t,seqwrite]:-}"; then settle_rclone big 1; fi
                if [[ $kind == small ]] && isnum "${VAL[$t,create]:-}"; then settle_rclone small "$FILES"; fi
            fi
            unmount_target "$t"
            if [[ $t == cm-local ]] && ! backing_ok "$WORK/src-$t" "$kind"; then
                note "CloudMount local: backing folder incomplete right after unmount ($kind)"
            fi
            if ! mount_target "$t"; then BROKEN[$t]=1; return 1; fi ;;
    esac
    drop_caches
}

# -------------------------------------------------------------- per target --
tree_leaves() { # BASE -> 168 leaf paths; mkdir -p creates 8 + 24 + 168 = 200 dirs
    local a b c
    for ((a = 0; a < 8; a++)); do for ((b = 0; b < 3; b++)); do for ((c = 0; c < 7; c++)); do
        printf '%s\n' "$1/tree/d$a/e$b/f$c"
    done; done; done
}

# One round of the metadata workloads in P/smallN (a fresh folder, and names unique to the
# round, so no round finds names the previous one cached) and a fresh tree under P/tN.
# sync first: the disk's journal work left by the previous step (deleting big.bin or
# 2000 files) must not land on this step's clock, whichever target runs after it.
metadata_round() { # TARGET P ROUND META_LIMIT
    local t=$1 P=$2 r=$3 meta_limit=$4 wl
    SMALL="small$r"
    [[ -z ${BROKEN[$t]:-} ]] && run_limited 60 "$t-mkdir-small" mkdir -p "$P/$SMALL"
    [[ -z ${BROKEN[$t]:-} ]] && run_limited 180 sync sync
    measure create "$t" "$meta_limit" meta create "$P/$SMALL" "$FILES" "$FILE_SIZE" "c${r}_"
    [[ -z ${BROKEN[$t]:-} ]] && make_cold "$t" small
    measure coldstat "$t" "$meta_limit" meta stat "$P/$SMALL" "$FILES" "$FILE_SIZE" "c${r}_" 0
    measure warmstat "$t" "$meta_limit" meta stat "$P/$SMALL" "$FILES" "$FILE_SIZE" "c${r}_" "$WARMSTAT_SECS"
    measure list "$t" "$meta_limit" list_cmd "$P/$SMALL" "$FILES" "$LIST_SECS"
    measure rename "$t" "$meta_limit" meta rename "$P/$SMALL" "$FILES" "c${r}_" "m${r}_"
    measure delete "$t" "$meta_limit" meta delete "$P/$SMALL" "$FILES" "m${r}_"
    local leaves=()
    mapfile -t leaves < <(tree_leaves "$P/t$r")
    [[ -z ${BROKEN[$t]:-} ]] && run_limited 180 sync sync
    if measure tree "$t" 120 timed_cmd "$TREE_DIRS" mkdir -p "${leaves[@]}"; then
        local nd
        nd=$(find "$P/t$r/tree" -mindepth 1 -type d 2>/dev/null | wc -l)
        if [[ $nd != "$TREE_DIRS" ]]; then
            note "${LABEL[$t]}: tree has $nd directories, expected $TREE_DIRS"; VAL[$t,tree]="fail"
        fi
    fi
    for wl in "${META_WLS[@]}"; do ROUND_VALS[$t,$wl]+="${VAL[$t,$wl]:-} "; done
    [[ -z ${BROKEN[$t]:-} ]]
}

rounds_note() {
    if ((ROUNDS > 1)); then
        echo "Metadata rows (create to mkdir tree) are the median of ${ROUNDS} rounds per target, each in fresh names, each write-heavy step after a sync (per-round values below)."
    else
        echo "Metadata rows are from one round."
    fi
}

# The table shows the median of the rounds; a round that failed is reported as such.
median_of_rounds() { # TARGET
    local t=$1 wl v
    for wl in "${META_WLS[@]}"; do
        v=$(awk -v vals="${ROUND_VALS[$t,$wl]:-}" 'BEGIN {
                n = split(vals, a, " "); if (n == 0) exit
                for (i = 1; i <= n; i++) if (a[i] !~ /^[0-9.]+$/) { print a[i]; exit }
                for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > x + 0; j--) a[j + 1] = a[j]; a[j + 1] = x }
                if (n % 2) printf "%.3f", a[(n + 1) / 2]; else printf "%.3f", (a[n / 2] + a[n / 2 + 1]) / 2 }')
        [[ -n $v ]] && VAL[$t,$wl]=$v
        ((ROUNDS > 1)) && log "  ${LABEL[$t]}: $wl rounds = ${ROUND_VALS[$t,$wl]:-}-> median ${VAL[$t,$wl]:-}"
    done
}

bench_target() {
    local t=$1 P
    log "=== ${LABEL[$t]} ==="
    if [[ $t == s3-sdk ]]; then bench_sdk; return; fi
    if [[ $t == native ]]; then
        P="$WORK/native"; mkdir -p "$P"; spread_dirs "$P"
    else
        if ! mount_target "$t"; then
            BROKEN[$t]=1
            [[ -n ${SKIP[$t]:-} ]] && return 1
            local w; for w in "${WL_IDS[@]}"; do VAL[$t,$w]="mount failed"; done
            return 1
        fi
        P=$ACTIVE_MP
    fi
    local big_limit=$((60 + SIZE_MIB / 2)) meta_limit=$((60 + FILES / 10))
    ((S3)) && meta_limit=$((120 + FILES / 4))   # every create/rename may be a request to the server
    local bytes=$((SIZE_MIB * 1048576))

    local waiting=0
    ((S3)) && start_waiter "$t" && waiting=1
    measure seqwrite "$t" "$big_limit" timed_cmd "$SIZE_MIB" dd if=/dev/zero of="$P/big.bin" bs=1M count="$SIZE_MIB" status=none
    if ((waiting)); then finish_waiter "$t"; elif ((S3)); then VAL[$t,durable]="fail"; fi
    make_cold "$t" big
    if [[ -z ${BROKEN[$t]:-} && $(stat -c %s "$P/big.bin" 2>/dev/null) != "$bytes" ]]; then
        note "${LABEL[$t]}: big.bin has the wrong size before the read tests"
    fi
    measure coldread "$t" "$big_limit" timed_cmd "$SIZE_MIB" dd if="$P/big.bin" of=/dev/null bs=1M status=none
    measure warmread "$t" "$big_limit" timed_cmd "$SIZE_MIB" dd if="$P/big.bin" of=/dev/null bs=1M status=none
    [[ -z ${BROKEN[$t]:-} ]] && drop_caches
    if ((HAVE_FIO)); then
        measure randread "$t" $((RANDREAD_SECS + 60)) fio_randread "$P/big.bin" "$RANDREAD_SECS" 0
        measure randdirect "$t" $((RANDREAD_SECS + 60)) fio_randread "$P/big.bin" "$RANDREAD_SECS" 1
    elif ((JAVA_OK)); then
        measure randread "$t" $((RANDREAD_SECS + 60)) meta randread "$P/big.bin" "$RANDREAD_SECS" 4096 buffered
        measure randdirect "$t" $((RANDREAD_SECS + 60)) meta randread "$P/big.bin" "$RANDREAD_SECS" 4096 direct
    else
        VAL[$t,randread]="n/a"; VAL[$t,randdirect]="n/a"   # needs fio or java (noted once)
    fi
    [[ -z ${BROKEN[$t]:-} ]] && run_limited "$big_limit" "$t-rm-big" rm -f "$P/big.bin"

    local r
    for ((r = 1; r <= ROUNDS; r++)); do
        metadata_round "$t" "$P" "$r" "$meta_limit" || break
    done
    median_of_rounds "$t"

    if [[ $t != native ]]; then
        unmount_target "$t"
    fi
    return 0
}

# S3 mode's reference: the SDK alone, one PutObject and one GetObject of the same size
# (no mount, no cache), timed inside the JVM after a warm-up request.
bench_sdk() {
    local t=s3-sdk big_limit=$((60 + SIZE_MIB / 2))
    measure durable "$t" "$big_limit" s3tool put "${BUCKET[$t]}" big.bin "$SIZE_MIB"
    drop_caches
    measure coldread "$t" "$big_limit" s3tool get "${BUCKET[$t]}" big.bin
    run_limited 120 "$t-rm-big" s3tool rm "${BUCKET[$t]}" big.bin   # frees the server's heap (transient store)
    return 0
}

# ------------------------------------------------------------------ report --
fmt() { # number formatting: 3 significant digits-ish
    awk -v v="$1" 'BEGIN {
        if (v !~ /^[0-9.eE+-]+$/) { print v; exit }
        a = v < 0 ? -v : v
        if (a >= 100) printf "%.0f", v; else if (a >= 10) printf "%.1f", v; else if (a >= 1) printf "%.2f", v; else printf "%.3f", v }'
}
isnum() { [[ ${1:-} =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v v="$1" 'BEGIN { exit !(v > 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

row_value() { # TARGET ROW -> raw value
    local t=$1 r=$2
    case $r in
        mount) [[ $t == "$REF" ]] && { echo "—"; return; }; local m=${MOUNT_TIMES[$t]:-}; echo "${m%% *}" ;;
        rss) [[ $t == "$REF" ]] && { echo "—"; return; }
            if [[ -n ${RSS_KB[$t]:-} ]]; then awk -v k="${RSS_KB[$t]}" 'BEGIN { printf "%.1f", k / 1024 }'; else echo ""; fi ;;
        *) echo "${VAL[$t,$r]:-}" ;;
    esac
}

targeted() { [[ " ${TARGETS[*]} " == *" $1 "* ]]; }

build_report() {
    local ran=() t
    for t in "${TARGETS[@]}"; do ran+=("$t"); done
    local has_ref=0 has_peer=0 last_peer="" peer_names
    targeted "$REF" && [[ -z ${SKIP[$REF]:-} ]] && has_ref=1
    for t in "${PEERS[@]}"; do
        targeted "$t" || continue
        last_peer=$t   # the "Best peer" column follows the last peer column
        [[ -z ${SKIP[$t]:-} ]] && has_peer=1
    done
    peer_names="${LABEL[${PEERS[0]}]} and ${LABEL[${PEERS[1]}]}"

    if ((S3)); then
        echo "# CloudMount S3 benchmark — $(date '+%Y-%m-%d %H:%M:%S %Z')"
    else
        echo "# CloudMount benchmark — $(date '+%Y-%m-%d %H:%M:%S %Z')"
    fi
    echo
    echo "- Machine: $(uname -srm), $(nproc) cores, $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load average at start: $LOAD_START, at end: $LOAD_END"
    echo "- CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    if ((S3)); then
        echo "- S3 server: S3Proxy $S3PROXY_VERSION in its own JVM on 127.0.0.1, jclouds $S3_STORE blob store$([[ $S3_STORE == filesystem ]] && echo " in $WORK_BASE (file system: $FS_TYPE)"), V4 signatures, one bucket per target$([[ -n $SERVER_HWM_KB ]] && awk -v k="$SERVER_HWM_KB" 'BEGIN { printf "; server peak RSS %.0f MiB", k / 1024 }')"
        echo "- Work folder: $WORK_BASE (file system: $FS_TYPE): the rclone and CloudMount caches and s3fs's temp files (emptied before every mount)"
        ((SPREAD_DIRS)) && echo "- Folder placement: the work folder has chattr +T, so each cache or temp folder (fresh at every mount) gets its own ext4 block group; otherwise, without a journal, creating files near ones deleted in the last minutes is several times slower"
        echo "- Options: size=${SIZE_MIB} MiB, files=${FILES} x ${FILE_SIZE} B, random-read ${RANDREAD_SECS} s$( ((QUICK)) && echo ", --quick"); write-back delay: $([[ -n $WRITE_BACK ]] && echo "$WRITE_BACK (CloudMount --write-back, rclone --vfs-write-back)" || echo "the tools' defaults (CloudMount 5s, rclone 5s)")$([[ -n $CM_THREADS ]] && echo ", CloudMount --threads $CM_THREADS")$(((${#CM_ARGS[@]})) && echo ", CloudMount mount arguments: ${CM_ARGS[*]}")"
        echo "- Tools: $(fio --version 2>/dev/null || echo 'fio: none'); $(rclone version 2>/dev/null | head -n 1); s3fs $(s3fs --version 2>/dev/null | sed -n 's/.*V\([0-9.]*\).*/\1/p' | head -n 1); AWS SDK for Java $AWSSDK_VERSION (SDK column and bucket checks); $(java -version 2>&1 | head -n 1)"
    else
        echo "- Work folder: $WORK_BASE (file system: $FS_TYPE); native = a temp folder there, FUSE back-ends also live there"
        ((SPREAD_DIRS)) && echo "- Folder placement: the work and backing folders have chattr +T, so each fresh folder (one per round for the small files, one per mkdir tree) gets its own ext4 block group; otherwise, without a journal, creating files near ones deleted in the last minutes is several times slower and each create row would depend on what ran before it"
        echo "- Options: size=${SIZE_MIB} MiB, files=${FILES} x ${FILE_SIZE} B, random-read ${RANDREAD_SECS} s$( ((QUICK)) && echo ", --quick")$([[ -n $CM_THREADS ]] && echo ", CloudMount --threads $CM_THREADS")$(((${#CM_ARGS[@]})) && echo ", CloudMount mount arguments: ${CM_ARGS[*]}")"
        echo "- Tools: $(fio --version 2>/dev/null || echo 'fio: none'); bindfs $(bindfs --version 2>/dev/null | awk '{ print $2; exit }'); $(rclone version 2>/dev/null | head -n 1); $(java -version 2>&1 | head -n 1)"
    fi
    echo "- Repo: $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')$([[ $CLOUDMOUNT != "$REPO_DIR/cloudmount" ]] && echo " (CloudMount CLI: $CLOUDMOUNT)"); metadata ops timed by $( ((JAVA_OK)) && echo 'bench/FsBench.java (in-JVM nanoTime)' || echo 'bash fallbacks (less precise)')"
    echo "- Cold caches: $( ((CAN_DROP)) && echo 'sync + echo 3 > /proc/sys/vm/drop_caches' || echo 'NOT dropped (not root): cold numbers are warm')"
    echo
    local hdr="| Workload | Unit |" sep="|---|---|"
    for t in "${ran[@]}"; do
        hdr+=" ${LABEL[$t]} |"; sep+="---:|"
        if [[ $t == "$last_peer" ]] && ((has_peer)); then
            hdr+=" Best peer |"; sep+="---:|"
        fi
    done
    echo "$hdr"; echo "$sep"
    local r line v nv bv bn cell dir
    for r in "${WL_IDS[@]}" mount rss; do
        dir="↑"; [[ -n ${WL_LOWER[$r]:-} ]] && dir="↓"
        line="| ${WL_LABEL[$r]} | ${WL_UNIT[$r]} $dir |"
        nv=""; ((has_ref)) && nv=$(row_value "$REF" "$r")
        # best peer
        bv=""; bn=""
        for t in "${PEERS[@]}"; do
            targeted "$t" && [[ -z ${SKIP[$t]:-} ]] || continue
            v=$(row_value "$t" "$r")
            isnum "$v" || continue
            if [[ -z $bv ]] || awk -v a="$v" -v b="$bv" -v low="${WL_LOWER[$r]:-0}" 'BEGIN { exit !(low ? a < b : a > b) }'; then
                bv=$v; bn=${LABEL[$t]}
            fi
        done
        for t in "${ran[@]}"; do
            if [[ -n ${SKIP[$t]:-} ]]; then
                cell="skipped"
            else
                v=$(row_value "$t" "$r")
                if [[ -z $v ]]; then cell="—"
                elif isnum "$v"; then
                    cell=$(fmt "$v")
                    local rs=()
                    if [[ $t != "$REF" ]] && isnum "$nv"; then rs+=("$(ratio "$v" "$nv")× $REF_LETTER"); fi
                    if [[ $t == cm-* ]] && isnum "$bv"; then rs+=("$(ratio "$v" "$bv")× P"); fi
                    if ((${#rs[@]} == 1)); then cell+=" (${rs[0]})"; elif ((${#rs[@]} == 2)); then cell+=" (${rs[0]}, ${rs[1]})"; fi
                else cell=$v
                fi
            fi
            line+=" $cell |"
            if [[ $t == "$last_peer" ]] && ((has_peer)); then
                if [[ -n $bv ]]; then line+=" $(fmt "$bv") ($bn) |"; else line+=" — |"; fi
            fi
        done
        echo "$line"
    done
    echo
    if ((S3)); then
        echo "↑ higher is better, ↓ lower is better. \"S\" = value ÷ the SDK alone (same server, no mount; only on the upload and cold-read rows), \"P\" = value ÷ best peer (the better of $peer_names on that row); ratios are plain value ratios, so on ↓ rows a ratio above 1 means worse. \"—\": not applicable (the SDK column has no file system)."
    else
        echo "↑ higher is better, ↓ lower is better. \"N\" = value ÷ native, \"P\" = value ÷ best peer (the better of $peer_names on that row); ratios are plain value ratios, so on ↓ rows a ratio above 1 means worse."
    fi
    echo
    local mounts=0
    for t in "${ran[@]}"; do [[ $t != "$REF" ]] && mounts=1; done
    if ((mounts)); then
        echo "## Mount processes"
        echo
    fi
    for t in "${ran[@]}"; do
        [[ $t == "$REF" ]] && continue
        if [[ -n ${SKIP[$t]:-} ]]; then echo "- ${LABEL[$t]}: ${SKIP[$t]}"; continue; fi
        echo "- ${LABEL[$t]}: launch→ready per mount (s): ${MOUNT_TIMES[$t]:-none}; peak RSS: $( [[ -n ${RSS_KB[$t]:-} ]] && awk -v k="${RSS_KB[$t]}" 'BEGIN { printf "%.1f MiB", k / 1024 }' || echo 'n/a')$( [[ -n ${RSS_KB[$t]:-} ]] && echo " (${RSS_COMM[$t]:-?}, VmHWM, max over mounts and child processes)")$([[ -n ${DURABLE_INFO[$t]:-} ]] && echo "; big.bin: ${DURABLE_INFO[$t]}")"
        if ((ROUNDS > 1)); then
            local w rv=""
            for w in "${META_WLS[@]}"; do rv+=" $w: ${ROUND_VALS[$t,$w]:-none};"; done
            echo "- ${LABEL[$t]} per round, units as in the table:${rv%;}"
        fi
    done
    ((mounts)) && echo
    echo "## Method notes"
    echo
    if ((S3)); then
        echo "- SDK alone: bench/S3Tool.java, one PutObject of ${SIZE_MIB} MiB of zeros streamed from memory and, after drop_caches, one GetObject read to the end; AWS SDK for Java v2 with the Apache HTTP client (like CloudMount), single request each, timed in the JVM after a warm-up request."
        echo "- Sequential write: \`dd if=/dev/zero bs=1M\`, timed from launch until dd exits (write + close, **no fsync**). Close-to-durable: a HeadObject poller (every 50 ms, started before dd) records when big.bin exists in the bucket with its full size; the row is size ÷ (that moment − dd's start), so it includes the write, any write-back delay and the upload. s3fs uploads during close; rclone and CloudMount upload after their write-back delay."
        echo "- Cold read: every mount is unmounted (after its uploads reached the bucket: rclone is waited for, s3fs and 'cloudmount unmount' finish theirs), remounted with an empty cache, then sync + drop_caches ($([[ $S3_STORE == transient ]] && echo "the transient store keeps the objects in the server's heap, so the server side is never cold" || echo "this also empties the server's page cache")). Warm read repeats the read right after."
        echo "- Random reads: $( ((HAVE_FIO)) && echo "fio randread, psync, QD1, 4 KiB, ${RANDREAD_SECS} s each, after drop_caches: buffered and O_DIRECT" || echo "bench/FsBench.java pread loop (fio not installed), 4 KiB, ${RANDREAD_SECS} s each, after drop_caches, buffered and O_DIRECT") on the mount that just did the cold and warm reads (so caches that kept big.bin serve from disk)."
        echo "- Metadata: create/stat/list/rename/delete of ${FILES} files in one directory via $( ((JAVA_OK)) && echo 'java.io.File (one syscall per op)' || echo 'bash builtins, ls -f, mv and rm (fork-bound)'). Cold stat is one pass after the same unmount + remount (empty cache) + drop_caches as cold read; warm stat repeats passes for ≥ ${WARMSTAT_SECS} s. Listing repeats for ≥ ${LIST_SECS} s with $( ((LISTDIR_OK)) && echo "bench/listdir.c (opendir/readdir in C)" || echo "the same client as the other metadata rows"). Creates, renames and deletes are timed at the file system; uploads and server-side copies that a tool defers are not in these numbers. $(rounds_note)"
        echo "- Tree: one \`mkdir -p\` with 168 leaf paths creating ${TREE_DIRS} directories (8 × 3 × 7), wall time including fork+exec."
        echo "- Peers use their defaults apart from what S3 needs (rclone: --vfs-cache-mode full; s3fs: url, use_path_request_style, passwd_file)."
    else
        echo "- Sequential write: \`dd if=/dev/zero bs=1M\`, timed from launch until dd exits, i.e. write + close, **no fsync**. For rclone (VFS cache full) this measures writing into its cache folder; the upload to the backing folder happens after close (--vfs-write-back 5s) and is not timed."
        echo "- Cold read: native and CloudMount memory: sync + drop_caches only (remounting memory: would lose the data). bindfs, rclone and CloudMount local are unmounted and remounted first (rclone with an empty VFS cache, after its uploads finished), then caches are dropped. Warm read repeats the read right after."
        echo "- Random reads: $( ((HAVE_FIO)) && echo "fio randread, psync, QD1, 4 KiB, ${RANDREAD_SECS} s each, after drop_caches: buffered (the page cache warms up during the run) and O_DIRECT (every read reaches the file system; on native the disk)" || echo "bench/FsBench.java pread loop (fio not installed), 4 KiB, ${RANDREAD_SECS} s each, after drop_caches, buffered and O_DIRECT"). On native these mostly measure the disk (no readahead for random reads), while FUSE daemons read the back-end in larger chunks and then serve from its page cache: compare FUSE targets with each other (P) on these rows, not with native."
        echo "- Metadata: create/stat/list/rename/delete of ${FILES} files in one directory via $( ((JAVA_OK)) && echo 'java.io.File (one syscall per op)' || echo 'bash builtins, ls -f, mv and rm (fork-bound)'). Cold stat is one pass after the same cold step as cold read; warm stat repeats passes for ≥ ${WARMSTAT_SECS} s. Listing repeats for ≥ ${LIST_SECS} s with $( ((LISTDIR_OK)) && echo "bench/listdir.c (opendir/readdir in C)" || echo "the same client as the other metadata rows"). $(rounds_note)"
        echo "- Tree: one \`mkdir -p\` with 168 leaf paths creating ${TREE_DIRS} directories (8 × 3 × 7), wall time including fork+exec."
    fi
    if ((${#NOTES[@]})); then
        echo
        echo "## Notes from this run"
        echo
        local n
        for n in "${NOTES[@]}"; do echo "- $n"; done
    fi
}

# -------------------------------------------------------------------- main --
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "work folder: $WORK ($FS_TYPE); targets: ${TARGETS[*]}; size ${SIZE_MIB} MiB, files ${FILES}"
((CAN_DROP)) || note "cannot drop caches (need root): cold numbers are not cold"
((JAVA_OK)) || note "metadata workloads use bash fallbacks (no usable java/javac)"
((HAVE_FIO || JAVA_OK)) || note "random-read workloads skipped: they need fio or java"
for t in "${TARGETS[@]}"; do
    if [[ -n ${SKIP[$t]:-} ]]; then log "${LABEL[$t]}: ${SKIP[$t]}"; continue; fi
    bench_target "$t"
done

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
stop_s3_server   # all mounts are gone; records the server's peak RSS for the report
for _l in "$LOAD_START" "$LOAD_END"; do
    if awk -v l="${_l%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
        note "machine was busy (load average $_l on $(nproc) cores at start or end): expect noisy numbers; rerun on an idle machine"
        break
    fi
done

mkdir -p "$BENCH_DIR/results"
OUT="$BENCH_DIR/results/$(date +%Y-%m-%d-%H%M%S).md"
build_report >"$OUT"
cat "$OUT"
log "results written to ${OUT#"$REPO_DIR"/}"
exit
}
