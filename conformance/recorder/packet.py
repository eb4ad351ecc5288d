"""Packets of a conformance case: build them from packets.jsonl objects, summarise emitted frames.

The fields and their defaults are those of the shared conformance README (`packets.jsonl` table).
Python 3 standard library only.
"""

import ipaddress
import struct

MAC_FW = {"eth0": bytes.fromhex("020000000001"), "eth1": bytes.fromhex("020000000101")}
MAC_PEER = {"eth0": bytes.fromhex("020000000002"), "eth1": bytes.fromhex("020000000102")}

PROTOS = {"tcp": 6, "udp": 17, "icmp": 1}
# TCP flag letters in the order of their bits (FIN is bit 0): the order summaries print them in.
FLAG_BITS = [("F", 0x01), ("S", 0x02), ("R", 0x04), ("P", 0x08), ("A", 0x10), ("U", 0x20),
             ("E", 0x40), ("C", 0x80)]
ICMP_ERRORS = (3, 4, 5, 11, 12)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def _addr(a):
    return ipaddress.IPv4Address(a).packed


def proto_number(p):
    if p is None:
        return 6
    if isinstance(p, int):
        return p
    if p in PROTOS:
        return PROTOS[p]
    return int(p)


def tcp_flags(letters):
    bits = 0
    for ch in letters:
        for name, bit in FLAG_BITS:
            if ch == name:
                bits |= bit
                break
        else:
            raise ValueError("unknown TCP flag letter %r" % ch)
    return bits


def flags_letters(bits):
    return "".join(name for name, bit in FLAG_BITS if bits & bit)


def payload_of(p):
    """The bytes after the transport header: `data` (text, each character a byte 0-255) or `len` zeros."""
    if "data" in p:
        if "len" in p:
            raise ValueError("a packet has either `data` or `len`, not both")
        return p["data"].encode("latin-1")
    return bytes(p.get("len", 0))


def build_ip(p):
    """The IPv4 packet (bytes) a packets.jsonl object describes (all checksums correct)."""
    if "ip" in p:
        return bytes.fromhex(p["ip"])
    if "frame" in p:
        return bytes.fromhex(p["frame"])[14:]
    src, dst = _addr(p["src"]), _addr(p["dst"])
    proto = proto_number(p.get("proto", "tcp"))
    payload = payload_of(p)
    if proto == 6:
        opts = b""
        if p.get("mss") is not None:
            opts = struct.pack("!BBH", 2, 4, p["mss"])
        if p.get("sack_perm"):
            opts += bytes([1, 1, 4, 2])
        if "tsval" in p or "tsecr" in p:
            opts += bytes([1, 1, 8, 10]) + struct.pack("!II", p.get("tsval", 0) & 0xFFFFFFFF,
                                                      p.get("tsecr", 0) & 0xFFFFFFFF)
        if "wscale" in p:
            opts += bytes([1, 3, 3, p["wscale"]])
        off = (20 + len(opts)) // 4
        hdr = struct.pack("!HHIIBBHHH", p.get("sport", 40000), p.get("dport", 80),
                          p.get("seq", 1000) & 0xFFFFFFFF, p.get("ack", 0) & 0xFFFFFFFF,
                          off << 4, tcp_flags(p.get("flags", "S")), p.get("window", 64240), 0, 0)
        seg = hdr + opts + payload
        pseudo = src + dst + struct.pack("!BBH", 0, 6, len(seg))
        c = checksum(pseudo + seg)
        l4 = seg[:16] + struct.pack("!H", c) + seg[18:]
    elif proto == 17:
        ulen = 8 + len(payload)
        seg = struct.pack("!HHHH", p.get("sport", 40000), p.get("dport", 53), ulen, 0) + payload
        pseudo = src + dst + struct.pack("!BBH", 0, 17, ulen)
        c = checksum(pseudo + seg) or 0xFFFF
        l4 = seg[:6] + struct.pack("!H", c) + seg[8:]
    elif proto == 1:
        typ, code = p.get("type", 8), p.get("code", 0)
        if "quote" in p:
            rest = struct.pack("!HH", p.get("id", 0), p.get("icmp_seq", 0))
            body = build_ip(p["quote"])[:28] + payload
        else:
            rest = struct.pack("!HH", p.get("id", 1), p.get("icmp_seq", 1))
            body = payload
        msg = struct.pack("!BBH", typ, code, 0) + rest + body
        c = checksum(msg)
        l4 = msg[:2] + struct.pack("!H", c) + msg[4:]
    else:
        l4 = payload
    total = 20 + len(l4)
    frag = 0x4000 if p.get("df", False) else 0
    iph = struct.pack("!BBHHHBBH4s4s", 0x45, p.get("tos", 0), total, p.get("ipid", 0x1234), frag,
                      p.get("ttl", 64), proto, 0, src, dst)
    iph = iph[:10] + struct.pack("!H", checksum(iph)) + iph[12:]
    return iph + l4


# mode "bridge": fw's br0 (198.18.0.1/24, eth0's MAC) bridges src 198.18.0.2 behind eth0 and
# dst 198.18.0.3 behind eth1; fw's default route is via 198.18.0.2.
BRIDGE_ADDRESS = "198.18.0.1"
BRIDGE_MAC = MAC_FW["eth0"]
BRIDGE_NEIGHBOURS = {"198.18.0.2": MAC_PEER["eth0"], "198.18.0.3": MAC_PEER["eth1"]}
BRIDGE_GATEWAY = "198.18.0.2"


def bridge_destination_mac(dst):
    """The MAC a station on the bridged link sends a packet for `dst` to, as jptables' host model
    derives it: br0's for fw's own address and broadcasts, the station's own for a neighbour on the
    link, the gateway's (fw's default route) for any other address."""
    a = ipaddress.IPv4Address(dst)
    if dst in (BRIDGE_ADDRESS, "198.18.0.255", "255.255.255.255") or a.is_multicast or a.is_loopback:
        return BRIDGE_MAC
    return BRIDGE_NEIGHBOURS.get(dst, BRIDGE_NEIGHBOURS[BRIDGE_GATEWAY])


def build_frame(p, bridge=False):
    """(interface, bytes): the Ethernet frame for in eth0/eth1, or the IPv4 packet for in host.
    With `bridge` (mode bridge) the frame is addressed as a station on the bridged link would."""
    where = p.get("in", "eth0")
    if where == "host":
        return where, build_ip(p)
    if where not in MAC_FW:
        raise ValueError("unknown 'in': %r" % where)
    ethertype = b"\x08\x00"
    if "frame" in p:
        if bridge:
            raise ValueError("mode bridge: give the packet by fields or `ip`, not `frame`")
        ethertype = bytes.fromhex(p["frame"])[12:14]
    ip = build_ip(p)
    to = bridge_destination_mac(socket_ntoa(ip[16:20])) if bridge else MAC_FW[where]
    return where, to + MAC_PEER[where] + ethertype + ip


def socket_ntoa(b):
    return str(ipaddress.IPv4Address(bytes(b)))


def _l4_ports(ip, ihl):
    if len(ip) < ihl + 4:
        return None
    return struct.unpack("!HH", ip[ihl:ihl + 4])


def summarize(frame, on):
    """The summary of an emitted Ethernet frame, with the same fields as the shared kernel.json."""
    ip = frame[14:]
    out = {}
    if len(ip) >= 20:
        ihl = (ip[0] & 0x0F) * 4
        proto = ip[9]
        out["src"] = str(ipaddress.IPv4Address(ip[12:16]))
        out["dst"] = str(ipaddress.IPv4Address(ip[16:20]))
        out["proto"] = proto
        out["ttl"] = ip[8]
        out["len"] = struct.unpack("!H", ip[2:4])[0]
        first_fragment = (struct.unpack("!H", ip[6:8])[0] & 0x1FFF) == 0
        if first_fragment and proto in (6, 17):
            ports = _l4_ports(ip, ihl)
            if ports:
                out["sport"], out["dport"] = ports
            if proto == 6 and len(ip) >= ihl + 14:
                seq, ack = struct.unpack("!II", ip[ihl + 4:ihl + 12])
                out["seq"], out["ack"] = seq, ack
                out["tcp_flags"] = flags_letters(ip[ihl + 13])
        elif first_fragment and proto == 1 and len(ip) >= ihl + 2:
            out["icmp_type"], out["icmp_code"] = ip[ihl], ip[ihl + 1]
            inner = ip[ihl + 8:]
            if ip[ihl] in ICMP_ERRORS and len(inner) >= 20:
                out["quoted"] = {"src": str(ipaddress.IPv4Address(inner[12:16])),
                                 "dst": str(ipaddress.IPv4Address(inner[16:20])),
                                 "proto": inner[9]}
    out["hex"] = frame.hex()
    out["on"] = on
    return out
