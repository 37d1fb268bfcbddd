"""Minimum support and shrinkage of rarely rated items, measured on MovieLens 100k (docs/recommendation.md).

Per-user random 80/20 split (seed 0), `lowrank fit` ALS with its defaults on the 80 %, `lowrank recommend --all` top 10
of all unrated items with --min-support N or --shrinkage β, then precision@10 and recall@10 against the held-out
ratings >= 4, catalogue coverage (distinct items listed) and the share of listed items with fewer than 20 ratings.
Run from the repository root: python3 bench/recommend_support.py [../shared/data/movielens-100k/u.data]
"""
import collections, csv, os, subprocess, sys, tempfile
import numpy as np

data = np.loadtxt(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/movielens-100k/u.data", dtype=np.int64)
rng = np.random.default_rng(0)
held = np.zeros(len(data), bool)
for user in np.unique(data[:, 0]):
    rows = np.flatnonzero(data[:, 0] == user)
    held[rng.choice(rows, int(round(0.2 * len(rows))), replace=False)] = True
train, test = data[~held], data[held]
support = collections.Counter(train[:, 1].tolist())
liked = collections.defaultdict(set)
for user, item, rating, _ in test:
    if rating >= 4:
        liked[str(user)].add(str(item))

with tempfile.TemporaryDirectory() as tmp:
    np.savetxt(os.path.join(tmp, "train.tsv"), train, fmt="%d", delimiter="\t")
    model = os.path.join(tmp, "als.lrm")
    subprocess.run(["./lowrank", "fit", os.path.join(tmp, "train.tsv"), "--method", "als", "-o", model], check=True, capture_output=True)
    for flag, value in [("--min-support", v) for v in (0, 5, 10, 20, 50, 100)] + [("--shrinkage", v) for v in (5, 10, 25, 50, 100)]:
        out = os.path.join(tmp, "recs.csv")
        subprocess.run(["./lowrank", "recommend", "--model", model, "--all", flag, str(value), "-o", out], check=True, capture_output=True)
        lists = collections.defaultdict(list)
        for row in csv.DictReader(open(out)):
            lists[row["user"]].append(row["item"])
        users = [u for u in lists if liked[u]]
        precision = np.mean([len(set(lists[u]) & liked[u]) / 10 for u in users])
        recall = np.mean([len(set(lists[u]) & liked[u]) / len(liked[u]) for u in users])
        listed = [i for items in lists.values() for i in items]
        rare = np.mean([support[int(i)] < 20 for i in listed])
        print(f"{flag} {value:>3}: precision@10 {precision:.4f}  recall@10 {recall:.4f}  coverage {len(set(listed))}  rated < 20 times {rare:.3f}")
