"""Peer solvers for the matching engine's peer benchmark (server/bench/peers/peers-bench.ts).

    python3 peers.py ortools|highs INSTANCE.json

Reads an allocation instance (FORMAT.md), solves it with OR-tools' SimpleMinCostFlow or HiGHS
(LP), and prints one JSON line: {"peer", "status", "objective", "readSeconds", "buildSeconds",
"solveSeconds", "peakRssMb"} (solveSeconds: the library's solve call alone). Exit 3 when the library is not
installed (pip install ortools / highspy), so the benchmark can skip the peer.

The flow network is the engine's (matching/network.ts) with a source and a sink instead of its
root: S -> student (cap maxPlacements), student -> posting (cap 1, cost -score), posting ->
enterprise (cap capacity), enterprise -> T (floor: cap minInterns, cost -floorPenalty; rest: cap
maxInterns - minInterns, cost 0), and S -> T for the supply that is not placed. The objective is
-cost - floorPenalty * sum(minInterns).
"""
import importlib.util
import json
import resource
import sys
import time


def read(path):
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        instance = json.load(f)
    return instance, time.perf_counter() - t0


def indexed(instance):
    students = {s["id"]: i for i, s in enumerate(instance["students"])}
    postings = {p["id"]: i for i, p in enumerate(instance["postings"])}
    enterprises = {e["id"]: i for i, e in enumerate(instance["enterprises"])}
    return students, postings, enterprises


def integral_penalty(instance):
    fp = instance["params"]["floorPenalty"]
    if fp != int(fp):
        raise SystemExit(json.dumps({"status": "ERROR", "message": "floorPenalty must be an integer here"}))
    return int(fp)


def prepared(instance):
    """The start of a build: its clock, the id indices, the integral penalty and the list sizes."""
    t0 = time.perf_counter()
    students, postings, enterprises = indexed(instance)
    return t0, students, postings, enterprises, integral_penalty(instance), (len(students), len(postings), len(enterprises))


def solve_ortools(instance):
    import numpy as np  # main() checked that the library is there
    from ortools.graph.python import min_cost_flow

    t0, students, postings, enterprises, fp, (nS, nP, nE) = prepared(instance)
    S, T = nS + nP + nE, nS + nP + nE + 1
    tails, heads, caps, costs = [], [], [], []
    supply = 0
    for i, s in enumerate(instance["students"]):
        m = s.get("maxPlacements", 1)
        supply += m
        tails.append(S); heads.append(i); caps.append(m); costs.append(0)
    edges = instance["edges"]
    tails += [students[e["student"]] for e in edges]
    heads += [nS + postings[e["posting"]] for e in edges]
    caps += [1] * len(edges)
    costs += [-int(e["score"]) for e in edges]
    for j, p in enumerate(instance["postings"]):
        tails.append(nS + j); heads.append(nS + nP + enterprises[p["enterprise"]]); caps.append(p["capacity"]); costs.append(0)
    floor_units = 0
    for k, e in enumerate(instance["enterprises"]):
        floor_units += e["minInterns"]
        tails.append(nS + nP + k); heads.append(T); caps.append(e["minInterns"]); costs.append(-fp)
        tails.append(nS + nP + k); heads.append(T); caps.append(e["maxInterns"] - e["minInterns"]); costs.append(0)
    tails.append(S); heads.append(T); caps.append(supply); costs.append(0)
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(np.array(tails, dtype=np.int32), np.array(heads, dtype=np.int32), np.array(caps, dtype=np.int64), np.array(costs, dtype=np.int64))
    smcf.set_node_supply(S, supply)
    smcf.set_node_supply(T, -supply)
    built = time.perf_counter()
    status = smcf.solve()
    solved = time.perf_counter()
    ok = status == smcf.OPTIMAL
    return {
        "status": "OPTIMAL" if ok else f"STATUS_{status}",
        "objective": -smcf.optimal_cost() - fp * floor_units if ok else None,
        "buildSeconds": built - t0,
        "solveSeconds": solved - built,
    }


def solve_highs(instance):
    import highspy
    import numpy as np

    t0, students, postings, enterprises, fp, (nS, nP, nE) = prepared(instance)
    edges = instance["edges"]
    m = len(edges)
    es = np.array([students[e["student"]] for e in edges], dtype=np.int64)
    ep = np.array([postings[e["posting"]] for e in edges], dtype=np.int64)
    score = np.array([e["score"] for e in edges], dtype=np.float64)
    pe = np.array([enterprises[p["enterprise"]] for p in instance["postings"]], dtype=np.int64)
    # Columns: x per edge (0..1), then shortfall per enterprise (>= 0). Maximise.
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = m + nE
    lp.num_row_ = nS + nP + 2 * nE
    lp.col_cost_ = np.concatenate([score, np.full(nE, -float(fp))])
    lp.col_lower_ = np.zeros(m + nE)
    lp.col_upper_ = np.concatenate([np.ones(m), np.full(nE, inf)])
    smax = np.array([s.get("maxPlacements", 1) for s in instance["students"]], dtype=np.float64)
    cap = np.array([p["capacity"] for p in instance["postings"]], dtype=np.float64)
    emin = np.array([e["minInterns"] for e in instance["enterprises"]], dtype=np.float64)
    emax = np.array([e["maxInterns"] for e in instance["enterprises"]], dtype=np.float64)
    # Rows: students (sum x <= max), postings (sum x <= cap), enterprise ceilings (placed <= max),
    # floors (placed + shortfall >= min).
    lp.row_lower_ = np.concatenate([np.full(nS + nP + nE, -inf), emin])
    lp.row_upper_ = np.concatenate([smax, cap, emax, np.full(nE, inf)])
    rows_x = np.stack([es, nS + ep, nS + nP + pe[ep], nS + nP + nE + pe[ep]], axis=1).reshape(-1)
    cols_x = np.repeat(np.arange(m), 4)
    rows = np.concatenate([rows_x, nS + nP + nE + np.arange(nE)])
    cols = np.concatenate([cols_x, m + np.arange(nE)])
    order = np.lexsort((rows, cols))
    rows, cols = rows[order], cols[order]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.searchsorted(cols, np.arange(m + nE + 1)).astype(np.int32)
    lp.a_matrix_.index_ = rows.astype(np.int32)
    lp.a_matrix_.value_ = np.ones(len(rows))
    lp.sense_ = highspy.ObjSense.kMaximize
    h.passModel(lp)
    built = time.perf_counter()
    h.run()
    solved = time.perf_counter()
    ok = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return {
        "status": "OPTIMAL" if ok else str(h.getModelStatus()),
        "objective": round(h.getInfo().objective_function_value) if ok else None,
        "buildSeconds": built - t0,
        "solveSeconds": solved - built,
    }


def main():
    peer, path = sys.argv[1], sys.argv[2]
    solve = {"ortools": solve_ortools, "highs": solve_highs}[peer]
    # Fail fast on a missing library, before reading a large file (find_spec binds no name here,
    # where `import ortools` would shadow nothing but still load the whole library).
    module = "ortools.graph.python.min_cost_flow" if peer == "ortools" else "highspy"
    try:
        found = importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        sys.exit(3)
    instance, read_seconds = read(path)
    report = solve(instance)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    report.update({"peer": peer, "readSeconds": read_seconds, "peakRssMb": peak_mb})
    print(json.dumps(report))


if __name__ == "__main__":
    main()
