#!/usr/bin/env python3
"""Writes the inputs of the connection-tracking helper cases (branch live-cthelper) into
conformance/cases/<name>/.

    make_cases6.py [CASES_DIR]

Same helpers and output as make_cases.py; it never touches a case's kernel.json. The FTP control
connections carry their commands and replies as `data` (text); `Tcp` keeps each side's sequence
numbers so that conntrack's window tracking accepts every segment.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_cases as mc  # noqa: E402
from make_cases import P  # noqa: E402

mc.CASES.clear()
case = mc.case
CLIENT, SERVER = "198.18.0.2", "198.18.1.2"


class Tcp:
    """One TCP connection between a side on eth0 and one on eth1, with both sides' sequence numbers."""

    def __init__(self, a, aport, b, bport, a_isn, b_isn, a_in="eth0"):
        self.addr = {"a": a, "b": b}
        self.port = {"a": aport, "b": bport}
        self.seq = {"a": a_isn, "b": b_isn}
        self.where = {"a": a_in, "b": "eth1" if a_in == "eth0" else "eth0"}
        # where each side's packets go (another address than the other side's own behind NAT), and
        # how far NAT's rewrites moved a side's numbers as the other side sees them (its acks)
        self.to = {"a": b, "b": a}
        self.shift = {"a": 0, "b": 0}

    def _p(self, side, flags, data=None, seq=None):
        other = "b" if side == "a" else "a"
        p = {"in": self.where[side], "src": self.addr[side], "dst": self.to[side],
             "sport": self.port[side], "dport": self.port[other], "flags": flags,
             "seq": self.seq[side] if seq is None else seq}
        if "A" in flags:
            p["ack"] = self.seq[other] + self.shift[other]
        if data is not None:
            p["data"] = data
        return p

    def syn(self, side):
        p = self._p(side, "S")
        self.seq[side] += 1
        return p

    def synack(self, side):
        p = self._p(side, "SA")
        self.seq[side] += 1
        return p

    def ack(self, side):
        return self._p(side, "A")

    def send(self, side, data):
        """A data segment; the side's sequence number moves on by its length."""
        p = self._p(side, "PA", data)
        self.seq[side] += len(data)
        return p

    def resend(self, side, data, back):
        """A segment starting {back} bytes before the side's next sequence number (a retransmission)."""
        p = self._p(side, "PA", data, seq=self.seq[side] - back)
        self.seq[side] = self.seq[side] - back + len(data)
        return p

    def lost(self, side, data):
        """A segment the kernel will drop: the side's sequence number stays where it was."""
        return self._p(side, "PA", data)

    def rst(self, side):
        return self._p(side, "R")

    def handshake(self):
        return [self.syn("a"), self.synack("b"), self.ack("a")]


def port_args(port):
    return "%d,%d" % (port >> 8, port & 0xFF)


# --- FTP, no NAT: PORT, PASV, EPRT, EPSV; partial, malformed, off-line commands ---------------

ctl = Tcp(CLIENT, 40000, SERVER, 21, 1000, 5000)
pkts = ctl.handshake() + [
    ctl.send("b", "220 jpt\r\n"),                   # the first line each way is never parsed
    ctl.send("a", "USER a\r\n"),
    ctl.send("b", "331 p\r\n"),
    ctl.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40001)),
    ctl.send("b", "200 ok\r\n"),
]
active = Tcp(SERVER, 20, CLIENT, 40001, 9000, 7000, a_in="eth1")
pkts += active.handshake() + [active.send("a", "hello\r\n")]
pkts += [
    ctl.send("a", "PASV\r\n"),
    ctl.send("b", "227 Entering Passive Mode (198,18,1,2,%s).\r\n" % port_args(30001)),
]
passive = Tcp(CLIENT, 40002, SERVER, 30001, 11000, 13000)
pkts += [passive.syn("a"), passive.synack("b"),
         P(src=CLIENT, dst=SERVER, sport=40003, dport=30001, seq=500)]  # the expectation is spent
pkts += [
    ctl.send("a", "EPRT |1|198.18.0.2|40004|\r\n"),
    ctl.send("b", "200 ok\r\n"),
    ctl.send("a", "EPSV\r\n"),
    # one expectation per FTP master: this one evicts EPRT's
    ctl.send("b", "229 Entering Extended Passive Mode (|||30002|)\r\n"),
    P(in_="eth1", src=SERVER, dst=CLIENT, sport=20, dport=40004, seq=600),
    P(src=CLIENT, dst=SERVER, sport=40005, dport=30002, seq=700),
    # a command cut short is dropped (the helper never reassembles), its whole resend passes
    ctl.lost("a", "PORT 198,18,0,2,156"),
    ctl.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40006)),
    P(in_="eth1", src=SERVER, dst=CLIENT, sport=20, dport=40006, seq=800),
    # a number over 255 is as bad as a cut command: dropped
    ctl.lost("a", "PORT 300,18,0,2,%s\r\n" % port_args(40007)),
    ctl.send("b", "200 ok\r\n"),
    # a segment that does not start a line is not looked at
    ctl.send("a", "NOOP"),
    ctl.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40008)),
    P(in_="eth1", src=SERVER, dst=CLIENT, sport=20, dport=40008, seq=900),
    # another address than the client's: not expected (nf_conntrack_ftp's loose=0)
    ctl.send("a", "PORT 198,18,0,9,%s\r\n" % port_args(40009)),
    # the verb in lower case
    ctl.send("a", "port 198,18,0,2,%s\r\n" % port_args(40010)),
    P(in_="eth1", src=SERVER, dst=CLIENT, sport=20, dport=40010, seq=1100),
    # no range check: 454 is 198 + 256, which the 32-bit sum carries out of the address
    ctl.send("a", "PORT 454,18,0,2,%s\r\n" % port_args(40013)),
    P(in_="eth1", src=SERVER, dst=CLIENT, sport=20, dport=40013, seq=1400),
    # 229's port is a 16-bit sum: 95539 is 30003 + 65536
    ctl.send("a", "EPSV\r\n"),
    ctl.send("b", "229 Extended Passive Mode OK (!!!95539!)\r\n"),
    P(src=CLIENT, dst=SERVER, sport=40014, dport=30003, seq=1500),
    # 227 without parentheses: the numbers start at the first digit
    ctl.send("a", "PASV\r\n"),
    ctl.send("b", "227 =198,18,1,2,%s\r\n" % port_args(30004)),
    P(src=CLIENT, dst=SERVER, sport=40015, dport=30004, seq=1600),
    # a 227 whose numbers run to the end of the segment is cut short: dropped
    ctl.send("a", "PASV\r\n"),
    ctl.lost("b", "227 Entering Passive Mode (198,18,1,2,117,53"),
    # a short segment that may be the start of a verb is cut short too
    ctl.lost("a", "EP"),
    ctl.send("a", "HELP\r\n"),
]
# the data connection got no helper of its own: a PORT on it expects nothing
pkts += [active.send("a", "PORT 198,18,1,2,%s\r\n" % port_args(40012)),
         P(src=CLIENT, dst=SERVER, sport=41000, dport=40012, seq=1200)]
# the master's expectations die with it: a reset, then a SYN that reopens the same tuple
pkts += [
    ctl.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40011)),
    ctl.rst("a"),
    P(src=CLIENT, dst=SERVER, sport=40000, dport=21, seq=50000),
    P(in_="eth1", src=SERVER, dst=CLIENT, sport=20, dport=40011, seq=1300),
]
for p in pkts:
    if "in_" in p:
        p["in"] = p.pop("in_")

case("helper-ftp", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 21 -j CT --helper ftp
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m helper --helper ftp
-A FORWARD -m helper --helper ftp-21
-A FORWARD -m helper --helper tftp
-A FORWARD -m helper ! --helper ftp
-A FORWARD -m helper --helper ""
-A FORWARD -m conntrack --ctstatus EXPECTED
-A FORWARD -m conntrack --ctstate RELATED
-A FORWARD -m state --state RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -p tcp -m tcp --dport 21 -m state --state NEW -j ACCEPT
COMMIT
""", pkts)


# --- TFTP, no NAT: read and write requests, the transfer from another port ---------------------

TFTP_SERVER = SERVER
rrq = "\x00\x01file.txt\x00octet\x00"
wrq = "\x00\x02up.txt\x00octet\x00"


def udp(src, sport, dst, dport, data, where="eth0"):
    return {"in": where, "proto": "udp", "src": src, "sport": sport, "dst": dst, "dport": dport, "data": data}


case("helper-tftp", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p udp -m udp --dport 69 -j CT --helper tftp
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m helper --helper tftp
-A FORWARD -m helper --helper ftp
-A FORWARD -m helper ! --helper tftp
-A FORWARD -m conntrack --ctstate RELATED -m conntrack --ctstatus EXPECTED
-A FORWARD -m state --state RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -p udp -m udp --dport 69 -j ACCEPT
COMMIT
""", [
    udp(CLIENT, 40010, TFTP_SERVER, 69, rrq),                  # expects the transfer at once
    udp(TFTP_SERVER, 50000, CLIENT, 40010, "\x00\x03\x00\x01hello", "eth1"),
    udp(CLIENT, 40010, TFTP_SERVER, 50000, "\x00\x04\x00\x01"),
    udp(TFTP_SERVER, 50001, CLIENT, 40010, "\x00\x03\x00\x01again", "eth1"),  # spent: dropped
    udp(CLIENT, 40010, TFTP_SERVER, 69, rrq),                  # the same request again
    udp(TFTP_SERVER, 50002, CLIENT, 40010, "\x00\x03\x00\x01hello", "eth1"),
    udp(CLIENT, 40011, TFTP_SERVER, 69, wrq),
    udp(CLIENT, 40011, TFTP_SERVER, 69, wrq),                  # a resend replaces the expectation
    udp(TFTP_SERVER, 50003, CLIENT, 40011, "\x00\x04\x00\x00", "eth1"),
    udp(CLIENT, 40012, TFTP_SERVER, 69, "\x00\x05\x00\x01oops\x00"),  # an error: nothing expected
    udp(TFTP_SERVER, 50004, CLIENT, 40012, "\x00\x03\x00\x01", "eth1"),
    udp(CLIENT, 40013, TFTP_SERVER, 69, "\x01"),              # too short to have an opcode
    udp(CLIENT, 40014, TFTP_SERVER, 69, rrq),
    udp(CLIENT, 40014, TFTP_SERVER, 69, wrq),                  # one per master: the first is evicted
    udp(TFTP_SERVER, 50005, CLIENT, 40014, "\x00\x03\x00\x01", "eth1"),
    udp(TFTP_SERVER, 50006, CLIENT, 40014, "\x00\x03\x00\x01", "eth1"),
    # an expected connection's first packet can be anything that gets there: a reply to the request
    udp(TFTP_SERVER, 69, CLIENT, 40015, "\x00\x03", "eth1"),
    udp(CLIENT, 40015, TFTP_SERVER, 69, rrq),
    udp(TFTP_SERVER, 69, CLIENT, 40015, "\x00\x05\x00\x01", "eth1"),
])


# --- FTP to and from fw itself: INPUT and OUTPUT; fw's own stack kept quiet --------------------

FW = "198.18.0.1"
ctl = Tcp(CLIENT, 40000, FW, 21, 2000, 8000)
ctl.where["b"] = "host"
pkts = ctl.handshake() + [
    ctl.send("b", "220 fw\r\n"),
    ctl.send("a", "USER a\r\n"),
    ctl.send("b", "331 p\r\n"),
    ctl.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40001)),
    ctl.send("b", "200 ok\r\n"),
]
active = Tcp(FW, 20, CLIENT, 40001, 9000, 7000)
active.where = {"a": "host", "b": "eth0"}
pkts += [active.syn("a"), active.synack("b"), active.ack("a"), active.send("a", "listing\r\n")]
pkts += [
    ctl.send("a", "PASV\r\n"),
    ctl.send("b", "227 Entering Passive Mode (198,18,0,1,%s)\r\n" % port_args(30001)),
]
passive = Tcp(CLIENT, 40002, FW, 30001, 11000, 13000)
passive.where["b"] = "host"
pkts += [passive.syn("a"), passive.synack("b"), passive.ack("a"),
         P(src=CLIENT, dst=FW, sport=40003, dport=30001, seq=500)]
pkts += [
    ctl.send("a", "EPSV\r\n"),
    ctl.send("b", "229 Entering Extended Passive Mode (|||30002|)\r\n"),
    P(src=CLIENT, dst=FW, sport=40004, dport=30002, seq=600),
    # the server's reply cut short: fw's own packet dropped at POSTROUTING, after OUTPUT counted it
    ctl.lost("b", "229 Entering Extended Passive Mode (|||30003"),
]

case("helper-ftp-local", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 21 -j CT --helper ftp
COMMIT
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT DROP [0:0]
-A INPUT -m helper --helper ftp
-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
-A INPUT -p tcp -m tcp --dport 21 -m state --state NEW -j ACCEPT
-A OUTPUT -m helper --helper ftp
-A OUTPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
COMMIT
""", pkts, mode="quiet-host")

# --- the first CT target a packet meets is the one that counts -----------------------------------

ctl = Tcp(CLIENT, 40000, SERVER, 21, 3000, 6000)
pkts = ctl.handshake() + [
    ctl.send("b", "220 jpt\r\n"),
    ctl.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40001)),
    ctl.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40002)),
]
ctl2 = Tcp(CLIENT, 40100, SERVER, 2121, 4000, 9000)
pkts += ctl2.handshake() + [
    ctl2.send("b", "220 jpt\r\n"),
    ctl2.send("a", "USER a\r\n"),
    ctl2.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40101)),
    P(src=CLIENT, dst=SERVER, sport=40200, dport=2222, seq=100),
    P(src=CLIENT, dst=SERVER, sport=40201, dport=2323, seq=100),
]

case("helper-ct-template", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 21 -j CT --helper ftp
-A PREROUTING -p tcp -m tcp --dport 21 -j CT --zone 7
-A PREROUTING -p tcp -m tcp --dport 2121 -j CT --zone 5
-A PREROUTING -p tcp -m tcp --dport 2121 -j CT --helper ftp
-A PREROUTING -p tcp -m tcp --dport 2222 -j CT --helper ftp
-A PREROUTING -p tcp -m tcp --dport 2222 -j NOTRACK
-A PREROUTING -p tcp -m tcp --dport 2323 -j CT --notrack
-A PREROUTING -p tcp -m tcp --dport 2323 -j CT --helper ftp
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m state --state UNTRACKED
-A FORWARD -m conntrack --ctstate NEW
COMMIT
""", pkts)


# --- FTP through SNAT: nf_nat_ftp rewrites the client's addresses, seqadj moves the numbers ------

INSIDE, OUTSIDE, PUBLIC = "198.18.1.2", "203.0.113.5", "203.0.113.1"
ctl = Tcp(INSIDE, 40000, OUTSIDE, 21, 1000, 5000, a_in="eth1")
ctl.to["b"] = PUBLIC
pkts = ctl.handshake() + [
    ctl.send("b", "220 jpt\r\n"),
    ctl.send("a", "USER a\r\n"),
    ctl.send("b", "331 p\r\n"),
    # 198,18,1,2 becomes 203,0,113,1: one byte longer, the client's numbers move on by one
    ctl.send("a", "PORT 198,18,1,2,%s\r\n" % port_args(40001)),
]
ctl.shift["a"] += 1  # the server saw one byte more
pkts += [
    ctl.send("b", "200 ok\r\n"),
]
active = Tcp(OUTSIDE, 20, PUBLIC, 40001, 9000, 7000, a_in="eth0")
pkts += [active.syn("a")]
pkts += [
    P(in_="eth1", src=INSIDE, dst=OUTSIDE, sport=40001, dport=20, flags="SA", seq=7000, ack=9001),
    ctl.send("a", "PASV\r\n"),
    ctl.send("b", "227 Entering Passive Mode (203,0,113,5,%s).\r\n" % port_args(30001)),
    P(in_="eth1", src=INSIDE, dst=OUTSIDE, sport=40002, dport=30001, seq=11000),
    ctl.resend("a", "PASV\r\n", 6),                   # a resend from after the correction: +1
    ctl.send("a", "EPRT |1|198.18.1.2|40004|\r\n"),    # one byte longer again: two in all
]
ctl.shift["a"] += 1
pkts += [
    ctl.send("b", "200 ok\r\n"),
    # resends from before the last correction get the offset before it: +1, even the USER line
    # that went before any correction (the kernel remembers only the last position)
    ctl._p("a", "PA", "PASV\r\n", seq=1033),
    ctl._p("a", "PA", "USER a\r\n", seq=1001),
    P(in_="eth0", src=OUTSIDE, dst=PUBLIC, sport=20, dport=40004, seq=12000),
    ctl.send("a", "EPSV\r\n"),
    ctl.send("b", "229 Entering Extended Passive Mode (|||30002|)\r\n"),
    P(in_="eth1", src=INSIDE, dst=OUTSIDE, sport=40005, dport=30002, seq=13000),
    ctl.ack("b"),
    ctl.send("a", "QUIT\r\n"),
    ctl.ack("b"),
]
for p in pkts:
    if "in_" in p:
        p["in"] = p.pop("in_")

case("helper-ftp-snat", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 21 -j CT --helper ftp
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p tcp
-A POSTROUTING -o eth0 -p tcp
-A POSTROUTING -o eth0 -j SNAT --to-source 203.0.113.1
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m helper --helper ftp
-A FORWARD -m conntrack --ctstate SNAT
-A FORWARD -m conntrack --ctstate DNAT
-A FORWARD -m state --state RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -p tcp -m tcp --dport 21 -m state --state NEW -j ACCEPT
COMMIT
""", pkts)

# --- FTP to a server behind DNAT: the 227 and the active data connection follow the master ------

CLIENT2, PUBLIC2, SERVER2 = "198.18.0.2", "203.0.113.10", "198.18.1.2"
ctl = Tcp(CLIENT2, 40000, PUBLIC2, 21, 2000, 6000)
pkts = [ctl.syn("a"),
        P(in_="eth1", src=SERVER2, dst=CLIENT2, sport=21, dport=40000, flags="SA", seq=6000, ack=2001),
        ctl.ack("a")]
ctl.seq["b"] = 6001
srv = lambda data: dict(P(in_="eth1", src=SERVER2, dst=CLIENT2, sport=21, dport=40000, flags="PA",
                         seq=ctl.seq["b"], ack=ctl.seq["a"], data=data))


def from_server(data):
    p = srv(data)
    ctl.seq["b"] += len(data)
    return p


pkts += [
    from_server("220 jpt\r\n"),
    ctl.send("a", "USER a\r\n"),
    from_server("331 p\r\n"),
    ctl.send("a", "PASV\r\n"),
    # 198,18,1,2 becomes 203,0,113,10: two bytes longer, the server's numbers move on by two
    from_server("227 Entering Passive Mode (198,18,1,2,%s).\r\n" % port_args(30001)),
]
ctl.shift["b"] += 2  # the client saw two bytes more
pkts += [
    P(src=CLIENT2, dst=PUBLIC2, sport=40002, dport=30001, seq=11000),
    P(in_="eth1", src=SERVER2, dst=CLIENT2, sport=30001, dport=40002, flags="SA", seq=15000, ack=11001),
    ctl.send("a", "PORT 198,18,0,2,%s\r\n" % port_args(40001)),
    from_server("200 ok\r\n"),
    P(in_="eth1", src=SERVER2, dst=CLIENT2, sport=20, dport=40001, seq=16000),
    P(src=CLIENT2, dst=PUBLIC2, sport=40001, dport=20, flags="SA", seq=17000, ack=16001),
    ctl.send("a", "EPSV\r\n"),
    from_server("229 Entering Extended Passive Mode (|||30002|)\r\n"),
    P(src=CLIENT2, dst=PUBLIC2, sport=40003, dport=30002, seq=18000),
    ctl.ack("a"),
]
for p in pkts:
    if "in_" in p:
        p["in"] = p.pop("in_")

case("helper-ftp-dnat", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p tcp -m tcp --dport 21 -j CT --helper ftp
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 203.0.113.10/32 -p tcp -m tcp --dport 21 -j DNAT --to-destination 198.18.1.2
-A PREROUTING -p tcp
-A POSTROUTING -p tcp
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m helper --helper ftp
-A FORWARD -m conntrack --ctstate SNAT
-A FORWARD -m conntrack --ctstate DNAT
-A FORWARD -m state --state RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -p tcp -m tcp --dport 21 -m state --state NEW -j ACCEPT
COMMIT
""", pkts)

# --- TFTP through SNAT to another port: nf_nat_tftp sends the transfer back to the client's port --

case("helper-tftp-snat", """
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -p udp -m udp --dport 69 -j CT --helper tftp
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -p udp
-A POSTROUTING -o eth0 -p udp -j SNAT --to-source 203.0.113.1:50000
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m helper --helper tftp
-A FORWARD -m conntrack --ctstate SNAT
-A FORWARD -m conntrack --ctstate DNAT
-A FORWARD -m state --state RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -p udp -m udp --dport 69 -j ACCEPT
COMMIT
""", [
    udp(INSIDE, 40010, OUTSIDE, 69, rrq, "eth1"),
    udp(OUTSIDE, 41000, PUBLIC, 50000, "\x00\x03\x00\x01hello", "eth0"),
    udp(INSIDE, 40010, OUTSIDE, 41000, "\x00\x04\x00\x01", "eth1"),
    udp(OUTSIDE, 41001, PUBLIC, 50000, "\x00\x03\x00\x01again", "eth0"),
])

if __name__ == "__main__":
    mc.main()
