#!/usr/bin/env python3
"""Python benchmark: rbfsvm.SVC().fit against sklearn.svm.SVC().fit, and the binding's cost.

    PYTHONPATH=build/dev/python python3 bench/python_bench.py [--data DIR] [--only NAMES]
        [--quick] [--reps N] [--bin DIR] [--no-grid]

What is measured, and how.
- Cases: a9a, ijcnn1, letter (LIBSVM's train and test files) and mnist8k (mnist.scale.t: the
  first 8,000 rows train, the last 2,000 test), with svm_bench.cpp's C and gamma (a9a C 1 g 0.5,
  ijcnn1 C 16 g 4, letter C 16 g 4, mnist8k C 10 g 0.02). --quick: the first 2,000 rows of each
  training file to train, the next 500 to test (as svm_bench --quick). a9a runs last: scikit-learn
  needs minutes there.
- Input: both libraries get the same array, dense float64 (C order), made once in the parent from
  load_svmlight_files (train and test read together, so their widths agree). Both run with their
  defaults otherwise: rbfsvm with all cores (n_threads=None) and its automatic kernel store
  (cache_size=None); scikit-learn single-threaded with its 200 MB kernel cache.
- Every fit runs in a forked child of its own, so the peaks are per library and no fit inherits
  another's heap or caches. The parent never imports rbfsvm nor runs OpenMP code (GNU libgomp's
  thread pool does not survive fork). The time is the fit call alone (perf_counter around
  .fit); the peak is the child's ru_maxrss (getrusage RUSAGE_SELF) read right after the fit, so
  it excludes prediction; "base" is the child's resident set as it starts (the parent's data
  and modules, mapped by the fork), in every peak. Accuracy and SV counts come from the first
  repetition (test accuracy by each library's own predict).
- Binding cost: bench's sparse_train (C++, the same library) reads the same rows from a LIBSVM
  file stored dense and trains with the same defaults (fast kernel rows, all cores, automatic
  store); it times its rbfsvm::train call alone, to 10 ms. Its file has the rows sorted by class
  and the labels renamed 0..k-1 (class_ordered), so that its class order equals the
  estimator's: with LIBSVM's order (+1 first) ijcnn1 is a different, mirrored solver path (24,149
  against 24,676 iterations, 1.0 against 1.7 GB), which would be charged to the binding. The
  iteration counts of both are printed. py/C++ = rbfsvm.SVC.fit time / that time (goal <= 1.10). The svm_train CLI's end-to-end time (read + train + save, its own
  "time" line) is printed beside it for reference. C++ peaks come from os.wait4.
- Repetitions (--reps) interleave rbfsvm, scikit-learn and the C++ runs; medians are reported.
- GridSearchCV: C in {1, 10} x gamma in {0.05, 0.5, 5} (a9a's gamma 0.5 times 0.1, 1, 10),
  3-fold, n_jobs=2, on a9a's first 5,000 rows (--quick: 600), for each library in a child; its
  time is the .fit call (search and refit), and best_params_ are compared. joblib's loky workers
  get OMP_NUM_THREADS = cores // n_jobs, which rbfsvm's n_threads=None honours; the refit in
  the search's own process uses all cores.
"""

import argparse
import atexit
import io
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import traceback

import numpy as np

# name, training file, test file ("" = rows of the training file), training rows (0 = all),
# test rows (0 = all of the test file), test rows from the end of the training file, C, gamma.
CASES = [
    ("ijcnn1", "ijcnn1", "ijcnn1.t", 0, 0, False, 16.0, 4.0),
    ("letter", "letter.scale", "letter.scale.t", 0, 0, False, 16.0, 4.0),
    ("mnist8k", "mnist.scale.t", "", 8000, 2000, True, 10.0, 0.02),
    ("a9a", "a9a", "a9a.t", 0, 0, False, 1.0, 0.5),
]
QUICK_TRAIN, QUICK_TEST = 2000, 500
GRID = {"C": [1.0, 10.0], "gamma": [0.05, 0.5, 5.0]}


# ---- data -------------------------------------------------------------------------------------


def read_lines(path):
    with open(path, "rb") as f:
        return f.read().splitlines(keepends=True)


def load_case(data_dir, case, quick, work_dir):
    """Dense train/test arrays and the LIBSVM file holding exactly the training rows."""
    name, train_file, test_file, train_rows, test_rows, from_end, _, _ = case
    from sklearn.datasets import load_svmlight_files

    train_path = os.path.join(data_dir, train_file)
    lines = read_lines(train_path)
    if quick:
        train_lines = lines[:QUICK_TRAIN]
        test_lines = lines[QUICK_TRAIN : QUICK_TRAIN + QUICK_TEST]
    else:
        train_lines = lines[:train_rows] if train_rows else lines
        if test_file:
            test_lines = read_lines(os.path.join(data_dir, test_file))
            if test_rows:
                test_lines = test_lines[:test_rows]
        else:
            test_lines = lines[-test_rows:] if from_end else lines[train_rows : train_rows + test_rows]
    cpp_file = os.path.join(work_dir, name + ".train")
    with open(cpp_file, "wb") as f:
        f.writelines(class_ordered(train_lines))
    X, y, Xt, yt = load_svmlight_files(
        [io.BytesIO(b"".join(train_lines)), io.BytesIO(b"".join(test_lines))]
    )
    dense = lambda M: np.ascontiguousarray(M.toarray(), dtype=np.float64)  # noqa: E731
    return dense(X), y, dense(Xt), yt, cpp_file


def class_ordered(lines):
    """The rows for the C++ run: labels renamed to their rank (0..k-1) and rows sorted by it,
    stably. The estimators number classes in ascending order (scikit-learn's), the C++ tools by
    first appearance (+1 first for -1/+1); after this both group the same rows in the same
    order, so the C++ run solves the Python fit's problem (the iterations show it)."""
    rows = [line.split(None, 1) for line in lines if line.strip()]
    ranks = {v: r for r, v in enumerate(sorted({float(row[0]) for row in rows}))}
    ordered = sorted(rows, key=lambda row: ranks[float(row[0])])
    return [b"%d %s" % (ranks[float(row[0])], row[1] if len(row) > 1 else b"\n") for row in ordered]


# ---- children ---------------------------------------------------------------------------------


def resident_kb():
    """This process's resident set now, in KB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def in_child(fn, *args):
    """fn(*args) in a forked child; returns (its result, base KB). The child reports its own
    peak in the result; an exception in the child is raised here as RuntimeError."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        status = 0
        atexit._clear()  # the parent's handlers are not the child's to run
        try:
            base = resident_kb()
            payload = pickle.dumps(("ok", fn(*args), base))
        except BaseException:  # noqa: B036 - everything must reach the parent
            payload = pickle.dumps(("error", traceback.format_exc(), 0))
            status = 1
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
        atexit._run_exitfuncs()  # the child's own (joblib's memmapping folders)
        os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as inp:
        data = inp.read()
    os.waitpid(pid, 0)
    kind, value, base = pickle.loads(data)
    if kind != "ok":
        raise RuntimeError("child failed:\n" + value)
    return value, base


def peak_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def fit_one(library, X, y, Xt, yt, C, gamma):
    """One fit (timed) and its evaluation, in a child."""
    if library == "rbfsvm":
        import rbfsvm

        model = rbfsvm.SVC(C=C, gamma=gamma)
    else:
        from sklearn.svm import SVC

        model = SVC(C=C, gamma=gamma)
    start = time.perf_counter()
    model.fit(X, y)
    seconds = time.perf_counter() - start
    peak = peak_kb()
    accuracy = float(np.mean(model.predict(Xt) == yt))
    return {"seconds": seconds, "peak_kb": peak, "accuracy": accuracy,
            "svs": int(np.sum(model.n_support_)), "iterations": int(np.sum(model.n_iter_))}


def omp_threads(_):
    """OMP_NUM_THREADS as a joblib worker sees it."""
    return os.environ.get("OMP_NUM_THREADS", "unset")


def grid_one(library, X, y):
    """GridSearchCV(n_jobs=2) fit, in a child; the workers' OMP_NUM_THREADS as they saw it."""
    from joblib import Parallel, delayed
    from joblib.externals.loky import get_reusable_executor
    from sklearn.model_selection import GridSearchCV

    if library == "rbfsvm":
        import rbfsvm

        estimator = rbfsvm.SVC()
    else:
        from sklearn.svm import SVC

        estimator = SVC()
    search = GridSearchCV(estimator, GRID, cv=3, n_jobs=2)
    start = time.perf_counter()
    search.fit(X, y)
    seconds = time.perf_counter() - start
    worker_threads = sorted(set(Parallel(n_jobs=2)(delayed(omp_threads)(i) for i in range(4))))
    get_reusable_executor().shutdown(wait=True)
    return {"seconds": seconds, "best_params": search.best_params_,
            "best_score": float(search.best_score_), "worker_omp": ",".join(worker_threads)}


# ---- C++ --------------------------------------------------------------------------------------


def run_timed(command):
    """(stdout, peak KB) of a command, its peak from os.wait4."""
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (command[0], proc.returncode, err.decode()))
    return out.decode(), usage.ru_maxrss


def cpp_train(bin_dir, path, C, gamma):
    """sparse_train's own training time (dense storage) and peak."""
    out, peak = run_timed([os.path.join(bin_dir, "sparse_train"), path, repr(C), repr(gamma),
                           "dense", "fast", "0"])
    # "...: N x D, dense; read R s, train T s; ..."
    train = float(out.split("train ")[1].split(" s")[0])
    read = float(out.split("read ")[1].split(" s")[0])
    iterations = int(out.split(" iterations")[0].split()[-1])
    return {"seconds": train, "read": read, "peak_kb": peak, "iterations": iterations}


def cli_train(bin_dir, path, C, gamma, work_dir):
    """svm_train end to end (its "time" line: read + train + save)."""
    out, peak = run_timed([os.path.join(bin_dir, "svm_train"), "-c", repr(C), "-g", repr(gamma),
                           path, os.path.join(work_dir, "cli.model")])
    line = [l for l in out.splitlines() if l.startswith("time ")][0]
    return {"seconds": float(line.split()[1]), "peak_kb": peak}


# ---- report -----------------------------------------------------------------------------------


def mb(kb):
    return kb / 1024.0


def median(runs, key="seconds"):
    return statistics.median(r[key] for r in runs)


def markdown(rows, headers):
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "datasets",
                                                       "libsvm"),
                        help="LIBSVM data files (default ../shared/datasets/libsvm)")
    parser.add_argument("--only", default="", help="comma-separated: a9a,ijcnn1,letter,mnist8k,grid")
    parser.add_argument("--quick", action="store_true",
                        help="2,000 training rows per case, a 600-row grid search (smoke test)")
    parser.add_argument("--reps", type=int, default=1, help="repetitions, median reported")
    parser.add_argument("--bin", default=os.path.join(here, "..", "build", "dev", "bin"),
                        help="where sparse_train and svm_train are (default build/dev/bin)")
    parser.add_argument("--no-grid", action="store_true", help="skip the GridSearchCV part")
    args = parser.parse_args()
    data_dir = args.data
    if not os.path.isdir(data_dir) and os.path.isdir(os.path.join(here, "..", "..", "..", "shared")):
        data_dir = os.path.join(here, "..", "..", "..", "shared", "datasets", "libsvm")
    only = set(filter(None, args.only.split(",")))
    known = {c[0] for c in CASES} | {"grid"}
    if only - known:
        parser.error("unknown names: " + ", ".join(sorted(only - known)))
    cases = [c for c in CASES if not only or c[0] in only]
    grid = not args.no_grid and (not only or "grid" in only)
    have_cpp = all(os.access(os.path.join(args.bin, t), os.X_OK)
                   for t in ("sparse_train", "svm_train"))

    import sklearn

    print("# rbfsvm.SVC vs sklearn.svm.SVC%s" % (" (--quick)" if args.quick else ""))
    print("cores: %d (usable %d); load average %.2f %.2f %.2f; scikit-learn %s, numpy %s, "
          "Python %s" % (os.cpu_count(), len(os.sched_getaffinity(0)), *os.getloadavg(),
                         sklearn.__version__, np.__version__, sys.version.split()[0]))
    print("rbfsvm: n_threads=None (all cores), cache_size=None; scikit-learn: one thread, "
          "cache_size=200 MB; both get dense float64; reps %d (median)" % args.reps)
    if not have_cpp:
        print("note: %s lacks sparse_train/svm_train: no C++ times" % args.bin)
    sys.stdout.flush()

    rows, grid_rows = [], []
    with tempfile.TemporaryDirectory(prefix="python_bench") as work_dir:
        for case in cases:
            name, _, _, _, _, _, C, gamma = case
            X, y, Xt, yt, cpp_file = load_case(data_dir, case, args.quick, work_dir)
            print("\n## %s: %d x %d train, %d test, %d classes, C %g, gamma %g"
                  % (name, X.shape[0], X.shape[1], Xt.shape[0], len(np.unique(y)), C, gamma))
            sys.stdout.flush()
            runs = {"rbfsvm": [], "sklearn": [], "cpp": [], "cli": []}
            base = {}
            for rep in range(args.reps):
                for library in ("rbfsvm", "sklearn"):
                    result, base[library] = in_child(fit_one, library, X, y, Xt, yt, C, gamma)
                    runs[library].append(result)
                    print("  rep %d %-8s fit %8.3f s  peak %7.1f MB  accuracy %.4f  SVs %d  "
                          "iterations %d" % (rep + 1, library, result["seconds"],
                                             mb(result["peak_kb"]), result["accuracy"],
                                             result["svs"], result["iterations"]))
                    sys.stdout.flush()
                if have_cpp:
                    r = cpp_train(args.bin, cpp_file, C, gamma)
                    runs["cpp"].append(r)
                    c = cli_train(args.bin, cpp_file, C, gamma, work_dir)
                    runs["cli"].append(c)
                    print("  rep %d C++      train %7.3f s (sparse_train; read %.2f s)  peak "
                          "%7.1f MB  iterations %d;  svm_train end to end %.3f s" % (
                              rep + 1, r["seconds"], r["read"], mb(r["peak_kb"]),
                              r["iterations"], c["seconds"]))
                    sys.stdout.flush()
            rb, sk = runs["rbfsvm"], runs["sklearn"]
            t_rb, t_sk = median(rb), median(sk)
            t_cpp = median(runs["cpp"]) if have_cpp else float("nan")
            overhead = t_rb / t_cpp if have_cpp and t_cpp > 0 else float("nan")
            print("  -> ratio sklearn/rbfsvm %.2fx; rbfsvm Python/C++ %.3f; base %.0f MB"
                  % (t_sk / t_rb, overhead, mb(base["rbfsvm"])))
            rows.append([
                name, "%dx%d" % X.shape, "%g/%g" % (C, gamma),
                "%.3f" % t_rb, "%.3f" % t_sk, "%.1fx" % (t_sk / t_rb),
                "%.2f" % t_cpp if have_cpp else "-", "%.2f" % overhead if have_cpp else "-",
                "%.2f / %.2f" % (100 * rb[0]["accuracy"], 100 * sk[0]["accuracy"]),
                "%d / %d" % (rb[0]["svs"], sk[0]["svs"]),
                "%.0f / %.0f" % (mb(median(rb, "peak_kb")), mb(median(sk, "peak_kb"))),
                "%.0f" % mb(base["rbfsvm"]),
                "%.0f" % mb(median(runs["cpp"], "peak_kb")) if have_cpp else "-",
                "%d / %s" % (rb[0]["iterations"],
                             runs["cpp"][0]["iterations"] if have_cpp else "-"),
            ])
            del X, y, Xt, yt

        if grid:
            n = 600 if args.quick else 5000
            lines = read_lines(os.path.join(data_dir, "a9a"))[:n]
            from sklearn.datasets import load_svmlight_file

            X, y = load_svmlight_file(io.BytesIO(b"".join(lines)), n_features=123)
            X = np.ascontiguousarray(X.toarray())
            print("\n## GridSearchCV: a9a first %d rows, %s, 3-fold, n_jobs=2" % (n, GRID))
            results = {}
            for library in ("rbfsvm", "sklearn"):
                times = []
                for rep in range(args.reps):
                    result, _ = in_child(grid_one, library, X, y)
                    times.append(result["seconds"])
                    print("  rep %d %-8s %8.3f s  best %s (score %.4f)  workers' OMP_NUM_THREADS %s"
                          % (rep + 1, library, result["seconds"], result["best_params"],
                             result["best_score"], result["worker_omp"]))
                    sys.stdout.flush()
                results[library] = (statistics.median(times), result)
            t_rb, t_sk = results["rbfsvm"][0], results["sklearn"][0]
            agree = results["rbfsvm"][1]["best_params"] == results["sklearn"][1]["best_params"]
            grid_rows.append(["a9a[:%d]" % n, "%d" % (len(GRID["C"]) * len(GRID["gamma"]) * 3),
                              "%.3f" % t_rb, "%.3f" % t_sk, "%.1fx" % (t_sk / t_rb),
                              str(results["rbfsvm"][1]["best_params"]),
                              str(results["sklearn"][1]["best_params"]),
                              "yes" if agree else "NO"])

    print("\n## Summary (cores %d; times in s, medians of %d)\n" % (os.cpu_count(), args.reps))
    if rows:
        print(markdown(rows, [
            "data", "train", "C/gamma", "rbfsvm s", "sklearn s", "sklearn/rbfsvm", "C++ train s",
            "py/C++", "acc % rbfsvm / sklearn", "SVs rbfsvm / sklearn",
            "peak MB rbfsvm / sklearn", "base MB", "C++ peak MB", "iterations py / C++"]))
    if grid_rows:
        print()
        print(markdown(grid_rows, ["GridSearchCV", "fits", "rbfsvm s", "sklearn s",
                                   "sklearn/rbfsvm", "best rbfsvm", "best sklearn", "agree"]))


if __name__ == "__main__":
    main()
