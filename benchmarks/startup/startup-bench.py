#!/usr/bin/env python3
"""Whole-command start-up times of jptables beside iptables-legacy, in one run.

Runs inside a network namespace of its own (made and deleted here) so that iptables-legacy
changes nothing of the machine's own. Every command is timed as a whole process: wall time and
CPU time (user + system of the process and its children), the median of --runs runs, and the
ratio jptables / iptables-legacy. Usage (as root, after the build):

    benchmarks/startup/startup-bench.py [--runs 10] [--home distribution/target/jptables] [--markdown]
"""
import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(cmd, env=None, stdin=None):
    """Runs cmd once; returns (wall s, cpu s). A failing command is an error: timings of errors lie."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as inp:
        r = subprocess.run(cmd, env=env, stdin=inp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(cmd), r.stderr.decode(errors="replace")))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


class Tool:
    def __init__(self, name, iptables, save, restore, env=None):
        self.name, self.iptables, self.save, self.restore, self.env = name, iptables, save, restore, env

    def run(self, args, stdin=None):
        return timed(self.iptables + args, self.env, stdin)

    def quiet(self, args, stdin=None):
        timed(self.iptables + args, self.env, stdin)

    def reset(self):
        """Every table empty, policies ACCEPT: each case starts from the same ruleset."""
        if self.env is None:
            for table in ("filter", "nat", "mangle", "raw", "security"):
                timed(self.iptables + ["-t", table, "-F"])
                timed(self.iptables + ["-t", table, "-X"])
            for chain in ("INPUT", "FORWARD", "OUTPUT"):
                timed(self.iptables + ["-P", chain, "ACCEPT"])
        else:
            state = self.env["JPTABLES_STATE"]
            if os.path.exists(state):
                os.remove(state)


def cases(seed, kube):
    """(label, setup(tool), measured(tool) -> (wall, cpu)); setup is not timed."""
    def restore(path):
        return lambda t: (t.reset(), timed(t.restore + [path], t.env))
    rule = ["-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"]
    delete = ["-D"] + rule[1:]
    check = ["-C", "INPUT", "-p", "tcp", "-m", "state", "--state", "NEW", "-m", "tcp", "--dport", "22", "-j", "ACCEPT"]

    def loop(t):
        walls, cpus = 0.0, 0.0
        for i in range(100):
            w, c = t.run(["-A", "INPUT", "-s", "192.0.2.%d" % (i + 1), "-p", "tcp", "--dport", "22", "-j", "ACCEPT"])
            walls += w
            cpus += c
        return walls, cpus
    return [
        ("-L -n (seed ruleset)", restore(seed), lambda t: t.run(["-L", "-n"])),
        ("-S (seed ruleset)", restore(seed), lambda t: t.run(["-S"])),
        ("-A INPUT -p tcp --dport 22 -j ACCEPT", restore(seed), lambda t: t.run(rule)),
        ("-D INPUT -p tcp --dport 22 -j ACCEPT", lambda t: (restore(seed)(t), t.quiet(rule)), lambda t: t.run(delete)),
        ("-C INPUT (seed's ssh rule)", restore(seed), lambda t: t.run(check)),
        ("iptables-save (seed ruleset)", restore(seed), lambda t: timed(t.save, t.env)),
        ("iptables-restore seed (9 lines)", lambda t: t.reset(), lambda t: timed(t.restore + [seed], t.env)),
        ("iptables-save kube-proxy-1k (15,135 lines)", restore(kube), lambda t: timed(t.save, t.env)),
        ("iptables-restore kube-proxy-1k (15,135 lines)", lambda t: t.reset(), lambda t: timed(t.restore + [kube], t.env)),
        ("-A INPUT beside kube-proxy-1k's nat table", restore(kube), lambda t: t.run(rule)),
        ("100 x -A in a loop (total)", restore(seed), loop),
    ]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--home", default=os.path.join(ROOT, "distribution", "target", "jptables"))
    p.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    p.add_argument("--markdown", action="store_true", help="print a Markdown table")
    p.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if not a.inside:
        if os.geteuid() != 0 or not shutil.which("ip") or not shutil.which("iptables-legacy"):
            sys.exit("skipped: needs root, ip and iptables-legacy (apt-get install iptables)")
        ns = "jpt-startup-%d" % os.getpid()
        # a timeout's SIGTERM unwinds through the finally below, so the namespace never outlives us
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        subprocess.run(["ip", "netns", "add", ns], check=True)
        try:
            return subprocess.run(["ip", "netns", "exec", ns, sys.executable] + sys.argv + ["--inside"]).returncode
        finally:
            subprocess.run(["ip", "netns", "del", ns])
    seed = os.path.join(a.home, "conf", "default.rules")
    kube = os.path.join(os.path.abspath(a.corpus), "kube-proxy-1k-services.rules")
    work = tempfile.mkdtemp(prefix="jpt-startup-")
    env = dict(os.environ, JPTABLES_STATE=os.path.join(work, "state.rules"), JPTABLES_INITIAL="/dev/null")
    env.pop("JPTABLES_HOME", None)
    bin_ = os.path.join(a.home, "bin")
    tools = [Tool("iptables-legacy", ["iptables-legacy"], ["iptables-legacy-save"], ["iptables-legacy-restore"]),
             Tool("jptables", [bin_ + "/jptables"], [bin_ + "/jptables-save"], [bin_ + "/jptables-restore"], env)]
    rows = []
    for label, setup, measured in cases(seed, kube):
        result = {}
        for t in tools:
            walls, cpus = [], []
            runs = a.runs if not label.startswith("100") else max(1, a.runs // 5)
            for _ in range(runs):
                setup(t)
                w, c = measured(t)
                walls.append(w)
                cpus.append(c)
            result[t.name] = (statistics.median(walls), statistics.median(cpus))
        rows.append((label, result))
        il, jp = result["iptables-legacy"], result["jptables"]
        if not a.markdown:
            print("%-46s legacy %8.1f ms wall %8.1f ms cpu | jptables %8.1f ms wall %8.1f ms cpu | x%.1f wall"
                  % (label, il[0] * 1e3, il[1] * 1e3, jp[0] * 1e3, jp[1] * 1e3, jp[0] / il[0]), flush=True)
    if a.markdown:
        print("| command | iptables-legacy wall | cpu | jptables wall | cpu | wall ratio |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, r in rows:
            il, jp = r["iptables-legacy"], r["jptables"]
            print("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f |" % (label, il[0] * 1e3, il[1] * 1e3,
                                                                      jp[0] * 1e3, jp[1] * 1e3, jp[0] / il[0]))
    shutil.rmtree(work, ignore_errors=True)
    # leave the namespace's tables empty (the namespace is deleted anyway)
    subprocess.run(["iptables-legacy", "-F"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
