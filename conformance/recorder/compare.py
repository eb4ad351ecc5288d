#!/usr/bin/env python3
"""Compare two kernel.json recordings of the same case (e.g. a re-recording with the shipped one).

    compare.py EXPECTED.json ACTUAL.json [-v]
    compare.py --dirs EXPECTED_DIR ACTUAL_DIR [-v]   (every CASE/kernel.json or CASE.json pair)

Prints one line per case: how many packets agree in every field, and per field; with -v, every
difference. Exits 1 when something differs.

What is random in a recording, and so left out of the comparison:
- `emitted` frames that fw's own stack or REJECT made: TTL 64 where the packet was not `in: host`
  (a forwarded copy leaves with the packet's TTL less one; a packet sent with TTL 65 is skipped):
  - ICMP: the IP ID and with it the IP header checksum (the kernel picks IDs at random);
  - TCP with ACK and without RST (SYN-ACKs and later segments of fw's own connections): the
    sequence number (random ISN), the TCP checksum (a full one depends on it; a CHECKSUM_PARTIAL
    one, as captured on veth, holds only the pseudo-header sum and does not), and the timestamp
    option's values.
  RSTs (REJECT's tcp-reset, the stack's RST for a closed port) take their numbers from the packet
  and are compared whole.
- in a recording whose packets acknowledge SYN cookies (`ack_cookie`): every TCP sequence or
  acknowledgement number of an emitted frame within 4096 above the recording's own last cookie
  (the sequence number of the last SYN-ACK fw sent) is written relative to it, first, and every
  timestamp value within 4096 above its timestamp cookie (that SYN-ACK's TSval) likewise.
- `log` lines of such packets (`IN=` empty, or `IN=lo` for REJECT's answers to fw's own packets):
  ICMP's `ID=` and, for TCP with ACK and without RST, `SEQ=`.
- `conntrack`: the timeouts (they count down in real time) and the order of the lines (the
  kernel's hash order is seeded at random); `expect` (/proc/net/nf_conntrack_expect) the same.
- `matched` and `policy`: the order of the list (it is not meaningful).
- `final_save`: its `#` comment lines (they carry the date).
"""

import argparse
import json
import os
import re
import struct
import sys

FIELDS = ("matched", "policy", "emitted", "log", "conntrack", "expect")


def _mask(hexstr, start, length):
    return hexstr[:start * 2] + "_" * (length * 2) + hexstr[(start + length) * 2:]


def sent_ttl(pkt):
    """The TTL of the packet as sent (forwarded copies leave with one less)."""
    for key, skip in (("ip", 0), ("frame", 14)):
        if key in pkt:
            raw = bytes.fromhex(pkt[key])
            return raw[skip + 8] if len(raw) > skip + 8 else None
    return pkt.get("ttl", 64)


def normalize_frame(e, pkt):
    """Masks what is random in a frame fw's stack or REJECT made: one with TTL 64 while the packet
    was not sent by the host and would have been forwarded with another TTL."""
    e = dict(e)
    if pkt.get("in") == "host" or e.get("ttl") != 64 or sent_ttl(pkt) == 65:
        return e
    raw = bytes.fromhex(e["hex"])
    h = e["hex"]
    ip = 14
    if len(raw) < ip + 20:
        return e
    ihl = (raw[ip] & 0x0F) * 4
    l4 = ip + ihl
    if e.get("proto") == 1:
        h = _mask(h, ip + 4, 2)    # IP ID
        h = _mask(h, ip + 10, 2)   # IP header checksum
    elif e.get("proto") == 6 and len(raw) >= l4 + 20:
        flags = raw[l4 + 13]
        if flags & 0x10 and not flags & 0x04:
            e["seq"] = None
            h = _mask(h, l4 + 4, 4)    # sequence number
            h = _mask(h, l4 + 16, 2)   # TCP checksum
            off = (raw[l4 + 12] >> 4) * 4
            i = l4 + 20
            while i < min(l4 + off, len(raw)):
                kind = raw[i]
                if kind == 0:
                    break
                if kind == 1:
                    i += 1
                    continue
                if i + 1 >= len(raw) or raw[i + 1] < 2:
                    break
                if kind == 8:
                    h = _mask(h, i + 2, 8)  # TSval, TSecr
                i += raw[i + 1]
    e["hex"] = h
    return e


def normalize_ct(lines):
    return sorted(re.sub(r"^(ipv4\s+\d+\s+\S+\s+\d+\s+)\d+", r"\1T", x) for x in lines)


def normalize_expect(lines):
    return sorted(re.sub(r"^-?\d+ ", "T ", x) for x in lines)


def normalize(field, value, pkt):
    if field in ("matched", "policy"):
        return sorted(value, key=lambda m: json.dumps(m, sort_keys=True))
    if field == "conntrack":
        return normalize_ct(value)
    if field == "expect":
        return normalize_expect(value)
    if field == "emitted":
        return [normalize_frame(e, pkt) for e in value]
    if field == "log":
        own = sent_ipid(pkt) if pkt.get("in") == "host" else None
        return [normalize_log(line, pkt.get("in") == "host", own) for line in value]
    return value


def sent_ipid(pkt):
    """The IP ID of a packet as sent (None when the kernel picks it: an `ip` hex with ID 0)."""
    for key, skip in (("ip", 0), ("frame", 14)):
        if key in pkt:
            raw = bytes.fromhex(pkt[key])
            if len(raw) < skip + 6:
                return None
            return struct.unpack("!H", raw[skip + 4:skip + 6])[0] or None
    return pkt.get("ipid", 0x1234) or None


def normalize_log(line, host_packet, own_ipid=None):
    """A LOG line of a packet fw's stack or REJECT made (logged with `IN=` empty, in OUTPUT or
    POSTROUTING, or with `IN=lo` when it was delivered back to fw itself): its IP ID and TCP
    sequence number are random, as in `emitted`. For an `in: host` packet, its own `IN=` lines
    carry its IP ID; an `IN=` line with another ID is an answer of fw's stack to it (e.g. a port
    unreachable for a packet to fw's own address, logged in OUTPUT with `OUT=lo`)."""
    m = re.search(r"(?:^| )IN=(\S*) OUT=", line)
    if not m:
        return line
    if host_packet and m.group(1) == "":
        idm = re.search(r" ID=(\d+) ", line)
        if own_ipid is not None and idm and int(idm.group(1)) == own_ipid:
            return line
    elif m.group(1) not in (("lo",) if host_packet else ("", "lo")):
        return line
    if "PROTO=ICMP" in line:
        line = re.sub(r" ID=\d+ ", " ID=_ ", line, count=1)
    if "PROTO=TCP" in line and " ACK " in line and " RST " not in line:
        line = re.sub(r" SEQ=\d+ ", " SEQ=_ ", line, count=1)
    return line


COOKIE_SPAN = 4096


def timestamp_at(raw, l4):
    """The offset of a TCP timestamp option's TSval, or None."""
    end = min(len(raw), l4 + (raw[l4 + 12] >> 4) * 4)
    i = l4 + 20
    while i < end:
        if raw[i] == 0:
            return None
        if raw[i] == 1:
            i += 1
            continue
        if i + 1 >= end or raw[i + 1] < 2 or i + raw[i + 1] > end:
            return None
        if raw[i] == 8 and raw[i + 1] == 10:
            return i + 2
        i += raw[i + 1]
    return None


def cookie_of(frames, cookie):
    """The sequence number and TSval of the last SYN-ACK among these frames (SYNPROXY's SYN and
    timestamp cookies), else the cookies so far."""
    for e in frames:
        raw = bytes.fromhex(e["hex"])
        if len(raw) < 34 or raw[23] != 6:
            continue
        l4 = 14 + (raw[14] & 0x0F) * 4
        if len(raw) >= l4 + 20 and raw[l4 + 13] & 0x16 == 0x12:
            ts = timestamp_at(raw, l4)
            cookie = (struct.unpack("!I", raw[l4 + 4:l4 + 8])[0],
                      struct.unpack("!I", raw[ts:ts + 4])[0] if ts else None)
    return cookie


def mask_cookie(frames, cookie):
    """Every TCP sequence or acknowledgement number within COOKIE_SPAN above the recording's own
    cookie written relative to it, as jptables conformance does (CookieMask), the TCP checksum
    of such a frame blanked."""
    out = []
    for e in frames:
        raw = bytearray(bytes.fromhex(e["hex"]))
        if cookie is not None and len(raw) >= 34 and raw[23] == 6:
            l4 = 14 + (raw[14] & 0x0F) * 4
            if len(raw) >= l4 + 20:
                e = dict(e)
                fields = [(l4 + 4, "seq", cookie[0]), (l4 + 8, "ack", cookie[0])]
                ts = timestamp_at(raw, l4)
                if ts and cookie[1] is not None:
                    fields += [(ts, "tsval", cookie[1]), (ts + 4, "tsecr", cookie[1])]
                for at, key, base in fields:
                    rel = (struct.unpack("!I", raw[at:at + 4])[0] - base) & 0xFFFFFFFF
                    if rel < COOKIE_SPAN:
                        raw[at:at + 4] = struct.pack("!I", rel)
                        e[key] = "cookie+%d" % rel
                        # a full checksum follows the number (a partial one does not)
                        raw[l4 + 16:l4 + 18] = b"\x00\x00"
                e["hex"] = raw.hex()
        out.append(e)
    return out


def with_cookies_masked(packets):
    """The packets of a recording whose packets acknowledge SYN cookies (`ack_cookie`), with
    each frame's cookie numbers masked; others unchanged."""
    if not any(k in p.get("packet", {}) for p in packets for k in ("ack_cookie", "tsecr_cookie", "tsval_cookie")):
        return packets
    cookie = None
    out = []
    for p in packets:
        cookie = cookie_of(p.get("emitted", []), cookie)
        out.append(dict(p, emitted=mask_cookie(p.get("emitted", []), cookie)))
    return out


def strip_comments(save):
    return "\n".join(line for line in save.splitlines() if not line.startswith("#"))


def compare(exp, act, name, verbose):
    problems = []
    if sorted(exp) != sorted(act):
        problems.append("top-level keys differ: %s vs %s" % (sorted(exp), sorted(act)))
    for key in ("backend", "rules"):
        if exp.get(key) != act.get(key):
            problems.append("%s differs" % key)
    if strip_comments(exp.get("final_save", "")) != strip_comments(act.get("final_save", "")):
        problems.append("final_save differs")
        if verbose:
            problems.append("  expected:\n" + exp.get("final_save", ""))
            problems.append("  actual:\n" + act.get("final_save", ""))
    pe, pa = with_cookies_masked(exp.get("packets", [])), with_cookies_masked(act.get("packets", []))
    if len(pe) != len(pa):
        problems.append("packet count %d vs %d" % (len(pe), len(pa)))
    per_field = {f: 0 for f in FIELDS}
    agree = 0
    for x, y in zip(pe, pa):
        ok = True
        if x.get("packet") != y.get("packet") or x.get("index") != y.get("index"):
            ok = False
            problems.append("packet %s: the packet itself differs" % x.get("index"))
        for f in FIELDS:
            a = normalize(f, x.get(f, []), x.get("packet", {}))
            b = normalize(f, y.get(f, []), y.get("packet", {}))
            if a == b:
                per_field[f] += 1
            else:
                ok = False
                problems.append("packet %s %s:\n  expected %s\n  actual   %s" % (
                    x.get("index"), f, json.dumps(a), json.dumps(b)))
        agree += ok
    n = min(len(pe), len(pa))
    same = not problems
    line = "%s: %s %d/%d packets agree (%s)%s" % (
        name, "OK  " if same else "DIFF", agree, len(pe), ", ".join(
            "%s %d/%d" % (f, per_field[f], n) for f in FIELDS),
        "" if strip_comments(exp.get("final_save", "")) == strip_comments(
            act.get("final_save", "")) else "; final_save differs")
    print(line)
    if verbose:
        for p in problems:
            print("  " + p)
    return same, agree, len(pe)


def load(path):
    with open(path) as f:
        return json.load(f)


def pairs(dir_e, dir_a):
    for name in sorted(os.listdir(dir_e)):
        pe = os.path.join(dir_e, name, "kernel.json")
        if not os.path.isfile(pe):
            continue
        for pa in (os.path.join(dir_a, name, "kernel.json"), os.path.join(dir_a, name + ".json")):
            if os.path.isfile(pa):
                yield name, pe, pa
                break
        else:
            yield name, pe, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("expected")
    ap.add_argument("actual")
    ap.add_argument("--dirs", action="store_true", help="compare case directories")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not args.dirs:
        same, _, _ = compare(load(args.expected), load(args.actual), args.actual, args.verbose)
        sys.exit(0 if same else 1)
    cases = same_cases = packets = agree = 0
    for name, pe, pa in pairs(args.expected, args.actual):
        cases += 1
        if pa is None:
            print("%s: MISSING in %s" % (name, args.actual))
            continue
        same, a, n = compare(load(pe), load(pa), name, args.verbose)
        same_cases += same
        agree += a
        packets += n
    print("%d of %d cases agree; %d of %d packets agree" % (same_cases, cases, agree, packets))
    sys.exit(0 if same_cases == cases else 1)


if __name__ == "__main__":
    main()
