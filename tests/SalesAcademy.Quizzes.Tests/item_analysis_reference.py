#!/usr/bin/env python3
"""Reference numbers for ItemAnalysisTests: the fixture of 6 takers x 4 questions computed straight from the
definitions in Moodle's "Quiz statistics calculations" (docs.moodle.org/dev/Quiz_statistics_calculations), with
Python's statistics module (sample variance, n - 1) - independently of the C# code. Run: python3 item_analysis_reference.py
"""
import math
import statistics as st

# Points per question, and each taker's marks (fraction x points) on Q1..Q4.
points = [1, 2, 1, 1]
marks = {
    "A": [1, 2, 1, 0],
    "B": [1, 1, 1, 0],
    "C": [1, 2, 0, 1],
    "D": [0, 1, 0.5, 1],
    "E": [1, 0, 0, 1],
    "F": [0, 0, 0, 1],
}
takers = list(marks)
totals = [sum(marks[t]) for t in takers]
n = len(takers)

for q in range(4):
    x = [marks[t][q] for t in takers]                   # the question's marks
    rest = [sum(marks[t]) - marks[t][q] for t in takers]  # the rest of the test: total minus this question
    facility = st.mean(x) / points[q]
    sd = st.stdev(x) / points[q]
    cov = st.covariance(x, rest)
    di = 100 * st.correlation(x, rest) if st.variance(x) and st.variance(rest) else None
    cov_max = st.covariance(sorted(x), sorted(rest))     # same-order pairing: the largest covariance possible
    de = 100 * cov / cov_max if cov_max else None
    print(f"Q{q + 1}: facility={facility!r} sd={sd!r} di={di!r} de={de!r}")

mean = st.mean(totals)
median = st.median(totals)
sd = st.stdev(totals)
k = 4
item_var = sum(st.variance([marks[t][q] for t in takers]) for q in range(k))
cic = 100 * k / (k - 1) * (1 - item_var / st.variance(totals))
er = 100 * math.sqrt(1 - cic / 100)
se = er / 100 * sd
# Skewness and kurtosis from k-statistics, as Moodle's quiz calculator does.
m2 = sum((t - mean) ** 2 for t in totals) / n
m3 = sum((t - mean) ** 3 for t in totals) / n
m4 = sum((t - mean) ** 4 for t in totals) / n
k2 = n * m2 / (n - 1)
k3 = n * n * m3 / ((n - 1) * (n - 2))
k4 = n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2) / ((n - 1) * (n - 2) * (n - 3))
print(f"quiz: n={n} mean={mean!r} median={median!r} sd={sd!r} skewness={k3 / k2 ** 1.5!r} kurtosis={k4 / k2 ** 2!r}")
print(f"quiz: cic={cic!r} errorRatio={er!r} standardError={se!r}")
