#!/usr/bin/env python3
"""Reference values for FsrsTests, computed independently of the C# code from the published FSRS-5 formulas.

Sources: fsrs4anki wiki "The Algorithm" (FSRS-5 section) and py-fsrs ALGORITHM.md, with ts-fsrs's long-term
scheduler (enable_short_term = false) for the choices the formulas leave open: post-lapse stability at most S (and at
least 0.01), whole elapsed days, intervals rounded half up, at least 1 day, and the four intervals of one review made
increasing (again <= hard < good < easy).

Run:  python3 tests/SalesAcademy.Quizzes.Tests/fsrs_reference.py
and paste the printed C# arrays into FsrsTests.cs (Reference cases).
"""
import math

W = [0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192,
     1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621]
DECAY = -0.5
FACTOR = 0.9 ** (1 / DECAY) - 1  # = 19/81
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def clamp_d(d):
    return min(max(d, 1.0), 10.0)


def d0(w, g):
    return w[4] - math.exp(w[5] * (g - 1)) + 1


def retrievability(t, s):
    return (1 + FACTOR * t / s) ** DECAY


def next_d(w, d, g):
    delta = -w[6] * (g - 3)
    damped = d + delta * (10 - d) / 9          # linear damping
    return clamp_d(w[7] * d0(w, 4) + (1 - w[7]) * damped)  # mean reversion to D0(Easy)


def recall_s(w, d, s, r, g):
    hard = w[15] if g == HARD else 1.0
    easy = w[16] if g == EASY else 1.0
    return s * (1 + math.exp(w[8]) * (11 - d) * s ** (-w[9]) * (math.exp(w[10] * (1 - r)) - 1) * hard * easy)


def forget_s(w, d, s, r):
    sf = w[11] * d ** (-w[12]) * ((s + 1) ** w[13] - 1) * math.exp(w[14] * (1 - r))
    return min(max(sf, 0.01), s)


def interval(s, retention, max_ivl):
    raw = s / FACTOR * (retention ** (1 / DECAY) - 1)
    return int(min(max(math.floor(raw + 0.5), 1), max_ivl))  # half up (Python's round() is half-even)


def step(w, card, g, t, retention=0.9, max_ivl=36500):
    """card = None (new) or (s, d); t = whole days since the last review. Returns (s, d, interval)."""
    states = {}
    for grade in (AGAIN, HARD, GOOD, EASY):
        if card is None:
            states[grade] = (max(w[grade - 1], 0.01), clamp_d(d0(w, grade)))
        else:
            s, d = card
            r = retrievability(t, s)
            new_s = forget_s(w, d, s, r) if grade == AGAIN else recall_s(w, d, s, r, grade)
            states[grade] = (new_s, next_d(w, d, grade))
    ivl = {grade: interval(states[grade][0], retention, max_ivl) for grade in states}
    ivl[AGAIN] = min(ivl[AGAIN], ivl[HARD])
    ivl[HARD] = max(ivl[HARD], ivl[AGAIN] + 1)
    ivl[GOOD] = max(ivl[GOOD], ivl[HARD] + 1)
    ivl[EASY] = max(ivl[EASY], ivl[GOOD] + 1)
    s, d = states[g]
    return s, d, min(ivl[g], max_ivl)


def run(w, ratings, elapsed=None, retention=0.9):
    """elapsed: days before each review after the first (None: each review on its due day)."""
    card, out, last_ivl = None, [], 0
    for i, g in enumerate(ratings):
        t = 0 if i == 0 else (last_ivl if elapsed is None else elapsed[i - 1])
        s, d, ivl = step(w, card, g, t, retention)
        card, last_ivl = (s, d), ivl
        out.append((t, s, d, ivl))
    return out


CASES = [
    ("GoodGoodGoodGood", [GOOD] * 4, None, 0.9),
    ("AgainGoodGood", [AGAIN, GOOD, GOOD], None, 0.9),
    ("EasyHardGoodAgainGood", [EASY, HARD, GOOD, AGAIN, GOOD], None, 0.9),
    ("HardHardHard", [HARD] * 3, None, 0.9),
    # Reviews late and early (not on the due day): 10, 1 and 40 days after the previous review.
    ("GoodGoodAgainEasy_off_schedule", [GOOD, GOOD, AGAIN, EASY], [10, 1, 40], 0.9),
    # Desired retention 0.8: longer intervals for the same memory state.
    ("GoodGoodGoodGood_retention_0_8", [GOOD] * 4, None, 0.8),
]

if __name__ == "__main__":
    print(f"// FACTOR = {FACTOR!r}")
    for name, ratings, elapsed, retention in CASES:
        rows = run(W, ratings, elapsed, retention)
        print(f"// {name}: retention {retention}")
        print(f"new(\"{name}\", {retention}, [{', '.join('ReviewRating.' + NAMES[g] for g in ratings)}],")
        print(f"    [{', '.join(str(r[0]) for r in rows)}],")
        print(f"    [{', '.join(repr(round(r[1], 10)) for r in rows)}],")
        print(f"    [{', '.join(repr(round(r[2], 10)) for r in rows)}],")
        print(f"    [{', '.join(str(r[3]) for r in rows)}]),")
