"""Reference values for the A/B statistics tests in this folder, computed independently of the C# engine.

Run with the system Python that has scipy (1.10.1 when these were written):
    /usr/bin/python3 FinSight.Tests/Core/AbTesting/reference_values.py
Every number is printed with repr(), so the test literals are exact copies.
"""
import numpy as np
from scipy import stats, integrate, special

ALPHA = 0.05


def suff(x):
    x = [float(v) for v in x]
    return len(x), sum(x), sum(v * v for v in x)


def section(title):
    print(f"\n== {title}")


# ---------- binary: Wilson, two-proportion z-test (R prop.test, correct=FALSE), lifts ----------
def binary(name, xc, nc, xt, nt):
    section(f"binary {name}: control {xc}/{nc}, treatment {xt}/{nt}")
    for label, x, n in (("control", xc, nc), ("treatment", xt, nt)):
        ci = stats.binomtest(x, n).proportion_ci(confidence_level=1 - ALPHA, method="wilson")
        print(f"wilson {label}: {ci.low!r}, {ci.high!r}")
    # prop.test(c(xt, xc), c(nt, nc), correct = FALSE) is the chi-square test of the 2x2 table.
    chi2, p, _, _ = stats.chi2_contingency([[xt, nt - xt], [xc, nc - xc]], correction=False)
    pc, pt = xc / nc, xt / nt
    pooled = (xc + xt) / (nc + nt)
    z = (pt - pc) / np.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nt))
    print(f"z {z!r}  z^2 - chi2 = {z * z - chi2!r}")
    print(f"p (chi2_contingency, correction=False) {p!r}  2*norm.sf(|z|) {2 * stats.norm.sf(abs(z))!r}")
    zc = stats.norm.ppf(1 - ALPHA / 2)
    vc, vt = pc * (1 - pc) / nc, pt * (1 - pt) / nt
    d = pt - pc
    half = zc * np.sqrt(vc + vt)
    print(f"difference {d!r}  ci {max(-1, d - half)!r}, {min(1, d + half)!r}")
    rel = d / pc
    rhalf = zc * np.sqrt(vt / pc**2 + pt**2 * vc / pc**4)
    print(f"relative {rel!r}  ci {rel - rhalf!r}, {rel + rhalf!r}")


binary("B1 (higher)", 120, 1000, 150, 1000)
binary("B2 (lower)", 45, 380, 30, 410)
binary("B3 (small)", 3, 20, 9, 25)


# ---------- continuous: Student t interval, Welch's t-test ----------
def continuous(name, c, t):
    section(f"continuous {name}")
    for label, x in (("control", c), ("treatment", t)):
        n, s, ss = suff(x)
        print(f"{label}: n={n} sum={s!r} sumSq={ss!r}")
        m, sem = np.mean(x), stats.sem(x)
        lo, hi = stats.t.interval(1 - ALPHA, n - 1, loc=m, scale=sem)
        print(f"  mean {m!r}  t interval {lo!r}, {hi!r}")
    r = stats.ttest_ind(t, c, equal_var=False)
    vc, vt = np.var(c, ddof=1) / len(c), np.var(t, ddof=1) / len(t)
    df = (vc + vt) ** 2 / (vc**2 / (len(c) - 1) + vt**2 / (len(t) - 1))
    d = np.mean(t) - np.mean(c)
    crit = stats.t.ppf(1 - ALPHA / 2, df)
    half = crit * np.sqrt(vc + vt)
    print(f"welch t {r.statistic!r} p {r.pvalue!r} df {df!r}")
    print(f"difference {d!r} ci {d - half!r}, {d + half!r}")
    mc, mt = np.mean(c), np.mean(t)
    rel = d / mc
    rhalf = crit * np.sqrt(vt / mc**2 + mt**2 * vc / mc**4)
    print(f"relative {rel!r} ci {rel - rhalf!r}, {rel + rhalf!r}")
    # Bayesian normal approximation, D ~ N(d, vc + vt): higher-is-better view.
    se = np.sqrt(vc + vt)
    print(f"bayes (higher) chance {stats.norm.cdf(d / se)!r} loss {se * stats.norm.pdf(d / se) - d * stats.norm.cdf(-d / se)!r}")
    print(f"bayes (lower)  chance {stats.norm.cdf(-d / se)!r} loss {se * stats.norm.pdf(d / se) + d * stats.norm.cdf(d / se)!r}")


continuous("C1 small raw", [1.2, 3.4, 2.2], [4.1, 5.0, 3.3, 6.2])
rng = np.random.default_rng(20240501)
continuous("C2 revenue (higher), seed 20240501", rng.normal(10, 3, 40), rng.normal(11.5, 4, 35))
continuous("C3 latency_ms (lower), seed 20240501 continued", rng.lognormal(5, 0.4, 200), rng.lognormal(4.9, 0.4, 180))


# ---------- Holm-Bonferroni (R p.adjust(p, "holm")), written out by hand ----------
section("holm by hand")
for p in ([0.01, 0.04, 0.03, 0.005], [0.3, 0.5, 0.01], [0.7, 0.9]):
    order = np.argsort(p, kind="stable")
    m = len(p)
    adj = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adj[i] = running
    print(p, "->", adj)


# ---------- SRM: scipy.stats.chisquare ----------
section("srm chisquare")
for obs, w in (([10400, 9600], [0.5, 0.5]), ([5100, 2400, 2500], [0.5, 0.25, 0.25]), ([1030, 970], [0.5, 0.5]), ([5, 0], [0.5, 0.5])):
    exp = np.array(w) * sum(obs)
    print(obs, w, repr(stats.chisquare(obs, exp).pvalue))


# ---------- Bayesian Beta-Binomial, Beta(1,1) prior ----------
def p_greater_closed_form(a_a, b_a, a_b, b_b):
    """P(X_A > X_B) for integer a_a (Evan Miller's closed form), in logs."""
    total = 0.0
    for i in range(int(a_a)):
        total += np.exp(special.betaln(a_b + i, b_b + b_a) - np.log(b_a + i) - special.betaln(1 + i, b_a) - special.betaln(a_b, b_b))
    return total


def beta_bayes(name, xc, nc, xt, nt):
    section(f"bayes binary {name}: control {xc}/{nc}, treatment {xt}/{nt}")
    c = stats.beta(1 + xc, 1 + nc - xc)
    t = stats.beta(1 + xt, 1 + nt - xt)
    lo = max(0.0, min(c.ppf(1e-15), t.ppf(1e-15)))
    hi = min(1.0, max(c.isf(1e-15), t.isf(1e-15)))
    # Breakpoints across each posterior's own mass, so quad cannot step over a narrow one.
    grid = np.unique(np.concatenate([np.linspace(d.ppf(1e-15), d.isf(1e-15), 41) for d in (c, t)]))

    def pts(a, b):
        inside = grid[(grid > a) & (grid < b)]
        return inside if len(inside) else None

    kw = dict(epsabs=1e-15, epsrel=1e-13, limit=4000)
    p_t_gt_c = integrate.quad(lambda y: c.pdf(y) * t.sf(y), lo, hi, points=pts(lo, hi), **kw)[0]
    closed = p_greater_closed_form(1 + xt, 1 + nt - xt, 1 + xc, 1 + nc - xc) if xt + 1 <= 200000 else float("nan")
    print(f"P(t > c) quad {p_t_gt_c!r}  closed form {closed!r}")

    def excess(a, b):
        # E[max(A - B, 0)] = E ∫ 1[B < x < A] dx = ∫ F_B(x)·(1 - F_A(x)) dx: a different route from the
        # engine's (a density times a closed-form partial mean).
        return integrate.quad(lambda x: b.cdf(x) * a.sf(x), lo, hi, points=pts(lo, hi), **kw)[0]

    print(f"E[max(c - t, 0)] {excess(c, t)!r}")
    print(f"E[max(t - c, 0)] {excess(t, c)!r}")


beta_bayes("B1", 120, 1000, 150, 1000)
beta_bayes("B3", 3, 20, 9, 25)
beta_bayes("large", 10000, 100000, 10250, 100000)
beta_bayes("no conversions, very different sizes", 0, 100000, 0, 100)
beta_bayes("sharp control against a wide treatment", 100000, 1000000, 12, 100)
beta_bayes("near 100%", 100000, 100000, 99990, 100000)


# ---------- power analysis ----------
section("power binary")
for baseline, mde, alpha, power in ((0.1, 0.1, 0.05, 0.8), (0.95, 0.1, 0.05, 0.8), (0.03, 0.2, 0.01, 0.9)):
    p1 = baseline
    p2 = baseline * (1 + mde)
    if p2 >= 1:
        p2 = baseline * (1 - mde)
    pbar = (p1 + p2) / 2
    za, zb = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    n = (za * np.sqrt(2 * pbar * (1 - pbar)) + zb * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2
    print(baseline, mde, alpha, power, "->", n, int(np.ceil(n)))

section("power continuous (normal start, then smallest n whose noncentral-t power reaches the target)")


def t_power(n, es, alpha):
    df = 2 * n - 2
    nc = es / np.sqrt(2 / n)
    crit = stats.t.ppf(1 - alpha / 2, df)
    return stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc)


for baseline, sd, mde, alpha, power in ((10, 5, 0.1, 0.05, 0.8), (10, 5, 1.0, 0.05, 0.8), (-4, 2, 0.5, 0.01, 0.9), (100, 30, 0.02, 0.05, 0.8)):
    delta = abs(baseline) * mde
    za, zb = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    n = max(2, int(np.ceil(2 * sd**2 * (za + zb) ** 2 / delta**2)))
    start = n
    while t_power(n, delta / sd, alpha) < power:
        n += 1
    print(baseline, sd, mde, alpha, power, "-> normal", start, "t", n, "power at n", repr(t_power(n, delta / sd, alpha)), "at n-1", repr(t_power(n - 1, delta / sd, alpha)))
print("t_power(20, 0.8, 0.05)", repr(t_power(20, 0.8, 0.05)))
