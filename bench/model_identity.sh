#!/usr/bin/env bash
# model_identity.sh: show that a change (a refactoring, a move of files, a new
# build setup) changed no byte of any model, prediction or scaled file that the
# command line tools write.
#
# It runs the same fixed list of svm_train / svm_predict / svm_scale commands
# with two builds of the project and compares every file they write byte for
# byte (cmp): model files and their .json sidecars, prediction files, range
# files, scaled data, and each command's stdout, stderr and exit status.
#
# Usage
#   bench/model_identity.sh [--quick] [--keep] --data DIR BEFORE_BIN AFTER_BIN [WORKDIR]
#       Run the cases with BEFORE_BIN into WORKDIR/before, with AFTER_BIN into
#       WORKDIR/after, compare them, then check that AFTER_BIN's models do not
#       depend on the thread count.
#   bench/model_identity.sh [--quick] --data DIR --record REC_DIR BIN
#       Run the cases once with BIN and keep the outputs in REC_DIR (a new or
#       empty directory, or one recorded before, which is replaced).
#   bench/model_identity.sh [--keep] [--data DIR] --against REC_DIR BIN [WORKDIR]
#       Run the cases with BIN into WORKDIR/after and compare with REC_DIR,
#       then check thread-count independence of BIN. Quick or full mode and the
#       data directory are taken from REC_DIR's meta file (--quick must agree
#       with it; another --data is allowed: the "inputs" case compares the
#       checksums of the files read).
#
#   BIN, BEFORE_BIN, AFTER_BIN: a build's bin/ directory, holding svm_train,
#       svm_predict and svm_scale (e.g. build/release/bin).
#   --data DIR: the LIBSVM data sets: heart_scale, housing_scale,
#       abalone_scale, a9a, a9a.t, ijcnn1, ijcnn1.t, letter.scale,
#       letter.scale.t and mnist.scale.t (e.g. shared/datasets/libsvm).
#   WORKDIR: where the outputs go (default: a new mktemp directory, deleted
#       at the end when everything is the same, kept otherwise; --keep keeps
#       it always). An existing WORKDIR must be empty or one used by this
#       script before; its before/, after/, threads-*/ and data/ are replaced.
#   --quick: the big sets are cut to their first 3000 lines (letter's test set
#       too; mnist trains on 3000 lines): about a minute per build. The full
#       mode takes a few minutes per build (a9a is the slowest).
#
# Output: one line per case, "same" or "DIFFERENT" (with the files that
# differ: "model(byte 95, line 6)", "stderr(sizes 0 and 31)", "pred(only
# reference)", where the reference is the before / recorded side, or the
# --threads 2 run in the thread check), then one line per thread-check case.
# Progress (one line per command, with its time) goes to stderr. Exit status: 0 when
# everything is the same, 1 when anything differs or a command failed in one
# build only, 2 on a usage error. A command that fails in both builds with the
# same exit status, stdout and stderr counts as the same (it is reported as
# "same (fails in both, exit N)"). In --record mode the exit status is 1 when
# a command failed (the outputs are kept).
#
# What is covered (all commands run with "--threads 2" unless noted; set
# MI_THREADS to change that):
#   heart_scale: every SVM type (-s 0..4) with every kernel (-t 0..3), a model
#     and a prediction file each; probability models (-b 1) of c_svc, nu_svc,
#     one_class, epsilon_svr, nu_svr and their -b 1 predictions; --scale,
#     --scale=zscore (models, sidecars, predictions); --exact; --weight; -h 0;
#     -m (tiny kernel cache); -g scale, --sigma, -d/-r/-c/-n/-p/-e;
#     cross-validation output (-v 5) of every type, with --seed and with -b 1;
#     svm_predict --confusion; svm_scale (-l -1 -u 1 -s range, -o, -r, -y).
#   housing_scale, abalone_scale: -s 3, -s 4, -s 3 -b 1, -s 3 --scale and
#     their predictions; -v 5 on housing.
#   a9a (-c 1 -g 0.05), ijcnn1 (-c 16 -g 4, at --threads 2 and 1),
#     letter.scale (-c 16 -g 4), mnist8k (first 8000 lines of mnist.scale.t,
#     -c 10 -g 0.02), a probability model of letter's first 3000 lines
#     (-b 1 -c 16 -g 4); predictions on a9a.t, ijcnn1.t, letter.scale.t and
#     the last 2000 lines of mnist.scale.t (-b 1 for the letter model).
#   Thread check (after-build / --against build only): the cases marked in
#     the list are rerun with --threads 1 and 4 and compared with the
#     --threads 2 run (the cmd file, which names the thread count, excepted).
#   A pseudo-case "inputs" records the checksums of the input files, so a
#     comparison against a recording made from other data shows as different.
#
# Each case runs in its own directory (WORKDIR/after/CASE etc.), holding the
# files it wrote, plus cmd (the command), stdout, stderr and status. The data
# are reached through a relative link (data/...), removed after the command,
# so no absolute path can appear in an output. Lines that look like timings
# ("time 0.02 s") are dropped from stdout and stderr; with -q, which every
# training uses, none are printed anyway.
#
# Environment: MI_THREADS (default 2): the thread count of the main runs;
# MI_TIMEOUT (default 1200): seconds before a command is killed (status 124).
#
# Examples
#   bench/model_identity.sh --quick --data shared/datasets/libsvm \
#       /tmp/old/bin build/release/bin
#   bench/model_identity.sh --data shared/datasets/libsvm --record /tmp/base /tmp/old/bin
#   bench/model_identity.sh --against /tmp/base build/release/bin

set -u -o pipefail
export LC_ALL=C      # the same number format, sort order and messages everywhere

PROG=${0##*/}
THREADS=${MI_THREADS:-2}
CMD_TIMEOUT=${MI_TIMEOUT:-1200}
MARKER=.model_identity          # marks a WORKDIR made by this script
META_FORMAT="model_identity recording v1"
TIMING_RE='^(time|elapsed|training time|wall time)[ :=]+[0-9.e+-]+ ?(s|ms|sec|seconds)?$'

die()   { echo "$PROG: $*" >&2; exit 2; }
usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; }

# ---------------------------------------------------------------- arguments
QUICK=0 QUICK_SET=0 DATA="" MODE=two REC_DIR="" KEEP=0
POS=()
while (($#)); do
    case $1 in
        --quick) QUICK=1 QUICK_SET=1 ;;
        --data) (($# >= 2)) || die "--data needs a directory"; DATA=$2; shift ;;
        --data=*) DATA=${1#--data=} ;;
        --record|--against)
            [[ $MODE == two ]] || die "give only one of --record and --against"
            (($# >= 2)) || die "$1 needs a directory"
            MODE=${1#--}; REC_DIR=$2; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) usage; exit 0 ;;
        --) shift; POS+=("$@"); break ;;
        -*) die "unknown option '$1' (see --help)" ;;
        *) POS+=("$1") ;;
    esac
    shift
done
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "MI_THREADS must be a positive integer"

abspath() { (cd "$1" 2>/dev/null && pwd -P) || die "no such directory: $1"; }

check_bin() {
    local b t
    b=$(abspath "$1") || exit 2
    for t in svm_train svm_predict svm_scale; do
        [[ -x $b/$t ]] || die "$b/$t is missing or not executable"
    done
    echo "$b"
}

meta_get() { sed -n "s/^$2=//p" "$1/meta" 2>/dev/null | head -n 1; }

case $MODE in
    two)
        ((${#POS[@]} == 2 || ${#POS[@]} == 3)) || { usage >&2; exit 2; }
        [[ -n $DATA ]] || die "--data DIR is required"
        BEFORE_BIN=$(check_bin "${POS[0]}") || exit 2
        AFTER_BIN=$(check_bin "${POS[1]}") || exit 2
        WORKDIR=${POS[2]:-}
        ;;
    record)
        ((${#POS[@]} == 1)) || die "--record REC_DIR BIN: give one BIN"
        [[ -n $DATA ]] || die "--data DIR is required"
        AFTER_BIN=$(check_bin "${POS[0]}") || exit 2
        WORKDIR=""
        ;;
    against)
        ((${#POS[@]} == 1 || ${#POS[@]} == 2)) || die "--against REC_DIR BIN [WORKDIR]"
        [[ -f $REC_DIR/meta && $(head -n 1 "$REC_DIR/meta") == "$META_FORMAT" ]] ||
            die "$REC_DIR is not a recording of this script (no meta file)"
        REC_DIR=$(abspath "$REC_DIR") || exit 2
        AFTER_BIN=$(check_bin "${POS[0]}") || exit 2
        WORKDIR=${POS[1]:-}
        rec_mode=$(meta_get "$REC_DIR" mode)
        rec_threads=$(meta_get "$REC_DIR" threads)
        rec_data=$(meta_get "$REC_DIR" data)
        if [[ $rec_mode == quick ]]; then rq=1; else rq=0; fi
        ((QUICK_SET && QUICK != rq)) && die "$REC_DIR was recorded in $rec_mode mode; drop --quick or record again"
        QUICK=$rq
        [[ -n $DATA ]] || DATA=$rec_data
        [[ $(abspath "$DATA") == "$rec_data" ]] ||
            echo "$PROG: note: $REC_DIR was recorded from $rec_data, now using $DATA (the inputs case compares their checksums)" >&2
        if [[ -n ${MI_THREADS:-} && $rec_threads != "$THREADS" ]]; then
            die "$REC_DIR was recorded with MI_THREADS=$rec_threads"
        fi
        THREADS=$rec_threads
        ;;
esac
DATA=$(abspath "$DATA") || exit 2
MODE_NAME=full; ((QUICK)) && MODE_NAME=quick

# Prepare a work directory (never clobber a directory this script did not make).
TMP_WORK=0
prepare_workdir() {
    if [[ -z $WORKDIR ]]; then
        WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/model_identity.XXXXXX") || die "mktemp failed"
        TMP_WORK=1
    else
        mkdir -p "$WORKDIR" || die "cannot create $WORKDIR"
        if [[ -n $(ls -A "$WORKDIR") && ! -e $WORKDIR/$MARKER ]]; then
            die "$WORKDIR is not empty and was not made by this script"
        fi
        WORKDIR=$(abspath "$WORKDIR") || exit 2
        rm -rf "$WORKDIR"/before "$WORKDIR"/after "$WORKDIR"/threads-* "$WORKDIR"/data
    fi
    : > "$WORKDIR/$MARKER"
}

# ------------------------------------------------------------------ the data
# Everything the cases read is put (as links or cut copies) in one directory;
# each case reaches it as the relative path data/NAME.
prepare_data() {
    local d=$1 f
    mkdir -p "$d" || die "cannot create $d"
    for f in heart_scale housing_scale abalone_scale a9a a9a.t ijcnn1 ijcnn1.t \
             letter.scale letter.scale.t mnist.scale.t; do
        [[ -r $DATA/$f ]] || die "missing data file $DATA/$f"
    done
    ln -s "$DATA/heart_scale" "$d/heart_scale"
    ln -s "$DATA/housing_scale" "$d/housing_scale"
    ln -s "$DATA/abalone_scale" "$d/abalone_scale"
    head -n 3000 "$DATA/letter.scale" > "$d/letter3k"
    tail -n +8001 "$DATA/mnist.scale.t" > "$d/mnist.t"      # 2000 held-out lines
    if ((QUICK)); then
        for f in a9a a9a.t ijcnn1 ijcnn1.t letter.scale letter.scale.t; do
            head -n 3000 "$DATA/$f" > "$d/$f"
        done
        head -n 3000 "$DATA/mnist.scale.t" > "$d/mnist8k"    # the name is kept
    else
        for f in a9a a9a.t ijcnn1 ijcnn1.t letter.scale letter.scale.t; do
            ln -s "$DATA/$f" "$d/$f"
        done
        head -n 8000 "$DATA/mnist.scale.t" > "$d/mnist8k"
    fi
}

# ----------------------------------------------------------------- the cases
# c NAME TOOL ARGS...   a case;  tc NAME TOOL ARGS...  a case that is also
# rerun at other thread counts. @T stands for the thread count; data/X is an
# input; ../OTHER/model is the model written by case OTHER (run before it).
CASE_NAMES=() CASE_CMDS=() THREAD_CASES=()
c() {
    local name=$1; shift
    CASE_NAMES+=("$name")
    CASE_CMDS+=("$(printf '%q ' "$@")")
}
tc() { c "$@"; THREAD_CASES+=("$1"); }

define_cases() {
    local H=data/heart_scale s t tr=(svm_train -q --threads @T) pr=(svm_predict --threads @T)
    local types=(c_svc nu_svc one_class epsilon_svr nu_svr) kernels=(linear poly rbf sigmoid)

    # heart_scale: every type with every kernel, and a prediction with each
    for s in 0 1 2 3 4; do
        for t in 0 1 2 3; do
            c "heart_${types[s]}_${kernels[t]}" "${tr[@]}" -s $s -t $t $H model
            c "heart_${types[s]}_${kernels[t]}_pred" "${pr[@]}" $H "../heart_${types[s]}_${kernels[t]}/model" pred
        done
    done
    # probability models and predictions with them
    for s in 0 1 2 3 4; do
        c "heart_${types[s]}_b1" "${tr[@]}" -s $s -b 1 $H model
        c "heart_${types[s]}_b1_pred" "${pr[@]}" -b 1 $H "../heart_${types[s]}_b1/model" pred
    done
    # scaled models (the scaling is saved in the sidecar)
    c heart_scale_minmax    "${tr[@]}" --scale $H model
    c heart_scale_minmax_pred "${pr[@]}" $H ../heart_scale_minmax/model pred
    c heart_scale_zscore    "${tr[@]}" --scale=zscore $H model
    c heart_scale_zscore_pred "${pr[@]}" $H ../heart_scale_zscore/model pred
    c heart_scale_minmax_b1 "${tr[@]}" --scale -b 1 $H model
    c heart_scale_minmax_b1_pred "${pr[@]}" -b 1 $H ../heart_scale_minmax_b1/model pred
    c heart_scale_zscore_svr "${tr[@]}" --scale=zscore -s 3 $H model
    # solver and parameter options
    c heart_exact           "${tr[@]}" --exact $H model
    c heart_exact_b1        "${tr[@]}" --exact -b 1 $H model
    c heart_exact_svr       "${tr[@]}" --exact -s 3 $H model
    c heart_exact_poly      "${tr[@]}" --exact -t 1 $H model
    c heart_weight          "${tr[@]}" --weight 1=2 $H model
    c heart_weight2         "${tr[@]}" --weight 1=2 --weight=-1=0.5 $H model
    c heart_weight_nu       "${tr[@]}" -s 1 --weight 1=2 $H model
    c heart_h0              "${tr[@]}" -h 0 $H model
    c heart_h0_svr          "${tr[@]}" -h 0 -s 3 $H model
    c heart_h0_b1           "${tr[@]}" -h 0 -b 1 $H model
    c heart_cache_tiny      "${tr[@]}" -m 0.01 $H model
    c heart_gamma_scale     "${tr[@]}" -g scale $H model
    c heart_sigma           "${tr[@]}" --sigma 2 -c 4 $H model
    c heart_poly_params     "${tr[@]}" -t 1 -d 2 -r 1 -g 0.1 -c 10 $H model
    c heart_sigmoid_params  "${tr[@]}" -t 3 -r -1 -g 0.01 -c 3 $H model
    c heart_nu_params       "${tr[@]}" -s 1 -n 0.3 $H model
    c heart_one_class_nu    "${tr[@]}" -s 2 -n 0.1 $H model
    c heart_svr_params      "${tr[@]}" -s 3 -p 0.5 -e 0.0001 -c 2 $H model
    c heart_nu_svr_params   "${tr[@]}" -s 4 -n 0.2 -c 2 $H model
    c heart_tol             "${tr[@]}" -e 0.1 $H model
    c heart_pred_confusion  "${pr[@]}" --confusion $H ../heart_c_svc_rbf/model pred
    c heart_pred_quiet      "${pr[@]}" -q $H ../heart_c_svc_rbf/model pred
    # cross-validation (stdout)
    for s in 0 1 2 3 4; do
        c "heart_cv5_${types[s]}" "${tr[@]}" -s $s -v 5 $H
    done
    c heart_cv5_seed        "${tr[@]}" -v 5 --seed 7 $H
    c heart_cv5_b1          "${tr[@]}" -v 5 -b 1 $H
    c heart_cv5_scale       "${tr[@]}" -v 5 --scale=zscore $H
    c heart_cv10_exact      "${tr[@]}" -v 10 --exact $H
    # svm_scale (stdout is the scaled data)
    c scale_heart           svm_scale -l -1 -u 1 -s range $H
    c scale_heart_01        svm_scale -l 0 -u 1 -o scaled $H
    c scale_heart_restore   svm_scale -r ../scale_heart/range $H
    c scale_housing_y       svm_scale -y 0 1 -s range data/housing_scale
    c heart_on_scaled       "${tr[@]}" ../scale_heart_01/scaled model

    # regression sets
    local r
    for r in housing abalone; do
        local R=data/${r}_scale
        c "${r}_eps_svr"       "${tr[@]}" -s 3 $R model
        c "${r}_eps_svr_pred"  "${pr[@]}" $R "../${r}_eps_svr/model" pred
        c "${r}_nu_svr"        "${tr[@]}" -s 4 $R model
        c "${r}_nu_svr_pred"   "${pr[@]}" $R "../${r}_nu_svr/model" pred
        c "${r}_eps_svr_b1"    "${tr[@]}" -s 3 -b 1 $R model
        c "${r}_eps_svr_b1_pred" "${pr[@]}" -b 1 $R "../${r}_eps_svr_b1/model" pred
        c "${r}_eps_svr_scale" "${tr[@]}" -s 3 --scale $R model
        c "${r}_eps_svr_scale_pred" "${pr[@]}" $R "../${r}_eps_svr_scale/model" pred
    done
    c housing_cv5_svr       "${tr[@]}" -s 3 -v 5 data/housing_scale

    # big classification sets (cut to 3000 lines in --quick mode)
    c a9a                   "${tr[@]}" -c 1 -g 0.05 data/a9a model
    c a9a_pred              "${pr[@]}" data/a9a.t ../a9a/model pred
    c ijcnn1                "${tr[@]}" -c 16 -g 4 data/ijcnn1 model
    c ijcnn1_threads1       svm_train -q --threads 1 -c 16 -g 4 data/ijcnn1 model
    c ijcnn1_pred           "${pr[@]}" data/ijcnn1.t ../ijcnn1/model pred
    c letter                "${tr[@]}" -c 16 -g 4 data/letter.scale model
    c letter_pred           "${pr[@]}" data/letter.scale.t ../letter/model pred
    c letter3k_b1           "${tr[@]}" -b 1 -c 16 -g 4 data/letter3k model
    c letter3k_b1_pred      "${pr[@]}" -b 1 data/letter.scale.t ../letter3k_b1/model pred
    c mnist8k               "${tr[@]}" -c 10 -g 0.02 data/mnist8k model
    c mnist8k_pred          "${pr[@]}" data/mnist.t ../mnist8k/model pred

    # thread check: these are rerun at --threads 1 and 4 (a prediction needs
    # its model's case in this list too, before it)
    tc t_heart              "${tr[@]}" $H model
    tc t_heart_pred         "${pr[@]}" $H ../t_heart/model pred
    tc t_heart_b1           "${tr[@]}" -b 1 $H model
    tc t_heart_b1_pred      "${pr[@]}" -b 1 $H ../t_heart_b1/model pred
    tc t_heart_one_class_b1 "${tr[@]}" -s 2 -b 1 $H model
    tc t_heart_zscore       "${tr[@]}" --scale=zscore $H model
    tc t_heart_exact        "${tr[@]}" --exact -t 1 $H model
    tc t_heart_cv5          "${tr[@]}" -v 5 $H
    tc t_heart_cv5_b1       "${tr[@]}" -v 5 -b 1 -s 1 $H
    tc t_housing_b1         "${tr[@]}" -s 3 -b 1 data/housing_scale model
    tc t_abalone_nu_svr     "${tr[@]}" -s 4 --scale data/abalone_scale model
    tc t_letter             "${tr[@]}" -c 16 -g 4 data/letter.scale model
    tc t_letter_pred        "${pr[@]}" data/letter.scale.t ../t_letter/model pred
    tc t_letter3k_b1        "${tr[@]}" -b 1 -c 16 -g 4 data/letter3k model
    tc t_letter3k_b1_pred   "${pr[@]}" -b 1 data/letter.scale.t ../t_letter3k_b1/model pred
    tc t_mnist8k            "${tr[@]}" -c 10 -g 0.02 data/mnist8k model
    tc t_ijcnn1             "${tr[@]}" -c 16 -g 4 data/ijcnn1 model
    tc t_a9a                "${tr[@]}" -c 1 -g 0.05 data/a9a model
}
define_cases

is_thread_case() {
    local x
    for x in "${THREAD_CASES[@]}"; do [[ $x == "$1" ]] && return 0; done
    return 1
}

# ------------------------------------------------------------ running cases
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }   # seconds since $1

# run_case ROOT BIN THREADS NAME CMD
run_case() {
    local root=$1 bin=$2 threads=$3 name=$4 cmd=$5 d args tool st
    d=$root/$name
    rm -rf "$d"; mkdir -p "$d"
    eval "args=($cmd)"
    args=("${args[@]//@T/$threads}")
    tool=${args[0]}
    printf '%s\n' "${args[*]}" > "$d/cmd"
    ln -s "$DATA_DIR" "$d/data"
    (cd "$d" && exec timeout --kill-after=10 "$CMD_TIMEOUT" "$bin/$tool" "${args[@]:1}" \
        > stdout 2> stderr < /dev/null)
    st=$?
    rm -f "$d/data"
    echo "$st" > "$d/status"
    sed -i -E "/$TIMING_RE/Id" "$d/stdout" "$d/stderr"
    return "$st"
}

# run_all ROOT BIN LABEL [NAMES...]: run the cases (all, or the NAMES given);
# sets FAILED to the number of commands that failed.
run_all() {
    local root=$1 bin=$2 label=$3 i name t0 st names=()
    shift 3
    mkdir -p "$root"
    write_meta "$root" "$bin"
    FAILED=0
    local t_all; t_all=$(now)
    for i in "${!CASE_NAMES[@]}"; do
        name=${CASE_NAMES[i]}
        if (($#)); then
            local want=0 x
            for x in "$@"; do [[ $x == "$name" ]] && want=1; done
            ((want)) || continue
        fi
        t0=$(now)
        run_case "$root" "$bin" "${RUN_THREADS:-$THREADS}" "$name" "${CASE_CMDS[i]}"
        st=$?
        ((st)) && FAILED=$((FAILED + 1))
        printf '  [%s] %-32s %6.2f s%s\n' "$label" "$name" "$(since "$t0")" \
            "$( ((st)) && echo "  (exit $st: $(head -c 200 "$root/$name/stderr" | tr '\n' ' '))")" >&2
    done
    run_inputs_case "$root"
    printf '  [%s] all cases: %.1f s\n' "$label" "$(since "$t_all")" >&2
}

# The pseudo-case "inputs": checksums of every input file.
run_inputs_case() {
    local d=$1/inputs
    mkdir -p "$d"
    (cd "$DATA_DIR" && cksum $(ls)) > "$d/cksum"
}

write_meta() {
    {
        echo "$META_FORMAT"
        echo "mode=$MODE_NAME"
        echo "threads=$THREADS"
        echo "data=$DATA"
        echo "bin=$2"
        echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "host=$(hostname 2>/dev/null)"
    } > "$1/meta"
}

# ---------------------------------------------------------------- comparing
# compare_case A_DIR B_DIR [EXCLUDE]: prints "" when the same, else the list of
# differences. Files named EXCLUDE are skipped.
compare_case() {
    local a=$1 b=$2 ex=${3:-} f out="" r
    [[ -d $a ]] || { echo "missing in the reference"; return; }
    [[ -d $b ]] || { echo "missing in the new run"; return; }
    while IFS= read -r f; do
        [[ -n $ex && $f == "$ex" ]] && continue
        if [[ ! -f $a/$f ]]; then out+=" $f(only new)"
        elif [[ ! -f $b/$f ]]; then out+=" $f(only reference)"
        elif ! r=$(cmp -- "$a/$f" "$b/$f" 2>&1); then
            if [[ $r == *"differ: "* ]]; then
                r=${r##*differ: }; r=${r/#char /byte }
            else                    # cmp: EOF on ...: one is a prefix of the other
                r="sizes $(stat -c %s "$a/$f") and $(stat -c %s "$b/$f")"
            fi
            out+=" $f(${r:-differs})"
        fi
    done < <({ (cd "$a" && find . -type f -printf '%P\n'); (cd "$b" && find . -type f -printf '%P\n'); } | sort -u)
    echo "${out# }"
}

# compare_roots REF NEW: one line per case; sets NDIFF.
compare_roots() {
    local ref=$1 new=$2 name res st names=("${CASE_NAMES[@]}" inputs) extra
    NDIFF=0 NSAME=0
    # cases in the reference that this script does not run
    while IFS= read -r extra; do
        local known=0 x
        for x in "${names[@]}"; do [[ $x == "$extra" ]] && known=1; done
        ((known)) || names+=("$extra")
    done < <(cd "$ref" && find . -mindepth 1 -maxdepth 1 -type d -printf '%P\n' | sort)
    for name in "${names[@]}"; do
        res=$(compare_case "$ref/$name" "$new/$name")
        if [[ -z $res ]]; then
            NSAME=$((NSAME + 1))
            st=$(cat "$new/$name/status" 2>/dev/null || echo 0)
            if [[ $st != 0 ]]; then
                printf 'same       %s (fails in both, exit %s: %s)\n' "$name" "$st" \
                    "$(head -c 120 "$new/$name/stderr" | tr '\n' ' ')"
            else
                printf 'same       %s\n' "$name"
            fi
        else
            NDIFF=$((NDIFF + 1))
            printf 'DIFFERENT  %s: %s\n' "$name" "$res"
        fi
    done
}

# thread_check MAIN_ROOT BIN: reruns the thread cases at 1 and 4 threads and
# compares with MAIN_ROOT (run at $THREADS); adds to NDIFF.
thread_check() {
    local main=$1 bin=$2 n name res bad st i tlist
    local counts=() roots=()
    for n in 1 2 4; do
        [[ $n == "$THREADS" ]] && continue
        RUN_THREADS=$n run_all "$WORKDIR/threads-$n" "$bin" "threads $n" "${THREAD_CASES[@]}"
        counts+=("$n"); roots+=("$WORKDIR/threads-$n")
    done
    tlist=$(printf '%s\n' "$THREADS" "${counts[@]}" | sort -n | paste -sd/)
    echo "thread check: $bin at ${counts[*]} threads against $THREADS threads"
    for name in "${THREAD_CASES[@]}"; do
        bad=""
        for i in "${!counts[@]}"; do
            res=$(compare_case "$main/$name" "${roots[i]}/$name" cmd)
            [[ -n $res ]] && bad+=" [${counts[i]} threads: $res]"
        done
        if [[ -z $bad ]]; then
            st=$(cat "$main/$name/status" 2>/dev/null || echo 0)
            if [[ $st != 0 ]]; then
                # the same failure at every count; whether it is new is for
                # the before/after comparison to say
                printf 'same       threads %s: %s (fails at every thread count, exit %s)\n' "$tlist" "$name" "$st"
            else
                printf 'same       threads %s: %s\n' "$tlist" "$name"
            fi
        else
            NDIFF=$((NDIFF + 1))
            printf 'DIFFERENT  threads: %s:%s\n' "$name" "$bad"
        fi
    done
}

# --------------------------------------------------------------------- main
START=$(now)
case $MODE in
    record)
        if [[ -e $REC_DIR ]]; then
            [[ -d $REC_DIR ]] || die "$REC_DIR exists and is not a directory"
            if [[ -n $(ls -A "$REC_DIR") ]]; then
                [[ -f $REC_DIR/meta && $(head -n 1 "$REC_DIR/meta") == "$META_FORMAT" ]] ||
                    die "$REC_DIR is not empty and is not a recording of this script"
                rm -rf "$REC_DIR"
            fi
        fi
        mkdir -p "$REC_DIR" || die "cannot create $REC_DIR"
        REC_DIR=$(abspath "$REC_DIR") || exit 2
        prepare_workdir
        DATA_DIR=$WORKDIR/data
        prepare_data "$DATA_DIR"
        echo "recording $MODE_NAME mode, $THREADS threads, $AFTER_BIN -> $REC_DIR" >&2
        run_all "$REC_DIR" "$AFTER_BIN" record
        rm -rf "$WORKDIR"
        printf 'recorded %d cases in %s (%s mode) in %.0f s; %d commands failed\n' \
            "$((${#CASE_NAMES[@]} + 1))" "$REC_DIR" "$MODE_NAME" "$(since "$START")" "$FAILED"
        ((FAILED == 0)) || exit 1
        exit 0
        ;;
    two)
        prepare_workdir
        DATA_DIR=$WORKDIR/data
        prepare_data "$DATA_DIR"
        echo "$MODE_NAME mode, $THREADS threads; outputs in $WORKDIR" >&2
        run_all "$WORKDIR/before" "$BEFORE_BIN" before
        REF=$WORKDIR/before
        ;;
    against)
        prepare_workdir
        DATA_DIR=$WORKDIR/data
        prepare_data "$DATA_DIR"
        echo "$MODE_NAME mode, $THREADS threads; outputs in $WORKDIR, reference $REC_DIR" >&2
        REF=$REC_DIR
        ;;
esac

run_all "$WORKDIR/after" "$AFTER_BIN" after
echo "comparing $REF with $WORKDIR/after"
compare_roots "$REF" "$WORKDIR/after"
DIFF_MAIN=$NDIFF SAME_MAIN=$NSAME
thread_check "$WORKDIR/after" "$AFTER_BIN"
TOTAL_DIFF=$NDIFF

ELAPSED=$(since "$START")
if ((DIFF_MAIN == 0 && TOTAL_DIFF == 0)); then
    printf 'ALL SAME: %d cases byte-identical, %d thread-check cases independent of the thread count (%s mode, %.0f s)\n' \
        "$SAME_MAIN" "${#THREAD_CASES[@]}" "$MODE_NAME" "$ELAPSED"
    if ((TMP_WORK && !KEEP)); then rm -rf "$WORKDIR"; else echo "outputs kept in $WORKDIR"; fi
    exit 0
fi
printf 'DIFFERENCES: %d of %d cases differ, %d thread-check cases differ or fail (%s mode, %.0f s); outputs kept in %s\n' \
    "$DIFF_MAIN" "$((DIFF_MAIN + SAME_MAIN))" "$((TOTAL_DIFF - DIFF_MAIN))" "$MODE_NAME" "$ELAPSED" "$WORKDIR"
exit 1
