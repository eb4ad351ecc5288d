#!/usr/bin/env python3
"""Record a conformance case on the real kernel: what iptables-legacy did with each packet.

    record.py CASE_DIR [-o OUT.json]

CASE_DIR holds ruleset.rules, packets.jsonl, and optionally listen, mode, sets, nfacct, osf and
local-marks (see conformance/README.md). Builds three network namespaces src - fw - dst as the shared
conformance README describes, loads the sets (ipset restore), the accounting objects (each line of
nfacct run as `nfacct LINE`) and the ruleset (iptables-legacy-restore) into fw, sends each packet and
writes kernel.json (to OUT.json, or stdout). Needs root, `ip netns`, iptables-legacy; python3
standard library only. Every namespace it makes is deleted again, whatever happens.
"""

import argparse
import ctypes
import fcntl
import json
import struct
import os
import re
import select
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import packet  # noqa: E402

WINDOW = 0.15           # seconds each packet is given, as in the shared cases
CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SO_PRIORITY = 12
IP_TRANSPARENT = 19
QUIET_PRIORITY = 0x42424242  # marks the recorder's own `in: host` packets in quiet-host mode
NF_LOG_ALL = "/proc/sys/net/netfilter/nf_log_all_netns"
LOCK = "/run/lock/jptables-recorder.lock"

_libc = ctypes.CDLL(None, use_errno=True)


def setns(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        if _libc.setns(fd, CLONE_NEWNET) != 0:
            e = ctypes.get_errno()
            raise OSError(e, "setns(%s): %s" % (path, os.strerror(e)))
    finally:
        os.close(fd)


def run(cmd, stdin=None, check=True):
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), r.returncode, r.stderr.strip()))
    return r


def write_sysctl(name, value):
    with open("/proc/sys/" + name.replace(".", "/"), "w") as f:
        f.write(str(value))


# ---------------------------------------------------------------------------------------------
# iptables-save -c parsing and diffing

def parse_save(text):
    """[(table, chain, rule_no or None for the policy, spec, packets, bytes)] in save order."""
    out = []
    table = None
    counts = {}
    for line in text.splitlines():
        if line.startswith("*"):
            table = line[1:]
            counts = {}
        elif line.startswith(":"):
            m = re.match(r":(\S+) (\S+) \[(\d+):(\d+)\]", line)
            if m and m.group(2) != "-":
                out.append((table, m.group(1), None, None, int(m.group(3)), int(m.group(4))))
        elif line.startswith("["):
            m = re.match(r"\[(\d+):(\d+)\] (-A (\S+) ?.*)$", line)
            chain = m.group(4)
            counts[chain] = counts.get(chain, 0) + 1
            out.append((table, chain, counts[chain], m.group(3), int(m.group(1)), int(m.group(2))))
    return out


def diff_save(before, after):
    old = {(t, c, n): (p, b) for t, c, n, _s, p, b in parse_save(before)}
    matched, policy = [], []
    for t, c, n, spec, p, b in parse_save(after):
        p0, b0 = old.get((t, c, n), (0, 0))
        if p == p0 and b == b0:
            continue
        if n is None:
            policy.append({"table": t, "chain": c, "packets": p - p0})
        else:
            matched.append({"table": t, "chain": c, "rule": n, "spec": spec,
                            "packets": p - p0, "bytes": b - b0})
    return matched, policy


# ---------------------------------------------------------------------------------------------

class Kmsg:
    """New kernel log lines (LOG target's), timestamps removed."""

    def __init__(self):
        self.fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
        os.lseek(self.fd, 0, os.SEEK_END)

    def read(self):
        lines = []
        while True:
            try:
                rec = os.read(self.fd, 8192)
            except BlockingIOError:
                break
            except OSError:  # EPIPE: records overwritten; go on with what follows
                continue
            if not rec:
                break
            text = rec.decode("utf-8", "replace")
            head, _, body = text.partition(";")
            msg = body.split("\n", 1)[0]
            msg = re.sub(r"\\x([0-9a-f]{2})", lambda m: chr(int(m.group(1), 16)), msg)
            if re.search(r"IN=\S* OUT=\S* ", msg):
                lines.append(msg)
        return lines

    def close(self):
        os.close(self.fd)


class Lab:
    """The three namespaces; the recorder's own process sits in fw between the steps."""

    def __init__(self, quiet, bridge=False):
        self.tag = "jprec-%d-" % os.getpid()
        self.ns = {k: self.tag + k for k in ("src", "fw", "dst")}
        self.quiet = quiet
        self.bridge = bridge
        self.home = os.open("/proc/self/ns/net", os.O_RDONLY)
        self.made = []
        self.socks = []

    def path(self, which):
        return "/run/netns/" + self.ns[which]

    def build(self):
        for which in ("src", "fw", "dst"):
            run(["ip", "netns", "add", self.ns[which]])
            self.made.append(self.ns[which])
            setns(self.path(which))
            write_sysctl("net.ipv6.conf.all.disable_ipv6", 1)
            write_sysctl("net.ipv6.conf.default.disable_ipv6", 1)
            write_sysctl("net.ipv4.ip_forward", 1 if which == "fw" else 0)
            self.back()
        fw, src, dst = self.ns["fw"], self.ns["src"], self.ns["dst"]
        for ifname, peer in (("eth0", src), ("eth1", dst)):
            run(["ip", "-n", fw, "link", "add", ifname, "type", "veth", "peer", "name", ifname,
                 "netns", peer])
            mac_fw = ":".join("%02x" % b for b in packet.MAC_FW[ifname])
            mac_peer = ":".join("%02x" % b for b in packet.MAC_PEER[ifname])
            run(["ip", "-n", fw, "link", "set", ifname, "address", mac_fw])
            run(["ip", "-n", peer, "link", "set", ifname, "address", mac_peer, "arp", "off"])
            run(["ip", "-n", peer, "link", "set", ifname, "up"])
        if self.bridge:
            self.build_bridge()
        else:
            run(["ip", "-n", fw, "addr", "add", "198.18.0.1/24", "dev", "eth0"])
            run(["ip", "-n", fw, "addr", "add", "198.18.1.1/24", "dev", "eth1"])
            for name in ("lo", "eth0", "eth1"):
                run(["ip", "-n", fw, "link", "set", name, "up"])
            run(["ip", "-n", fw, "route", "add", "default", "via", "198.18.0.2", "dev", "eth0"])
            run(["ip", "-n", fw, "neigh", "replace", "198.18.0.2", "lladdr", "02:00:00:00:00:02",
                 "dev", "eth0", "nud", "permanent"])
            run(["ip", "-n", fw, "neigh", "replace", "198.18.1.2", "lladdr", "02:00:00:00:01:02",
                 "dev", "eth1", "nud", "permanent"])
        setns(self.path("fw"))
        for name in ("all", "default", "eth0", "eth1", "lo") + (("br0",) if self.bridge else ()):
            write_sysctl("net.ipv4.conf.%s.rp_filter" % name, 0)
        if self.bridge:
            # br_netfilter: bridged IPv4 frames pass iptables (a per-namespace setting)
            write_sysctl("net.bridge.bridge-nf-call-iptables", 1)
        write_sysctl("net.ipv4.icmp_ratelimit", 0)
        write_sysctl("net.ipv4.tcp_synack_retries", 0)
        if self.quiet:
            # quiet-host: everything fw's own stack sends (its answers and REJECT's) is dropped at
            # the very start of LOCAL_OUT, before defrag (-400), raw (-300), conntrack (-200) and
            # every iptables table, so no counter and no conntrack entry sees it. Only the
            # recorder's `in: host` packets (skb priority QUIET_PRIORITY) go on.
            prio = "%x:%x" % (QUIET_PRIORITY >> 16, QUIET_PRIORITY & 0xFFFF)
            run(["nft", "-f", "-"], stdin=(
                "table ip jprec_quiet {\n"
                " chain out {\n"
                "  type filter hook output priority -500; policy accept;\n"
                "  meta priority %s accept\n"
                "  drop\n"
                " }\n"
                "}\n" % prio))
        # sockets: senders in src and dst, the raw sender and the capture in fw
        self.tx = {}
        for ifname, which in (("eth0", "src"), ("eth1", "dst")):
            setns(self.path(which))
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
            s.bind((ifname, 0))
            self.tx[ifname] = s
            self.socks.append(s)
        setns(self.path("fw"))
        self.raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        if self.quiet:
            self.raw.setsockopt(socket.SOL_SOCKET, SO_PRIORITY, QUIET_PRIORITY)
        self.socks.append(self.raw)
        self.cap = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        self.cap.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        self.cap.setblocking(False)
        self.socks.append(self.cap)

    def build_bridge(self):
        """mode bridge: eth0 and eth1 ports of br0 (eth0's MAC, 198.18.0.1/24, no STP, no forward
        delay), src 198.18.0.2 and dst 198.18.0.3 as permanent neighbours on br0 and static entries
        in its forwarding database, the default route via 198.18.0.2."""
        fw = self.ns["fw"]
        bridge_mac = ":".join("%02x" % b for b in packet.BRIDGE_MAC)
        run(["ip", "-n", fw, "link", "add", "br0", "address", bridge_mac, "type", "bridge", "stp_state", "0",
             "forward_delay", "0"])
        for name in ("eth0", "eth1"):
            run(["ip", "-n", fw, "link", "set", name, "master", "br0"])
        run(["ip", "-n", fw, "addr", "add", "198.18.0.1/24", "dev", "br0"])
        for name in ("lo", "eth0", "eth1", "br0"):
            run(["ip", "-n", fw, "link", "set", name, "up"])
        run(["ip", "-n", fw, "route", "add", "default", "via", packet.BRIDGE_GATEWAY, "dev", "br0"])
        for (address, mac), port in zip(sorted(packet.BRIDGE_NEIGHBOURS.items()), ("eth0", "eth1")):
            text = ":".join("%02x" % b for b in mac)
            run(["ip", "-n", fw, "neigh", "replace", address, "lladdr", text, "dev", "br0", "nud", "permanent"])
            run(["bridge", "-n", fw, "fdb", "replace", text, "dev", port, "master", "static"])
        # a port forwards only once it has left the disabled/listening states: wait for both
        deadline = time.monotonic() + 10
        while run(["bridge", "-n", fw, "link", "show"]).stdout.count("state forwarding") < 2:
            if time.monotonic() > deadline:
                raise RuntimeError("bridge ports of br0 never reached the forwarding state")
            time.sleep(0.05)
        # br0's unsolicited IGMP reports (sent as it comes up, repeated within about a second)
        # must be over before the first packet's window
        time.sleep(3)

    def back(self):
        if _libc.setns(self.home, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns back")

    def listen(self, spec):
        """Sockets fw's stack answers as a server: `tcp:22,udp:53`; `tcp:3128:transparent` sets
        IP_TRANSPARENT (for TPROXY and -m socket --transparent)."""
        setns(self.path("fw"))
        for item in filter(None, (x.strip() for x in re.split(r"[,\s]+", spec))):
            parts = item.split(":")
            proto, port = parts[0], parts[1]
            if parts[2:] not in ([], ["transparent"]):
                raise ValueError("listen: unknown option in %r" % item)
            if proto == "tcp":
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            elif proto == "udp":
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            else:
                raise ValueError("listen: unknown protocol %r" % proto)
            if parts[2:]:
                s.setsockopt(socket.SOL_IP, IP_TRANSPARENT, 1)
            s.bind(("0.0.0.0", int(port)))
            if proto == "tcp":
                s.listen(128)
            self.socks.append(s)

    def local_marks(self, spec):
        """TPROXY's policy routing in fw: each `VALUE/MASK` line is `ip rule add fwmark VALUE/MASK
        lookup 100`, table 100 holding `local 0.0.0.0/0 dev lo`."""
        fw = self.ns["fw"]
        run(["ip", "-n", fw, "route", "add", "local", "0.0.0.0/0", "dev", "lo", "table", "100"])
        for mark in spec.split():
            run(["ip", "-n", fw, "rule", "add", "fwmark", mark, "lookup", "100"])

    def drain(self):
        while True:
            try:
                self.cap.recv(65536)
            except BlockingIOError:
                return

    def sender(self, p):
        """The raw socket an `in: host` packet leaves by: root's shared one, or one opened with the
        packet's uid, gid and groups. -m owner reads the credentials the socket's file was opened
        with (f_cred): setfsuid/setfsgid change just those, so CAP_NET_RAW stays and the socket can
        still be made; they and the groups are set back at once."""
        if not any(k in p for k in ("socket", "uid", "gid", "groups")):
            return self.raw
        if p.get("socket", "process") != "process":
            raise ValueError("socket: the recorder sends from a process's socket only")
        groups = os.getgroups()
        os.setgroups(p.get("groups", []))
        _libc.setfsgid(p.get("gid", 0))
        _libc.setfsuid(p.get("uid", 0))
        try:
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        finally:
            _libc.setfsuid(0)
            _libc.setfsgid(0)
            os.setgroups(groups)
        if self.quiet:
            s.setsockopt(socket.SOL_SOCKET, SO_PRIORITY, QUIET_PRIORITY)
        return s

    def send(self, where, data, p=None):
        if where == "host":
            dst = socket.inet_ntoa(data[16:20]) if len(data) >= 20 else "0.0.0.0"
            s = self.sender(p or {})
            try:
                s.sendto(data, (dst, 0))
            except PermissionError:
                pass  # EPERM: OUTPUT dropped or rejected it; the counters and log show that
            finally:
                if s is not self.raw:
                    s.close()
        else:
            self.tx[where].send(data)

    def capture(self, until):
        out = []
        while True:
            left = until - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select([self.cap], [], [], left)
            if not r:
                continue
            while True:
                try:
                    data, addr = self.cap.recvfrom(65536)
                except BlockingIOError:
                    break
                ifname, _proto, pkttype = addr[0], addr[1], addr[2]
                if pkttype != PACKET_OUTGOING or ifname not in ("eth0", "eth1"):
                    continue
                if len(data) < 14 or data[12:14] != b"\x08\x00":
                    continue
                out.append(packet.summarize(data, ifname))
        return out

    def destroy(self):
        for s in self.socks:
            try:
                s.close()
            except OSError:
                pass
        try:
            self.back()
        except OSError:
            pass
        for name in self.made:
            subprocess.run(["ip", "netns", "del", name], capture_output=True)


def save():
    return run(["iptables-legacy-save", "-c"]).stdout


def conntrack():
    try:
        with open("/proc/thread-self/net/nf_conntrack") as f:
            return [line.rstrip("\n") for line in f]
    except FileNotFoundError:
        return []


def expectations():
    """/proc/net/nf_conntrack_expect: the expectations conntrack helpers left, one a line."""
    try:
        with open("/proc/thread-self/net/nf_conntrack_expect") as f:
            return [line.rstrip("\n") for line in f]
    except FileNotFoundError:
        return []


def read_case(case):
    def opt(name):
        p = os.path.join(case, name)
        if os.path.exists(p):
            with open(p) as f:
                return f.read().strip()
        return ""
    with open(os.path.join(case, "ruleset.rules")) as f:
        rules = f.read()
    packets = []
    with open(os.path.join(case, "packets.jsonl")) as f:
        for line in f:
            if line.strip():
                packets.append(json.loads(line))
    return (rules, packets, opt("listen"), opt("mode"), opt("sets"), opt("local-marks"), opt("nfacct"),
            opt("osf"), opt("sysctl"))


def osf_fingerprints(text, delete):
    """Loads (or with delete, removes) pf.os fingerprints with nfnl_osf. The kernel's list is one
    for the whole machine, not per namespace: what a case loads must go again when it ends."""
    path = "/tmp/jprec-%d.os" % os.getpid()
    with open(path, "w") as f:
        f.write(text + "\n")
    try:
        return run(["nfnl_osf", "-f", path] + (["-d"] if delete else []), check=not delete)
    finally:
        os.unlink(path)


COOKIE_FIELDS = ("ack_cookie", "tsecr_cookie", "tsval_cookie")


def last_synack(results):
    """The last SYN-ACK fw sent (SYNPROXY's carries its cookies) as raw bytes, or None."""
    for r in reversed(results):
        for e in reversed(r["emitted"]):
            flags = e.get("tcp_flags", "")
            if "S" in flags and "A" in flags:
                return bytes.fromhex(e["hex"])
    return None


def timestamp_of(frame):
    """The TSval of a frame's TCP timestamp option, or None."""
    l4 = 14 + (frame[14] & 0x0F) * 4
    end = l4 + (frame[l4 + 12] >> 4) * 4
    i = l4 + 20
    while i < end:
        if frame[i] == 0:
            break
        if frame[i] == 1:
            i += 1
            continue
        if i + 1 >= end or frame[i + 1] < 2:
            break
        if frame[i] == 8 and frame[i + 1] == 10:
            return struct.unpack("!I", frame[i + 2:i + 6])[0]
        i += frame[i + 1]
    return None


def resolve(p, results):
    """A packet with `ack_cookie` acknowledges the last SYN cookie fw sent: its `ack` is that
    SYN-ACK's sequence number plus one (`true`) or plus N (a number); `tsecr_cookie` N and
    `tsval_cookie` N make its timestamps that SYN-ACK's TSval (the timestamp cookie) plus N. Known
    only once the kernel sent it."""
    if not any(k in p for k in COOKIE_FIELDS):
        return p
    synack = last_synack(results)
    if synack is None:
        raise ValueError("ack_cookie: fw sent no SYN-ACK before")
    q = {k: v for k, v in p.items() if k not in COOKIE_FIELDS}
    if "ack_cookie" in p:
        step = 1 if p["ack_cookie"] is True else int(p["ack_cookie"])
        l4 = 14 + (synack[14] & 0x0F) * 4
        q["ack"] = (struct.unpack("!I", synack[l4 + 4:l4 + 8])[0] + step) & 0xFFFFFFFF
    for field, target in (("tsecr_cookie", "tsecr"), ("tsval_cookie", "tsval")):
        if field in p:
            ts = timestamp_of(synack)
            if ts is None:
                raise ValueError("%s: the last SYN-ACK has no timestamp" % field)
            q[target] = (ts + int(p[field])) & 0xFFFFFFFF
    return q


def record(case):
    rules, packets, listen, mode, sets, local_marks, nfacct, osf, sysctls = read_case(case)
    if mode not in ("", "quiet-host", "bridge"):
        raise ValueError("unknown mode %r" % mode)
    frames = [packet.build_frame(p, bridge=(mode == "bridge")) for p in packets]  # fail early on a bad packet
    lab = Lab(quiet=(mode == "quiet-host"), bridge=(mode == "bridge"))
    log_all = None
    kmsg = None
    osf_loaded = False
    try:
        with open(NF_LOG_ALL) as f:
            log_all = f.read().strip()
        write_sysctl("net.netfilter.nf_log_all_netns", 1)
        lab.build()
        if local_marks:
            lab.local_marks(local_marks)
        setns(lab.path("fw"))
        if sets:
            # the sets first: a rule naming a set can only be loaded once the set exists
            run(["ipset", "restore"], stdin=sets + "\n")
        for line in nfacct.splitlines():
            # the accounting objects too: a rule naming one can only be loaded once it exists
            if line.strip():
                run(["nfacct"] + line.split())
        if osf:
            osf_loaded = True
            osf_fingerprints(osf, delete=False)
        run(["iptables-legacy-restore", "-w"], stdin=rules)
        for line in sysctls.splitlines():
            # fw's own settings (net.netfilter.nf_conntrack_tcp_loose=0), once the ruleset loaded conntrack
            if line.strip():
                name, value = line.split("=", 1)
                write_sysctl(name.strip(), value.strip())
        if listen:
            lab.listen(listen)
        setns(lab.path("fw"))
        kmsg = Kmsg()
        time.sleep(0.05)
        results = []
        for i, (p, (where, data)) in enumerate(zip(packets, frames)):
            lab.drain()
            kmsg.read()
            before = save()
            if any(k in p for k in COOKIE_FIELDS):
                where, data = packet.build_frame(resolve(p, results), bridge=(mode == "bridge"))
            t0 = time.monotonic()
            lab.send(where, data, p)
            emitted = lab.capture(t0 + WINDOW)
            after = save()
            matched, policy = diff_save(before, after)
            results.append({"index": i, "packet": p, "matched": matched, "policy": policy,
                            "emitted": emitted, "log": kmsg.read(), "conntrack": conntrack(),
                            "expect": expectations()})
        final = save()
        result = {"backend": "legacy", "rules": rules, "packets": results, "final_save": final}
        if sets:
            result["sets"] = sets + "\n"
            result["final_sets"] = run(["ipset", "save"]).stdout
        if nfacct:
            result["nfacct"] = nfacct + "\n"
            result["final_nfacct"] = run(["nfacct", "list"]).stdout
        if osf:
            result["osf"] = osf + "\n"
        return result
    finally:
        if osf_loaded:
            osf_fingerprints(osf, delete=True)
        if kmsg:
            kmsg.close()
        lab.destroy()
        if log_all is not None:
            try:
                lab.back()
                write_sysctl("net.netfilter.nf_log_all_netns", log_all)
            except OSError:
                pass


def _die(signum, _frame):
    raise SystemExit(128 + signum)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case", help="case directory (ruleset.rules, packets.jsonl, listen, mode, sets, nfacct, osf, local-marks)")
    ap.add_argument("-o", "--output", help="kernel.json to write (default: stdout)")
    args = ap.parse_args()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _die)
    os.makedirs(os.path.dirname(LOCK), exist_ok=True)
    # one recording at a time on a machine: the kernel log and nf_log_all_netns are shared
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = record(args.case)
    text = json.dumps(result, indent=1)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
