#!/usr/bin/env python3
"""Grid benchmark: svm_grid against LIBSVM's grid.py and scikit-learn's GridSearchCV.

    python3 bench/grid_bench.py [--data DIR] [--bin DIR] [--only NAMES] [--quick]
        [--timeout S] [--no-gridpy] [--no-sklearn] [--reps N] [--configs LIST] [--keep DIR]

(Debian's /usr/bin/python3, which has scikit-learn; rbfsvm's Python package is not used.)

What is measured, and how.
- Grid: grid.py's default, log2 C = -5..15 step 2 (11 values) x log2 gamma = 3..-15 step -2
  (10 values): 110 points, 5-fold cross-validation, RBF C-SVC. --quick: heart_scale only, a
  3 x 3 grid (log2 C -1..7 step 4, log2 gamma -1..-7 step -3), under 30 s.
- Data (--data, default ../shared/datasets/libsvm beside the repository): heart_scale whole
  (270 x 13), the first 5,000 lines of a9a (123 binary features, ~14 set per row), the first
  5,000 of letter.scale (16 features, 26 classes) and the first 3,000 of mnist.scale.t (778
  features, 10 classes). Each is written to a temporary directory as a LIBSVM file, and all three
  tools read that same file. Cases run in the order heart, letter5k, mnist3k, a9a5k (--only
  picks some).
- svm_grid (--bin, default build/dev/bin): `svm_grid -q FILE --csv OUT` in three engine
  configurations, run first since they are fast:
    default                          one kernel matrix per gamma shared by all folds and Cs,
                                     warm starts along C
    no-warm                          --no-warm-start: the shared matrix, every solve from zero
    no-sharing                       --no-kernel-sharing: every (C, gamma, fold) trained on its
                                     own (warm starts need the shared matrix)
  so no-sharing -> no-warm is what sharing brings and no-warm -> default what warm starts bring
  (--configs picks some; default always runs, as the ratios are taken against it). All cores
  (svm_grid's default). Time: wall clock of the whole process (reading the file included),
  median of --reps runs (default 3; a configuration whose first run takes over 20 s runs once).
  "cpu" is the process's user+sys time (getrusage of the reaped child), to show the cores used.
- grid.py: Debian's `svm-grid` (LIBSVM 3.24's tools/grid.py) with its defaults: one local
  worker, each point one `svm-train -c C -g G -v 5 FILE` process (LIBSVM's default 100 MB cache,
  single-threaded), `-gnuplot null -out null`. Time: wall clock of the whole grid.py process,
  run once. It is started with this interpreter (`python3 svm-grid ...`) because its
  `#!/usr/bin/env python` shebang may find another one.
- GridSearchCV: sklearn.svm.SVC() (its defaults: rbf, 200 MB cache, tol 1e-3, like LIBSVM's)
  with param_grid {"C": 2**arange(-5, 16, 2), "gamma": 2**arange(3, -16, -2)},
  cv=StratifiedKFold(5, shuffle=True, random_state=0), n_jobs=2, refit=False (the search only,
  no final fit on all data: svm_grid and grid.py do not refit either). Input: the file read by
  load_svmlight_file, made dense float64 (--sklearn-input sparse keeps the CSR matrix). Time:
  the .fit call alone (loading excluded), run once in a child process of its own.
- grid.py and GridSearchCV run once each under --timeout seconds (default 600). A run past it is
  killed (its whole process group) and reported as "> S s", with the points (fits) it finished
  and the best it had seen so far; its ratio is then a lower bound ("> r").
- Reported per case: the times, grid.py / svm_grid and GridSearchCV / svm_grid (svm_grid's
  default configuration), each tool's best (log2 C, log2 gamma) and cross-validation accuracy,
  and the difference to grid.py's accuracy. Folds differ between the tools (LIBSVM's stratified
  random split, svm_grid's seeded split, StratifiedKFold's), so accuracies agree only to about
  half a point. Goals (from the issue): >= 20x grid.py, >= 10x GridSearchCV, |accuracy - grid.py|
  <= 0.5 points. LIBSVM's and svm_grid's accuracy is correct predictions / all points;
  GridSearchCV's best_score_ is the mean of the fold accuracies (equal-sized folds: the same).
- Timed runs run one at a time; nothing else heavy should run on the machine meanwhile.
"""

import argparse
import csv
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# name, file under --data, lines to take (0 = all)
CASES = [
    ("heart", "heart_scale", 0),
    ("letter5k", "letter.scale", 5000),
    ("mnist3k", "mnist.scale.t", 3000),
    ("a9a5k", "a9a", 5000),
]

FULL_GRID = ((-5, 15, 2), (3, -15, -2))
QUICK_GRID = ((-1, 7, 4), (-1, -7, -3))
FOLDS = 5

SVM_GRID_CONFIGS = [
    ("default", []),
    ("no-warm", ["--no-warm-start"]),
    ("no-sharing", ["--no-kernel-sharing"]),
]


def exponents(begin, end, step):
    values, k = [], 0
    while (begin + k * step - end) * step <= 1e-9:
        values.append(begin + k * step)
        k += 1
    return values


def range_text(r):
    return ",".join(str(v) for v in r)


def shell_line(cmd):
    return " ".join(c if re.fullmatch(r"[\w./,=:+-]+", c) else "'" + c + "'" for c in cmd)


# ----------------------------------------------------------------------------------- data


def write_subset(src, dst, lines):
    n, width, nnz, labels = 0, 0, 0, set()
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        for line in fin:
            if lines and n >= lines:
                break
            if not line.strip():
                continue
            fout.write(line if line.endswith(b"\n") else line + b"\n")
            parts = line.split()
            labels.add(parts[0])
            for item in parts[1:]:
                width = max(width, int(item.split(b":")[0]))
            nnz += len(parts) - 1
            n += 1
    return {"rows": n, "features": width, "classes": len(labels), "nnz_per_row": nnz / max(n, 1)}


# ---------------------------------------------------------------------------- running


def run_timed(cmd, timeout=None, cwd=None, stdout_path=None):
    """Runs cmd in a process group of its own; returns (rc or None on timeout, seconds, output,
    cpu seconds of the reaped child processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = open(stdout_path, "w+b") if stdout_path else tempfile.TemporaryFile()
    start = time.perf_counter()
    # unbuffered: a run killed at the timeout leaves every progress line it printed
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        rc = None
    except BaseException:  # interrupted: leave no grid.py or svm-train behind
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    if rc is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    out.seek(0)
    text = out.read().decode(errors="replace")
    out.close()
    return rc, seconds, text, cpu


def run_svm_grid(binary, path, grid, extra, reps, work):
    csv_path = os.path.join(work, "svm_grid.csv")
    cmd = [binary, "-q", "--log2c=" + range_text(grid[0]), "--log2g=" + range_text(grid[1]),
           "-v", str(FOLDS)] + extra + [path, "--csv", csv_path]
    times, cpus, text = [], [], ""
    for rep in range(reps):
        rc, seconds, text, cpu = run_timed(cmd)
        if rc != 0:
            raise RuntimeError("svm_grid failed (rc %s):\n%s" % (rc, text))
        times.append(seconds)
        cpus.append(cpu)
        if seconds > 20:
            break
    best = None
    with open(csv_path) as f:
        rows = list(csv.DictReader(f))
    m = re.search(r"best C = 2\^(\S+) = \S+, gamma = 2\^(\S+) = .*accuracy ([0-9.eE+-]+)%", text)
    if m:
        best = (float(m.group(1)), float(m.group(2)), float(m.group(3)))
    else:  # the tool's tie rule: highest accuracy, then smaller C, then smaller gamma
        r = min(rows, key=lambda r: (-float(r["accuracy"]), float(r["C"]), float(r["gamma"])))
        best = (float(r["log2_C"]), float(r["log2_gamma"]), 100.0 * float(r["accuracy"]))
    return {"seconds": statistics.median(times), "all": times, "cpu": statistics.median(cpus),
            "best": best, "points": len(rows), "done": True, "cmd": shell_line(cmd)}


def run_gridpy(gridpy, svm_train, path, grid, timeout, work):
    cmd = [sys.executable, gridpy, "-log2c", range_text(grid[0]), "-log2g", range_text(grid[1]),
           "-v", str(FOLDS), "-svmtrain", svm_train, "-gnuplot", "null", "-out", "null", path]
    rc, seconds, text, _ = run_timed(cmd, timeout=timeout, cwd=work)
    total = len(exponents(*grid[0])) * len(exponents(*grid[1]))
    # progress lines: "[local] log2c log2g rate (best c=C, g=G, rate=R)"
    progress = re.findall(r"^\[local\] (\S+) (\S+) (\S+) \(best c=(\S+), g=(\S+), rate=(\S+)\)",
                          text, re.M)
    result = {"seconds": seconds, "points": len(progress), "total": total, "done": rc == 0,
              "cmd": shell_line(cmd), "best": None}
    if rc not in (0, None):
        raise RuntimeError("grid.py failed (rc %s):\n%s" % (rc, text[-2000:]))
    if progress:
        c, g, rate = progress[-1][3:]
        import math
        result["best"] = (math.log2(float(c)), math.log2(float(g)), float(rate))
    return result


def sklearn_child(args):
    """In a child process of its own: GridSearchCV(SVC) on one file; prints JSON last."""
    import numpy as np
    from sklearn.datasets import load_svmlight_file
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.svm import SVC
    X, y = load_svmlight_file(args.sklearn_child)
    if args.sklearn_input == "dense":
        X = np.ascontiguousarray(X.toarray(), dtype=np.float64)
    c_r = [float(v) for v in args.c_range.split(",")]
    g_r = [float(v) for v in args.g_range.split(",")]
    params = {"C": 2.0 ** np.arange(c_r[0], c_r[1] + np.sign(c_r[2]) * 0.5, c_r[2]),
              "gamma": 2.0 ** np.arange(g_r[0], g_r[1] + np.sign(g_r[2]) * 0.5, g_r[2])}
    search = GridSearchCV(SVC(), params, cv=StratifiedKFold(FOLDS, shuffle=True, random_state=0),
                          n_jobs=2, refit=False, verbose=args.sklearn_verbose)
    start = time.perf_counter()
    search.fit(X, y)
    seconds = time.perf_counter() - start
    best = search.best_params_
    print(json.dumps({"seconds": seconds, "log2C": float(np.log2(best["C"])),
                      "log2g": float(np.log2(best["gamma"])),
                      "accuracy": 100.0 * float(search.best_score_),
                      "points": len(search.cv_results_["params"])}), flush=True)


def run_sklearn(path, grid, timeout, work, sk_input):
    cmd = [sys.executable, os.path.abspath(__file__), "--sklearn-child", path,
           "--c-range=" + range_text(grid[0]), "--g-range=" + range_text(grid[1]),
           "--sklearn-input", sk_input, "--sklearn-verbose", "3"]
    rc, seconds, text, _ = run_timed(cmd, timeout=timeout, cwd=work)
    total = len(exponents(*grid[0])) * len(exponents(*grid[1]))
    # verbose=3 lines: "[CV 1/5] END ....C=0.03125, gamma=8.0;, score=0.556 total time=   0.0s"
    fits = re.findall(r"\[CV \d+/\d+\] END .*?C=(\S+), gamma=(\S+?);.*?score=([0-9.]+)", text)
    shown = ("GridSearchCV(SVC(), {C: 2**arange(%g, %g, %g), gamma: 2**arange(%g, %g, %g)}, "
             "cv=StratifiedKFold(5, shuffle=True, random_state=0), n_jobs=2, refit=False)"
             ".fit(X, y), X = load_svmlight_file(FILE)%s" %
             (grid[0][0], grid[0][1] + 1, grid[0][2], grid[1][0], grid[1][1] - 1, grid[1][2],
              " made dense" if sk_input == "dense" else " (CSR)"))
    result = {"seconds": seconds, "total": total, "done": rc == 0, "cmd": shown, "best": None,
              "fits": len(fits)}
    if rc == 0:
        data = json.loads(text.strip().splitlines()[-1])
        result.update(seconds=data["seconds"], points=data["points"],
                      best=(data["log2C"], data["log2g"], data["accuracy"]))
    elif rc is not None:
        raise RuntimeError("GridSearchCV child failed (rc %s):\n%s" % (rc, text[-3000:]))
    else:  # best mean over the points whose five fits all finished
        import math
        by_point = {}
        for c, g, s in fits:
            by_point.setdefault((float(c), float(g)), []).append(float(s))
        complete = {k: v for k, v in by_point.items() if len(v) == FOLDS}
        result["points"] = len(complete)
        if complete:
            (c, g), v = max(complete.items(), key=lambda kv: sum(kv[1]))
            result["best"] = (math.log2(c), math.log2(g), 100.0 * sum(v) / FOLDS)
    return result


# --------------------------------------------------------------------------- reporting


def fmt_time(r):
    if r is None:
        return "-"
    if not r["done"]:
        return "> %.0f s" % r["seconds"] if r["seconds"] >= 10 else "> %.1f s" % r["seconds"]
    return "%.2f s" % r["seconds"] if r["seconds"] < 100 else "%.0f s" % r["seconds"]


def fmt_ratio(other, ours):
    if other is None:
        return "-"
    ratio = other["seconds"] / ours["seconds"]
    return ("%.1fx" if other["done"] else "> %.1fx") % ratio


def fmt_best(r):
    if r is None or r["best"] is None:
        return "-"
    c, g, acc = r["best"]
    text = "(%g, %g) %.2f%%" % (c, g, acc)
    if not r["done"]:
        text += " [partial: %d/%d points]" % (r.get("points", 0), r["total"])
    return text


def fmt_diff(r, ref):
    if r is None or ref is None or r["best"] is None or ref["best"] is None:
        return "-"
    diff = r["best"][2] - ref["best"][2]
    partial = not r["done"] or not ref["done"]
    return "%+.2f%s" % (diff, " (partial)" if partial else "")


def machine_text():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        import sklearn
        skv = sklearn.__version__
    except ImportError:
        skv = "not installed"
    try:
        commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    return ("machine: %s, %d cores usable (os.cpu_count %s); %s; Python %s, scikit-learn %s; "
            "rbfsvm %s" % (model or platform.processor(), cores, os.cpu_count(),
                           platform.platform(), platform.python_version(), skv, commit))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "datasets", "libsvm"))
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "dev", "bin"))
    ap.add_argument("--only", default="", help="comma-separated: heart,letter5k,mnist3k,a9a5k")
    ap.add_argument("--quick", action="store_true", help="heart only, a 3x3 grid")
    ap.add_argument("--timeout", type=float, default=600,
                    help="seconds per grid.py or GridSearchCV run (default 600)")
    ap.add_argument("--no-gridpy", action="store_true")
    ap.add_argument("--no-sklearn", action="store_true")
    ap.add_argument("--reps", type=int, default=3, help="svm_grid runs per configuration")
    ap.add_argument("--configs", default=",".join(c[0] for c in SVM_GRID_CONFIGS),
                    help="svm_grid configurations to run (default all; 'default' always runs)")
    ap.add_argument("--gridpy", default=shutil.which("svm-grid") or "/usr/bin/svm-grid")
    ap.add_argument("--svm-train", default=shutil.which("svm-train") or "/usr/bin/svm-train")
    ap.add_argument("--sklearn-input", choices=["dense", "sparse"], default="dense")
    ap.add_argument("--keep", default="", help="write the subsets here and keep them")
    ap.add_argument("--json", default="", help="also write the results as JSON")
    # internal: the GridSearchCV child
    ap.add_argument("--sklearn-child", default="", help=argparse.SUPPRESS)
    ap.add_argument("--c-range", default="", help=argparse.SUPPRESS)
    ap.add_argument("--g-range", default="", help=argparse.SUPPRESS)
    ap.add_argument("--sklearn-verbose", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    # SIGTERM ends the benchmark as Ctrl-C does: the running tool's process group is killed and
    # the temporary directory removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.sklearn_child:
        sklearn_child(args)
        return 0

    grid = QUICK_GRID if args.quick else FULL_GRID
    names = [c[0] for c in CASES]
    only = [n for n in args.only.split(",") if n] or (["heart"] if args.quick else names)
    unknown = [n for n in only if n not in names]
    if unknown:
        ap.error("unknown case(s) %s; known: %s" % (",".join(unknown), ",".join(names)))
    svm_grid = os.path.join(args.bin, "svm_grid")
    if not os.access(svm_grid, os.X_OK):
        ap.error("no svm_grid at %s (build the svm_grid target, or give --bin)" % svm_grid)
    if not args.no_gridpy and not (os.path.exists(args.gridpy) and os.path.exists(args.svm_train)):
        ap.error("grid.py or svm-train not found (%s, %s): --no-gridpy" %
                 (args.gridpy, args.svm_train))

    n_points = len(exponents(*grid[0])) * len(exponents(*grid[1]))
    print(machine_text())
    print("grid: log2 C %s x log2 gamma %s = %d points, %d-fold; timeout %g s per grid.py / "
          "GridSearchCV run; svm_grid median of up to %d runs" %
          (range_text(grid[0]), range_text(grid[1]), n_points, FOLDS, args.timeout, args.reps))
    print(flush=True)

    work = args.keep or tempfile.mkdtemp(prefix="grid_bench_")
    os.makedirs(work, exist_ok=True)
    results = []
    try:
        for name, file_name, lines in CASES:
            if name not in only:
                continue
            path = os.path.join(work, name + ".libsvm")
            info = write_subset(os.path.join(args.data, file_name), path, lines)
            print("== %s: %s%s, %d x %d, %d classes, %.1f stored values per row" %
                  (name, file_name, " first %d lines" % lines if lines else "", info["rows"],
                   info["features"], info["classes"], info["nnz_per_row"]), flush=True)
            case = {"name": name, "info": info, "svm_grid": {}}
            for label, extra in SVM_GRID_CONFIGS:
                if label != "default" and label not in args.configs.split(","):
                    continue
                r = run_svm_grid(svm_grid, path, grid, extra, args.reps, work)
                case["svm_grid"][label] = r
                print("  svm_grid %-14s %8.2f s (cpu %.2f s)  best %s   [%s]" %
                      (label, r["seconds"], r["cpu"], fmt_best(r), r["cmd"]), flush=True)
            ours = case["svm_grid"]["default"]
            case["gridpy"] = None if args.no_gridpy else run_gridpy(
                args.gridpy, args.svm_train, path, grid, args.timeout, work)
            if case["gridpy"]:
                r = case["gridpy"]
                print("  grid.py                 %s  best %s   [%s]" %
                      (fmt_time(r), fmt_best(r), r["cmd"]), flush=True)
            case["sklearn"] = None if args.no_sklearn else run_sklearn(
                path, grid, args.timeout, work, args.sklearn_input)
            if case["sklearn"]:
                r = case["sklearn"]
                print("  GridSearchCV            %s  best %s   [%s]" %
                      (fmt_time(r), fmt_best(r), r["cmd"]), flush=True)
            ref = case["gridpy"]
            print("  grid.py/svm_grid %s, GridSearchCV/svm_grid %s" %
                  (fmt_ratio(ref, ours), fmt_ratio(case["sklearn"], ours)))
            for label in case["svm_grid"]:
                print("  accuracy svm_grid %s - grid.py: %s" %
                      (label, fmt_diff(case["svm_grid"][label], ref)))
            print("  accuracy GridSearchCV - grid.py: %s" % fmt_diff(case["sklearn"], ref))
            sg = case["svm_grid"]
            if all(k in sg for k in ("no-sharing", "no-warm")):
                print("  sharing: no-sharing/no-warm %.2fx; warm starts: no-warm/default "
                      "%.2fx" % (sg["no-sharing"]["seconds"] / sg["no-warm"]["seconds"],
                                 sg["no-warm"]["seconds"] / sg["default"]["seconds"]))
            print(flush=True)
            results.append(case)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print("| data | n x d | svm_grid | no warm start | no kernel sharing | grid.py | "
          "GridSearchCV | grid.py / svm_grid | GridSearchCV / svm_grid |")
    print("|---|---|---|---|---|---|---|---|---|")
    for case in results:
        sg, info = case["svm_grid"], case["info"]
        print("| %s | %d x %d | %s | %s | %s | %s | %s | %s | %s |" %
              (case["name"], info["rows"], info["features"], fmt_time(sg["default"]),
               fmt_time(sg.get("no-warm")), fmt_time(sg.get("no-sharing")),
               fmt_time(case["gridpy"]), fmt_time(case["sklearn"]),
               fmt_ratio(case["gridpy"], sg["default"]), fmt_ratio(case["sklearn"], sg["default"])))
    print()
    print("best (log2 C, log2 gamma) and cross-validation accuracy; difference to grid.py in points")
    print()
    print("| data | svm_grid default | grid.py | GridSearchCV | svm_grid - grid.py | "
          "GridSearchCV - grid.py |")
    print("|---|---|---|---|---|---|")
    for case in results:
        sg = case["svm_grid"]["default"]
        print("| %s | %s | %s | %s | %s | %s |" %
              (case["name"], fmt_best(sg), fmt_best(case["gridpy"]), fmt_best(case["sklearn"]),
               fmt_diff(sg, case["gridpy"]), fmt_diff(case["sklearn"], case["gridpy"])))
    print()
    print(machine_text())
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
