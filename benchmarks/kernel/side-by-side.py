#!/usr/bin/env python3
"""The kernel's iptables-legacy and jptables on the same chains and the same frames, in one run.

For each size N: the chain of issue 10 (N rules `-A INPUT -s 10.X.Y.Z/32 -p tcp --dport P -j DROP`,
all different, none matching, then `-A INPUT -p udp --dport 9 -j DROP`) is loaded into the filter
table of a network namespace of this script's own ("fw"); a second namespace ("src") sends it a
bounded number of identical UDP frames (198.18.0.2:40000 -> 198.18.0.1:9) over a veth; the kernel's
rate is the packets the last rule counted divided by the sending time (the veth delivers each frame
in the sender's softirq, so that time holds the INPUT chain's work). Then `jptables replay` runs a
capture of the same frame, repeated, through the same ruleset file, linear and compiled; its rate
is the one it reports for the replay loop. Both namespaces are deleted at the end, also on error.

usage: sudo benchmarks/kernel/side-by-side.py [--sizes 100,1000,10000] [--home DIST] [--markdown]
needs: root, iptables-legacy, gcc, the built distribution (distribution/target/jptables).
"""
import argparse
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SRC, FW = "jpt-sbs-src", "jpt-sbs-fw"


def sh(*args, check=True, **kw):
    return subprocess.run(args, check=check, capture_output=True, text=True, **kw)


def in_ns(ns, *args, **kw):
    return sh("ip", "netns", "exec", ns, *args, **kw)


def checksum(data):
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total & 0xFFFF) + (total >> 16)
    total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def frame():
    """The Ethernet frame sent: a UDP datagram to fw's port 9, 18 bytes of payload."""
    src, dst = socket.inet_aton("198.18.0.2"), socket.inet_aton("198.18.0.1")
    udp = struct.pack("!HHHH", 40000, 9, 8 + 18, 0) + bytes(18)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return bytes.fromhex("020000000001") + bytes.fromhex("020000000002") + b"\x08\x00" + ip + udp


def ruleset(n):
    """The same text as RulesetShapes.chain(n) in the JMH benchmarks."""
    lines = ["*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]"]
    for i in range(n):
        lines.append("-A INPUT -s 10.%d.%d.%d/32 -p tcp -m tcp --dport %d -j DROP"
                     % (i >> 16 & 0xFF, i >> 8 & 0xFF, i & 0xFF, 1 + i % 65000))
    lines += ["-A INPUT -p udp -m udp --dport 9 -j DROP", "COMMIT"]
    return "\n".join(lines) + "\n"


def write_pcap(path, data, count):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        record = struct.pack("<IIII", 0, 0, len(data), len(data)) + data
        block = record * 4096
        left = count
        while left >= 4096:
            f.write(block)
            left -= 4096
        f.write(record * left)


def setup(work):
    cleanup()
    sh("ip", "netns", "add", SRC)
    sh("ip", "netns", "add", FW)
    sh("ip", "link", "add", "s0", "netns", SRC, "type", "veth", "peer", "name", "eth0", "netns", FW)
    sh("ip", "-n", SRC, "link", "set", "s0", "address", "02:00:00:00:00:02")
    sh("ip", "-n", FW, "link", "set", "eth0", "address", "02:00:00:00:00:01")
    sh("ip", "-n", FW, "addr", "add", "198.18.0.1/24", "dev", "eth0")
    sh("ip", "-n", SRC, "addr", "add", "198.18.0.2/24", "dev", "s0")
    sh("ip", "-n", SRC, "link", "set", "s0", "up")
    sh("ip", "-n", FW, "link", "set", "eth0", "up")
    sender = os.path.join(work, "send-frames")
    sh("gcc", "-O2", "-o", sender, os.path.join(HERE, "send-frames.c"))
    return sender


def cleanup():
    for ns in (SRC, FW):
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


def kernel_rate(sender, rules_file, count):
    with open(rules_file) as f:
        in_ns(FW, "iptables-legacy-restore", input=f.read())
    out = in_ns(SRC, sender, "s0", str(count), frame().hex()).stdout.split()
    seconds = float(out[1])
    time.sleep(0.5)
    listing = in_ns(FW, "iptables-legacy", "-L", "INPUT", "-v", "-x", "-n").stdout.strip().splitlines()
    counted = int(listing[-1].split()[0])
    in_ns(FW, "iptables-legacy", "-F", "INPUT")
    return counted, seconds, counted / seconds


def jptables_rate(home, rules_file, capture, mode):
    env = dict(os.environ, JPTABLES_STATE=os.path.join(os.path.dirname(capture), "state.rules"),
               JPTABLES_INITIAL="/dev/null")
    out = sh(os.path.join(home, "bin", "jptables"), "replay", capture, "--rules", rules_file, "--no-save",
             "--json", "--eval", mode, env=env).stdout
    report = json.loads(out)
    return report["packets"], report["seconds"], report["packets"] / report["seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--home", default=os.path.join(ROOT, "distribution", "target", "jptables"))
    parser.add_argument("--frames", type=int, default=3_000_000, help="frames in jptables' capture")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("side-by-side: needs root (network namespaces)")
    if shutil.which("iptables-legacy") is None:
        sys.exit("side-by-side: needs iptables-legacy (apt-get install iptables)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    work = tempfile.mkdtemp(prefix="jpt-sbs-")
    rows = []
    try:
        sender = setup(work)
        capture = os.path.join(work, "frames.pcap")
        write_pcap(capture, frame(), args.frames)
        for n in (int(s) for s in args.sizes.split(",")):
            rules_file = os.path.join(work, "rules-%d" % n)
            with open(rules_file, "w") as f:
                f.write(ruleset(n))
            # bounded: about three seconds of the kernel's work at the rate seen before on this machine
            count = max(20_000, min(2_000_000, 200_000_000 // max(n, 1)))
            k = kernel_rate(sender, rules_file, count)
            lin = jptables_rate(args.home, rules_file, capture, "linear")
            com = jptables_rate(args.home, rules_file, capture, "compiled")
            rows.append((n, k, lin, com))
            if not args.markdown:
                print("%6d rules: kernel %10.0f pkt/s (%d in %.2f s) | jptables linear %10.0f | compiled %10.0f"
                      " (%.0fx the kernel)" % (n, k[2], k[0], k[1], lin[2], com[2], com[2] / k[2]), flush=True)
    finally:
        cleanup()
        shutil.rmtree(work, ignore_errors=True)
    if args.markdown:
        print("| rules | kernel iptables-legacy (pkt/s) | jptables replay, linear | jptables replay, compiled | compiled / kernel |")
        print("|---:|---:|---:|---:|---:|")
        for n, k, lin, com in rows:
            print("| %d | %.0f | %.0f | %.0f | %.0fx |" % (n, k[2], lin[2], com[2], com[2] / k[2]))


if __name__ == "__main__":
    main()
