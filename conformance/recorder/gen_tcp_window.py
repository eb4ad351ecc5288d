#!/usr/bin/env python3
"""Writes conformance/cases/ct-tcp-window/packets.jsonl to stdout (TCP window-scale options as `ip` hex)."""
import json, struct, sys
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from packet import build_ip, checksum

def with_tcp_opts(p, opts):
    """p's TCP packet with these TCP options (padded to 4 bytes); checksums redone."""
    ip = bytearray(build_ip(p))
    opts = opts + b"\x00" * (-len(opts) % 4)
    tcp = bytearray(ip[20:40]) + opts + ip[40:]
    tcp[12] = ((20 + len(opts)) // 4) << 4
    tcp[16:18] = b"\0\0"
    hdr = bytearray(ip[:20])
    hdr[2:4] = struct.pack("!H", 20 + len(tcp))
    hdr[10:12] = b"\0\0"
    hdr[10:12] = struct.pack("!H", checksum(bytes(hdr)))
    pseudo = bytes(hdr[12:20]) + struct.pack("!BBH", 0, 6, len(tcp))
    tcp[16:18] = struct.pack("!H", checksum(pseudo + bytes(tcp)))
    return (bytes(hdr) + bytes(tcp)).hex()

WS = lambda s: b"\x01\x03\x03" + bytes([s])   # NOP, window scale
A, B = "198.18.0.2", "198.18.1.2"
out = []
def P(**kw): out.append(kw)
def H(where, p, opts): out.append({"in": where, "ip": with_tcp_opts(p, opts)})
# flow 1, no window scaling: server window 1000
P(src=A, dst=B, sport=43000, dport=80, seq=1000)
P(src=B, dst=A, sport=80, dport=43000, flags="SA", seq=5000, ack=1001, window=1000, **{"in": "eth1"})
P(src=A, dst=B, sport=43000, dport=80, flags="A", seq=1001, ack=5001)
P(src=A, dst=B, sport=43000, dport=80, flags="PA", seq=1001, ack=5001, len=100)
P(src=A, dst=B, sport=43000, dport=80, flags="PA", seq=1101, ack=5001, len=100)   # in window (900 left)
P(src=A, dst=B, sport=43000, dport=80, flags="PA", seq=51001, ack=5001, len=100)  # far past the window
P(src=A, dst=B, sport=43000, dport=80, flags="PA", seq=1201, ack=105001, len=10)  # acks data never sent
P(src=A, dst=B, sport=43000, dport=80, flags="PA", seq=1001, ack=5001, len=100)   # old retransmit
P(src=B, dst=A, sport=80, dport=43000, flags="A", seq=5001, ack=1201, window=1000, **{"in": "eth1"})
P(src=A, dst=B, sport=43000, dport=80, flags="R", seq=900001)                      # RST out of window
P(src=A, dst=B, sport=43000, dport=80, flags="PA", seq=1201, ack=5001, len=10)    # still tracked
# flow 2, window scaling 7 on both sides: server window 100 << 7 = 12800
H("eth0", dict(src=A, dst=B, sport=43001, dport=80, seq=2000), WS(7))
H("eth1", dict(src=B, dst=A, sport=80, dport=43001, flags="SA", seq=7000, ack=2001, window=100), WS(7))
P(src=A, dst=B, sport=43001, dport=80, flags="A", seq=2001, ack=7001, window=500)
P(src=A, dst=B, sport=43001, dport=80, flags="PA", seq=12001, ack=7001, window=500, len=100)  # past 100, inside 12800
P(src=A, dst=B, sport=43001, dport=80, flags="PA", seq=22001, ack=7001, window=500, len=100)  # past 12800
# flow 3, only the SYN has window scale: scaling off, server window 100 is 100 bytes
H("eth0", dict(src=A, dst=B, sport=43002, dport=80, seq=3000), WS(7))
P(src=B, dst=A, sport=80, dport=43002, flags="SA", seq=8000, ack=3001, window=100, **{"in": "eth1"})
P(src=A, dst=B, sport=43002, dport=80, flags="A", seq=3001, ack=8001)
P(src=A, dst=B, sport=43002, dport=80, flags="PA", seq=5001, ack=8001, len=100)   # past 100 bytes
for p in out:
    print(json.dumps(p, separators=(",", ":")))
