#!/usr/bin/env bash
# bench/run.sh - run the same file-system workloads on the native disk, bindfs,
# rclone mount (VFS cache full) and CloudMount (local and memory backends) and
# print a markdown table with ratios to native and to the best peer.
#
# See bench/README.md for what each workload measures and for caveats.
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
CLOUDMOUNT=${CLOUDMOUNT:-$REPO_DIR/cloudmount}
MOUNT_TIMEOUT=${BENCH_MOUNT_TIMEOUT:-60}         # bindfs / rclone: seconds until mounted
CM_MOUNT_TIMEOUT=${BENCH_CM_MOUNT_TIMEOUT:-120}  # CloudMount: seconds until the "ready" line
RANDREAD_SECS=""
FILE_SIZE=4096
TREE_DIRS=200           # 8 top-level x 3 x 7 leaves (8 + 24 + 168)
ALL_TARGETS=(native bindfs rclone cm-local cm-memory)

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
  --quick            smoke run with small sizes and short timings (< 1 minute)
  --threads N        pass --threads N to 'cloudmount mount'
  --randread-secs S  duration of the 4 KiB random-read test (default 10; --quick: 2)
  --workdir DIR      where the temp folders are created (default \$BENCH_WORKDIR or /var/tmp)
  --keep             keep the temp folder (for debugging)
  -h, --help         this help

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
        --workdir) WORK_BASE=${2:-}; shift 2 || die "--workdir needs a value" ;;
        --quick) QUICK=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done

if ((QUICK)); then
    : "${SIZE_MIB:=32}" "${FILES:=200}" "${RANDREAD_SECS:=2}"
    LIST_SECS=0.5; WARMSTAT_SECS=0.3
else
    : "${SIZE_MIB:=512}" "${FILES:=2000}" "${RANDREAD_SECS:=10}"
    LIST_SECS=2; WARMSTAT_SECS=1
fi
[[ $SIZE_MIB =~ ^[1-9][0-9]*$ ]] || die "--size must be a positive integer (MiB)"
[[ $FILES =~ ^[1-9][0-9]*$ ]] || die "--files must be a positive integer"
[[ $RANDREAD_SECS =~ ^[1-9][0-9]*$ ]] || die "--randread-secs must be a positive integer"
[[ -z $CM_THREADS || $CM_THREADS =~ ^[1-9][0-9]*$ ]] || die "--threads must be a positive integer"
CM_EXTRA=()
[[ -n $CM_THREADS ]] && CM_EXTRA=(--threads "$CM_THREADS")

TARGETS=()
if [[ -z $ONLY ]]; then
    TARGETS=("${ALL_TARGETS[@]}")
else
    IFS=',' read -r -a _req <<<"$ONLY"
    for t in "${_req[@]}"; do
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

declare -A LABEL=([native]="native" [bindfs]="bindfs" [rclone]="rclone" [cm-local]="CloudMount local" [cm-memory]="CloudMount memory")

# --------------------------------------------------------------- state ------
declare -A VAL=()         # [target,workload] -> number | skipped | fail | timeout | n/a
declare -A BROKEN=()      # [target] -> 1 when a timeout left the mount unusable
declare -A MOUNT_TIMES=() # [target] -> "s s s" launch->ready seconds per mount
declare -A RSS_KB=()      # [target] -> max VmHWM (kB) over all mount sessions
declare -A RSS_COMM=()    # [target] -> name of that process
declare -A SKIP=()        # [target] -> reason
declare -A MOUNT_SEQ=()
NOTES=()
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
        cm-local|cm-memory)
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

# -------------------------------------------------------------- workloads ---
# Every workload command prints "RESULT ops=<n> secs=<s>".

timed_cmd() { # OPS CMD... : wall time of an external command (fork+exec included, ~1 ms)
    local ops=$1 t0 t1; shift
    now_us; t0=$REPLY
    "$@" || return $?
    now_us; t1=$REPLY
    printf 'RESULT ops=%s secs=%d.%06d\n' "$ops" $(((t1 - t0) / 1000000)) $(((t1 - t0) % 1000000))
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
declare -A WL_LABEL=(
    [seqwrite]="Sequential write ${SIZE_MIB} MiB, 1 MiB blocks (write+close)"
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
declare -A WL_UNIT=([seqwrite]="MiB/s" [coldread]="MiB/s" [warmread]="MiB/s" [randread]="IOPS" [randdirect]="IOPS"
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
    local mlog="$WORK/logs/$t-mount-$n.log"
    local t0 ready=""
    if [[ $t == rclone ]]; then rm -rf "$WORK/rclone-cache"; mkdir -p "$WORK/rclone-cache"; fi   # every mount starts with an empty VFS cache
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
        run_limited 60 "$t-unmount" cm_cli unmount "$mp"
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
            find "$src/small" -maxdepth 1 -type f -printf '%s\n' 2>/dev/null |
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

# Make the next access "cold". native / CloudMount memory: drop the kernel
# caches. Other FUSE targets: unmount, remount (rclone with an empty VFS cache),
# then drop the kernel caches.
make_cold() { # TARGET KIND
    local t=$1 kind=$2
    case $t in
        native|cm-memory) ;;
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

bench_target() {
    local t=$1 P
    log "=== ${LABEL[$t]} ==="
    if [[ $t == native ]]; then
        P="$WORK/native"; mkdir -p "$P"
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
    local bytes=$((SIZE_MIB * 1048576))

    measure seqwrite "$t" "$big_limit" timed_cmd "$SIZE_MIB" dd if=/dev/zero of="$P/big.bin" bs=1M count="$SIZE_MIB" status=none
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

    [[ -z ${BROKEN[$t]:-} ]] && run_limited 60 "$t-mkdir-small" mkdir -p "$P/small"
    measure create "$t" "$meta_limit" meta create "$P/small" "$FILES" "$FILE_SIZE" f
    [[ -z ${BROKEN[$t]:-} ]] && make_cold "$t" small
    measure coldstat "$t" "$meta_limit" meta stat "$P/small" "$FILES" "$FILE_SIZE" f 0
    measure warmstat "$t" "$meta_limit" meta stat "$P/small" "$FILES" "$FILE_SIZE" f "$WARMSTAT_SECS"
    measure list "$t" "$meta_limit" meta list "$P/small" "$FILES" "$LIST_SECS"
    measure rename "$t" "$meta_limit" meta rename "$P/small" "$FILES" f r
    measure delete "$t" "$meta_limit" meta delete "$P/small" "$FILES" r
    local leaves=()
    mapfile -t leaves < <(tree_leaves "$P")
    if measure tree "$t" 120 timed_cmd "$TREE_DIRS" mkdir -p "${leaves[@]}"; then
        local nd
        nd=$(find "$P/tree" -mindepth 1 -type d 2>/dev/null | wc -l)
        if [[ $nd != "$TREE_DIRS" ]]; then
            note "${LABEL[$t]}: tree has $nd directories, expected $TREE_DIRS"; VAL[$t,tree]="fail"
        fi
    fi

    if [[ $t != native ]]; then
        unmount_target "$t"
    fi
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
        mount) [[ $t == native ]] && { echo "—"; return; }; local m=${MOUNT_TIMES[$t]:-}; echo "${m%% *}" ;;
        rss) [[ $t == native ]] && { echo "—"; return; }
            if [[ -n ${RSS_KB[$t]:-} ]]; then awk -v k="${RSS_KB[$t]}" 'BEGIN { printf "%.1f", k / 1024 }'; else echo ""; fi ;;
        *) echo "${VAL[$t,$r]:-}" ;;
    esac
}

build_report() {
    local ran=() t
    for t in "${TARGETS[@]}"; do ran+=("$t"); done
    local has_native=0 has_peer=0
    [[ " ${TARGETS[*]} " == *" native "* && -z ${SKIP[native]:-} ]] && has_native=1
    for t in bindfs rclone; do [[ " ${TARGETS[*]} " == *" $t "* && -z ${SKIP[$t]:-} ]] && has_peer=1; done

    echo "# CloudMount benchmark — $(date '+%Y-%m-%d %H:%M:%S %Z')"
    echo
    echo "- Machine: $(uname -srm), $(nproc) cores, $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load average at start: $LOAD_START, at end: $LOAD_END"
    echo "- CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "- Work folder: $WORK_BASE (file system: $FS_TYPE); native = a temp folder there, FUSE back-ends also live there"
    echo "- Options: size=${SIZE_MIB} MiB, files=${FILES} x ${FILE_SIZE} B, random-read ${RANDREAD_SECS} s$( ((QUICK)) && echo ", --quick")$([[ -n $CM_THREADS ]] && echo ", CloudMount --threads $CM_THREADS")"
    echo "- Tools: $(fio --version 2>/dev/null || echo 'fio: none'); bindfs $(bindfs --version 2>/dev/null | awk '{ print $2; exit }'); $(rclone version 2>/dev/null | head -n 1); $(java -version 2>&1 | head -n 1)"
    echo "- Repo: $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'); metadata ops timed by $( ((JAVA_OK)) && echo 'bench/FsBench.java (in-JVM nanoTime)' || echo 'bash fallbacks (less precise)')"
    echo "- Cold caches: $( ((CAN_DROP)) && echo 'sync + echo 3 > /proc/sys/vm/drop_caches' || echo 'NOT dropped (not root): cold numbers are warm')"
    echo
    local hdr="| Workload | Unit |" sep="|---|---|"
    for t in "${ran[@]}"; do
        hdr+=" ${LABEL[$t]} |"; sep+="---:|"
        if [[ $t == rclone || ($t == bindfs && " ${TARGETS[*]} " != *" rclone "*) ]] && ((has_peer)); then
            hdr+=" Best peer |"; sep+="---:|"
        fi
    done
    echo "$hdr"; echo "$sep"
    local r line v nv bv bn cell dir
    for r in "${WL_IDS[@]}" mount rss; do
        dir="↑"; [[ -n ${WL_LOWER[$r]:-} ]] && dir="↓"
        line="| ${WL_LABEL[$r]} | ${WL_UNIT[$r]} $dir |"
        nv=""; ((has_native)) && nv=$(row_value native "$r")
        # best peer
        bv=""; bn=""
        for t in bindfs rclone; do
            [[ " ${TARGETS[*]} " == *" $t "* && -z ${SKIP[$t]:-} ]] || continue
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
                    if [[ $t != native ]] && isnum "$nv"; then rs+=("$(ratio "$v" "$nv")× N"); fi
                    if [[ $t == cm-* ]] && isnum "$bv"; then rs+=("$(ratio "$v" "$bv")× P"); fi
                    if ((${#rs[@]} == 1)); then cell+=" (${rs[0]})"; elif ((${#rs[@]} == 2)); then cell+=" (${rs[0]}, ${rs[1]})"; fi
                else cell=$v
                fi
            fi
            line+=" $cell |"
            if [[ $t == rclone || ($t == bindfs && " ${TARGETS[*]} " != *" rclone "*) ]] && ((has_peer)); then
                if [[ -n $bv ]]; then line+=" $(fmt "$bv") ($bn) |"; else line+=" — |"; fi
            fi
        done
        echo "$line"
    done
    echo
    echo "↑ higher is better, ↓ lower is better. \"N\" = value ÷ native, \"P\" = value ÷ best peer (the better of bindfs and rclone on that row); ratios are plain value ratios, so on ↓ rows a ratio above 1 means worse."
    echo
    if [[ " ${ran[*]} " != " native " ]]; then
        echo "## Mount processes"
        echo
    fi
    for t in "${ran[@]}"; do
        [[ $t == native ]] && continue
        if [[ -n ${SKIP[$t]:-} ]]; then echo "- ${LABEL[$t]}: ${SKIP[$t]}"; continue; fi
        echo "- ${LABEL[$t]}: launch→ready per mount (s): ${MOUNT_TIMES[$t]:-none}; peak RSS: $( [[ -n ${RSS_KB[$t]:-} ]] && awk -v k="${RSS_KB[$t]}" 'BEGIN { printf "%.1f MiB", k / 1024 }' || echo 'n/a')$( [[ -n ${RSS_KB[$t]:-} ]] && echo " (${RSS_COMM[$t]:-?}, VmHWM, max over mounts and child processes)")"
    done
    [[ " ${ran[*]} " != " native " ]] && echo
    echo "## Method notes"
    echo
    echo "- Sequential write: \`dd if=/dev/zero bs=1M\`, timed from launch until dd exits, i.e. write + close, **no fsync**. For rclone (VFS cache full) this measures writing into its cache folder; the upload to the backing folder happens after close (--vfs-write-back 5s) and is not timed."
    echo "- Cold read: native and CloudMount memory: sync + drop_caches only (remounting memory: would lose the data). bindfs, rclone and CloudMount local are unmounted and remounted first (rclone with an empty VFS cache, after its uploads finished), then caches are dropped. Warm read repeats the read right after."
    echo "- Random reads: $( ((HAVE_FIO)) && echo "fio randread, psync, QD1, 4 KiB, ${RANDREAD_SECS} s each, after drop_caches: buffered (the page cache warms up during the run) and O_DIRECT (every read reaches the file system; on native the disk)" || echo "bench/FsBench.java pread loop (fio not installed), 4 KiB, ${RANDREAD_SECS} s each, after drop_caches, buffered and O_DIRECT"). On native these mostly measure the disk (no readahead for random reads), while FUSE daemons read the back-end in larger chunks and then serve from its page cache: compare FUSE targets with each other (P) on these rows, not with native."
    echo "- Metadata: create/stat/list/rename/delete of ${FILES} files in one directory via $( ((JAVA_OK)) && echo 'java.io.File (one syscall per op)' || echo 'bash builtins, ls -f, mv and rm (fork-bound)'). Cold stat is one pass after the same cold step as cold read; warm stat repeats passes for ≥ ${WARMSTAT_SECS} s. Listing repeats for ≥ ${LIST_SECS} s."
    echo "- Tree: one \`mkdir -p\` with 168 leaf paths creating ${TREE_DIRS} directories (8 × 3 × 7), wall time including fork+exec."
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
