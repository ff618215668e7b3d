#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink for the REFLECT family, for what scenarios need below reflectctl:
bulk entry loads, dumps while the table churns, and fuzzing the family with malformed messages.

reflectctl is the product; this is test tooling. It takes every constant from the uapi header
(kmod/uapi/reflect.h) at run time, so it cannot drift from the module.

    reflect_nl.py fill N [--ifname eth0] [--static]    add N entries (10.x.y.z / fc00::/16 peers)
    reflect_nl.py dump [--count-only]                   dump the entries, check for duplicates
    reflect_nl.py churn SECONDS                          add and delete entries until time is up
    reflect_nl.py fuzz N [--seed S] [--unprivileged]     N random and mutated requests
    reflect_nl.py config KEY=VALUE...                    SET_CONFIG (keys as reflectctl's)
    reflect_nl.py iface-add NAME | flush | counters      ADD_IFACE, FLUSH, the status counters (JSON)

The last three serve tools/Perf/guest/bench.sh, where reflectctl's start-up (seconds under TCG)
would add minutes of configuration switching to a benchmark run.
"""
import json
import argparse
import errno
import os
import random
import re
import socket
import struct
import sys
import time

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK = 0x1, 0x2, 0x4
NLM_F_DUMP_INTR = 0x10
NLM_F_ROOT, NLM_F_MATCH = 0x100, 0x200
NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH
NLM_F_REPLACE, NLM_F_EXCL, NLM_F_CREATE = 0x100, 0x200, 0x400
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
SOL_NETLINK, NETLINK_EXT_ACK = 270, 11
NLA_F_NESTED = 0x8000

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../kmod/uapi/reflect.h")


def uapi(path=HEADER):
    """The header's enum members and numeric #defines, by name."""
    text = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
    names = {}
    for body in re.findall(r"enum\s+\w+\s*\{(.*?)\}", text, flags=re.S):
        value = 0
        for member in filter(None, (m.strip() for m in body.split(","))):
            name, _, expr = member.partition("=")
            if expr.strip():
                value = int(expr.strip(), 0)
            names[name.strip()] = value
            value += 1
    for name, expr in re.findall(r"#define[ \t]+(\w+)[ \t]+(.+)", text):
        expr = expr.strip()
        if re.fullmatch(r"\(1U << \d+\)", expr):
            names[name] = 1 << int(re.findall(r"\d+", expr)[1])
        elif re.fullmatch(r"\d+", expr):
            names[name] = int(expr)
        elif re.fullmatch(r'"[^"]*"', expr):
            names[name] = expr.strip('"')
        elif re.fullmatch(r"\(__\w+ - 1\)", expr):
            names[name] = names[expr[1:-5]] - 1
    return names


U = uapi()


def attr(kind, payload):
    data = struct.pack("=HH", 4 + len(payload), kind) + payload
    return data + b"\0" * (-len(data) % 4)


def nest(kind, *attrs):
    return attr(kind | NLA_F_NESTED, b"".join(attrs))


def u8(kind, v): return attr(kind, struct.pack("=B", v))
def u16(kind, v): return attr(kind, struct.pack("=H", v))
def u32(kind, v): return attr(kind, struct.pack("=I", v))


def parse_attrs(data):
    out, off = {}, 0
    while off + 4 <= len(data):
        length, kind = struct.unpack_from("=HH", data, off)
        if length < 4 or off + length > len(data):
            raise ValueError(f"bad attribute length {length} at {off}")
        out[kind & ~NLA_F_NESTED] = data[off + 4:off + length]
        off += (length + 3) & ~3
    return out


class Reply:
    def __init__(self, kind, flags, seq, payload):
        self.kind, self.flags, self.seq, self.payload = kind, flags, seq, payload

    @property
    def error(self):
        """0 for an ACK, a negative errno for a refusal (NLMSG_ERROR only)."""
        return struct.unpack_from("=i", self.payload)[0]

    @property
    def extack(self):
        """The extended-ack message of an NLMSG_ERROR, or ""."""
        if self.kind != NLMSG_ERROR or not self.flags & 0x200:  # NLM_F_ACK_TLVS
            return ""
        orig_len = struct.unpack_from("=I", self.payload, 4)[0]
        off = 4 + (16 if self.flags & 0x100 else orig_len)  # NLM_F_CAPPED
        try:
            return parse_attrs(self.payload[(off + 3) & ~3:]).get(1, b"").rstrip(b"\0").decode()
        except ValueError:
            return ""


class Genl:
    def __init__(self, name=U["REFLECT_GENL_NAME"]):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = int(time.time()) & 0xFFFFFF
        self.family = GENL_ID_CTRL
        replies = self.request(CTRL_CMD_GETFAMILY, attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
        self.family = struct.unpack("=H", parse_attrs(replies[0].payload[4:])[CTRL_ATTR_FAMILY_ID][:2])[0]

    def message(self, cmd, payload=b"", flags=NLM_F_REQUEST | NLM_F_ACK, version=1, family=None):
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, 0) + payload
        header = struct.pack("=IHHII", 16 + len(body), self.family if family is None else family,
                             flags, self.seq, 0)
        return self.seq, header + body

    def receive(self):
        data = self.sock.recv(1 << 20)
        off = 0
        while off + 16 <= len(data):
            length, kind, flags, seq, _ = struct.unpack_from("=IHHII", data, off)
            yield Reply(kind, flags, seq, data[off + 16:off + length])
            off += (length + 3) & ~3

    def request(self, cmd, payload=b"", flags=NLM_F_REQUEST | NLM_F_ACK):
        """Replies to one request up to its ACK or NLMSG_DONE; raises OSError on a refusal."""
        seq, msg = self.message(cmd, payload, flags)
        self.sock.send(msg)
        replies = []
        while True:
            for r in self.receive():
                if r.seq != seq:
                    continue
                if r.kind == NLMSG_ERROR:
                    if r.error:
                        raise OSError(-r.error, f"{os.strerror(-r.error)}: {r.extack}")
                    return replies
                if r.kind == NLMSG_DONE:
                    return replies
                replies.append(r)
                if not r.flags & NLM_F_MULTI:
                    if not flags & NLM_F_ACK:
                        return replies

    def pipeline(self, messages, window=256):
        """Sends (seq, bytes) requests with NLM_F_ACK, at most @window unanswered; the errors.

        The requests that fit into the window go in one send(): the kernel handles every
        message of a netlink datagram in turn and acknowledges each. Under TCG a system call
        costs as much as building dozens of messages.
        """
        pending, errors, it = set(), [], iter(messages)
        done = False
        while not done or pending:
            batch = []
            while not done and len(pending) < window:
                try:
                    seq, msg = next(it)
                except StopIteration:
                    done = True
                    break
                batch.append(msg)
                pending.add(seq)
            if batch:
                self.sock.send(b"".join(batch))
            if pending:
                for r in self.receive():
                    if r.kind == NLMSG_ERROR and r.seq in pending:
                        pending.discard(r.seq)
                        if r.error:
                            errors.append((r.seq, r.error, r.extack))
        return errors

    def dump(self, cmd, payload=b""):
        """(messages, interrupted) of one dump."""
        seq, msg = self.message(cmd, payload, NLM_F_REQUEST | NLM_F_DUMP)
        self.sock.send(msg)
        out, intr = [], False
        while True:
            for r in self.receive():
                if r.seq != seq:
                    continue
                intr |= bool(r.flags & NLM_F_DUMP_INTR)
                if r.kind == NLMSG_DONE:
                    return out, intr
                if r.kind == NLMSG_ERROR:
                    raise OSError(-r.error, r.extack)
                out.append(parse_attrs(r.payload[4:]))


def ifindex(name):
    return socket.if_nametoindex(name)


def peer_of(i, family):
    """Peer number i: 10.(100 + i / 65536 % 100).x.y, or fc00:0:(i / 65536)::(i % 65536)."""
    if family == 4:
        return bytes((10, 100 + (i >> 16) % 100, (i >> 8) & 255, i & 255))
    return b"\xfc\0\0\0" + ((i >> 16) & 0xFFFF).to_bytes(2, "big") + bytes(8) + (i & 0xFFFF).to_bytes(2, "big")


def entry_key(i, local4, local6):
    family = 4 if i % 2 == 0 else 6
    return (local4 if family == 4 else local6), peer_of(i // 2, family)


def add_entry(nl, local, peer, index, lladdr, flags, replace=False):
    """An ADD_ENTRY request (replace: REFLECT_A_REPLACE; 6.1+ refuse NLM_F_REPLACE here)."""
    a = [attr(U["REFLECT_ENTRY_A_LOCAL"], local), attr(U["REFLECT_ENTRY_A_PEER"], peer),
         u32(U["REFLECT_ENTRY_A_IFINDEX"], index), attr(U["REFLECT_ENTRY_A_LLADDR"], lladdr)]
    if flags:
        a.append(u32(U["REFLECT_ENTRY_A_FLAGS"], flags))
    payload = nest(U["REFLECT_A_ENTRY"], *a) + (attr(U["REFLECT_A_REPLACE"], b"") if replace else b"")
    return nl.message(U["REFLECT_CMD_ADD_ENTRY"], payload)


def del_entry(nl, local, peer):
    return nl.message(U["REFLECT_CMD_DEL_ENTRY"],
                      nest(U["REFLECT_A_ENTRY"], attr(U["REFLECT_ENTRY_A_LOCAL"], local),
                           attr(U["REFLECT_ENTRY_A_PEER"], peer)))


LOCAL4 = socket.inet_pton(socket.AF_INET, "192.168.50.10")
LOCAL6 = socket.inet_pton(socket.AF_INET6, "fd50::10")
LLADDR = bytes.fromhex("02aabbccdd01")


class Template:
    """A request built once around a marker peer; each copy gets its own peer and sequence number
    (building every request attribute by attribute costs Python most of a fill's time)."""

    def __init__(self, request, marker):
        self.request = request
        self.offset = request.index(marker)
        if request.count(marker) != 1:
            raise ValueError("the marker peer is not unique in the request")

    def make(self, nl, peer):
        nl.seq += 1
        buf = bytearray(self.request)
        struct.pack_into("=I", buf, 8, nl.seq)
        buf[self.offset:self.offset + len(peer)] = peer
        return nl.seq, bytes(buf)


MARKERS = {4: b"\xff\xfe\xfd\xfc", 6: bytes(range(0xF0, 0x100))}


def entry_requests(nl, build, indexes):
    """build(local, peer) -> (seq, request) for the key of each entry number (entry_key)."""
    templates = {family: Template(build(LOCAL4 if family == 4 else LOCAL6, marker)[1], marker)
                 for family, marker in MARKERS.items()}
    for i in indexes:
        family = 4 if i % 2 == 0 else 6
        yield templates[family].make(nl, peer_of(i // 2, family))


def cmd_fill(args):
    nl, index = Genl(), ifindex(args.ifname)
    flags = U["REFLECT_ENTRY_F_STATIC"] if args.static else 0
    start = time.monotonic()
    errors = nl.pipeline(entry_requests(nl, lambda local, peer: add_entry(nl, local, peer, index, LLADDR, flags),
                                        range(args.first, args.first + args.n)))
    print(f"added {args.n - len(errors)} of {args.n} entries in {time.monotonic() - start:.2f} s")
    for seq, err, msg in errors[:5]:
        print(f"  refused: {os.strerror(-err)}: {msg}")
    return 1 if errors else 0


def cmd_dump(args):
    nl = Genl()
    start = time.monotonic()
    messages, intr = nl.dump(U["REFLECT_CMD_GET_ENTRY"])
    took = time.monotonic() - start
    keys = []
    for m in messages:
        e = parse_attrs(m[U["REFLECT_A_ENTRY"]])
        keys.append((e[U["REFLECT_ENTRY_A_LOCAL"]], e[U["REFLECT_ENTRY_A_PEER"]],
                     e.get(U["REFLECT_ENTRY_A_PROTO"]), e.get(U["REFLECT_ENTRY_A_LOCAL_PORT"]),
                     e.get(U["REFLECT_ENTRY_A_PEER_PORT"])))
    duplicates = len(keys) - len(set(keys))
    print(f"entries {len(keys)} duplicates {duplicates} interrupted {int(intr)} seconds {took:.3f}")
    if args.expect is not None:
        wanted = {entry_key(i, LOCAL4, LOCAL6) for i in range(args.expect)}
        got = {(k[0], k[1]) for k in keys}
        missing, extra = len(wanted - got), len(got - wanted)
        print(f"missing {missing} unexpected {extra}")
        if missing or extra:
            return 1
    if args.stable is not None:
        # Entries 0..stable-1 were never touched by the churn: every one must be there.
        wanted = {entry_key(i, LOCAL4, LOCAL6) for i in range(args.stable)}
        missing = len(wanted - {(k[0], k[1]) for k in keys})
        print(f"stable entries missing {missing}")
        if missing:
            return 1
    return 1 if duplicates else 0


def cmd_churn(args):
    """Adds and deletes entries above the stable range until time is up."""
    nl, index = Genl(), ifindex(args.ifname)
    deadline, rounds, base, failed = time.monotonic() + args.seconds, 0, args.first, 0
    while time.monotonic() < deadline:
        batch = range(base + (rounds % 4) * 1000, base + (rounds % 4) * 1000 + 1000)
        errors = nl.pipeline(entry_requests(nl, lambda local, peer: add_entry(nl, local, peer, index, LLADDR, 0, True),
                                            batch))
        # A third of each batch stays until the same batch comes round again.
        errors += nl.pipeline(entry_requests(nl, lambda local, peer: del_entry(nl, local, peer),
                                             [i for i in batch if i % 3]))
        for seq, err, msg in errors[:3]:
            print(f"refused: {os.strerror(-err)}: {msg}")
        failed += len(errors)
        rounds += 1
    print(f"churned {rounds} rounds of 1000 adds and 667 deletes; {failed} refused")
    return 1 if failed else 0


# Commands that change state: refused with EPERM without CAP_NET_ADMIN.
ADMIN = {U[n] for n in ("REFLECT_CMD_SET_CONFIG", "REFLECT_CMD_ADD_IFACE", "REFLECT_CMD_DEL_IFACE",
                        "REFLECT_CMD_FLUSH", "REFLECT_CMD_ADD_SCOPE", "REFLECT_CMD_DEL_SCOPE",
                        "REFLECT_CMD_ADD_ENTRY", "REFLECT_CMD_DEL_ENTRY", "REFLECT_CMD_ADD_NEXTHOP",
                        "REFLECT_CMD_DEL_NEXTHOP")}


def random_attrs(rng, depth=0):
    out = b""
    for _ in range(rng.randrange(0, 6)):
        kind = rng.randrange(0, 20)
        if depth < 2 and rng.random() < 0.3:
            out += nest(kind, random_attrs(rng, depth + 1))
        else:
            out += attr(kind, bytes(rng.randrange(256) for _ in range(rng.choice((0, 1, 2, 4, 6, 8, 16, 17, 40)))))
    return out


def valid_payloads(index):
    """One well-formed request of each command, to mutate."""
    E = U["REFLECT_A_ENTRY"]
    entry = nest(E, attr(U["REFLECT_ENTRY_A_LOCAL"], LOCAL4), attr(U["REFLECT_ENTRY_A_PEER"], peer_of(7, 4)),
                 u32(U["REFLECT_ENTRY_A_IFINDEX"], index), attr(U["REFLECT_ENTRY_A_LLADDR"], LLADDR),
                 u32(U["REFLECT_ENTRY_A_FLAGS"], 1))
    filt = nest(E, attr(U["REFLECT_ENTRY_A_PEER"], peer_of(0, 4)[:3] + b"\0"),
                u8(U["REFLECT_ENTRY_A_PEER_PREFIXLEN"], 24))
    scope = nest(U["REFLECT_A_SCOPE"], u8(U["REFLECT_SCOPE_A_FAMILY"], socket.AF_INET),
                 attr(U["REFLECT_SCOPE_A_ADDR"], socket.inet_pton(socket.AF_INET, "192.168.0.0")),
                 u8(U["REFLECT_SCOPE_A_PREFIXLEN"], 16), u8(U["REFLECT_SCOPE_A_ACTION"], 0))
    config = nest(U["REFLECT_A_CONFIG"], u32(U["REFLECT_CONFIG_A_IDLE_TIMEOUT"], 300),
                  u32(U["REFLECT_CONFIG_A_EVENT_RATE"], 1000), u8(U["REFLECT_CONFIG_A_ENABLED"], 1),
                  u8(U["REFLECT_CONFIG_A_LEARN"], 0), u8(U["REFLECT_CONFIG_A_OUTBOUND"], 1))
    by_addr = nest(U["REFLECT_A_NEXTHOP"], u32(U["REFLECT_NEXTHOP_A_IFINDEX"], index),
                   u8(U["REFLECT_NEXTHOP_A_FAMILY"], socket.AF_INET),
                   attr(U["REFLECT_NEXTHOP_A_ADDR"], socket.inet_pton(socket.AF_INET, "192.168.50.2")))
    by_mac = nest(U["REFLECT_A_NEXTHOP"], u32(U["REFLECT_NEXTHOP_A_IFINDEX"], index),
                  attr(U["REFLECT_NEXTHOP_A_LLADDR"], LLADDR))
    return [(U["REFLECT_CMD_GET_STATUS"], b""), (U["REFLECT_CMD_SET_CONFIG"], config),
            (U["REFLECT_CMD_ADD_ENTRY"], entry + attr(U["REFLECT_A_REPLACE"], b"")),
            (U["REFLECT_CMD_ADD_IFACE"], u32(U["REFLECT_A_IFINDEX"], index)),
            (U["REFLECT_CMD_ADD_ENTRY"], entry), (U["REFLECT_CMD_DEL_ENTRY"], entry),
            (U["REFLECT_CMD_GET_ENTRY"], filt), (U["REFLECT_CMD_FLUSH"], filt),
            (U["REFLECT_CMD_ADD_SCOPE"], scope), (U["REFLECT_CMD_DEL_SCOPE"], scope),
            (U["REFLECT_CMD_ADD_NEXTHOP"], by_addr), (U["REFLECT_CMD_ADD_NEXTHOP"], by_mac),
            (U["REFLECT_CMD_DEL_NEXTHOP"], by_mac), (U["REFLECT_CMD_GET_NEXTHOP"], b"")]


def mutate(rng, payload):
    data = bytearray(payload)
    for _ in range(rng.randrange(1, 4)):
        choice = rng.random()
        if data and choice < 0.4:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif data and choice < 0.6:
            del data[rng.randrange(len(data)):]
        elif len(data) >= 2 and choice < 0.8:
            i = rng.randrange(0, len(data) - 1) & ~3
            struct.pack_into("=H", data, i, rng.choice((0, 1, 3, 4, 5, 0xffff, len(data) - i + 4)))
        else:
            data += random_attrs(rng)
    return bytes(data)


def header_refused(flags):
    """Whether generic netlink itself refuses these nlmsg flags before the command's permission
    check (6.1 and later, for families that, like REFLECT, validate every command)."""
    if flags & NLM_F_DUMP == NLM_F_DUMP:
        flags &= ~NLM_F_DUMP
    return bool(flags & ~(NLM_F_REQUEST | NLM_F_ACK | 0x8))  # NLM_F_ECHO


def refused_before_permission(err, flags):
    """Refusals generic netlink gives before it checks the command's permission: nlmsg flags
    it does not accept (EINVAL), and, since 6.2, a dump of a command that has no dump
    (EOPNOTSUPP: the op is looked up per do/dump first). Either way nothing changes."""
    return (err == -errno.EINVAL and header_refused(flags)) or (
        err == -errno.EOPNOTSUPP and flags & NLM_F_DUMP == NLM_F_DUMP)


def cmd_fuzz(args):
    """Every request must be answered (ACK, error or a complete dump); unprivileged, every
    state change must be refused with EPERM."""
    rng = random.Random(args.seed)
    nl = Genl()
    index = ifindex(args.ifname)
    valid = valid_payloads(index)
    max_cmd = U["REFLECT_CMD_MAX"]
    unanswered = wrong = 0
    outcomes = {}
    for n in range(args.n):
        if n % 2:
            cmd, payload = rng.choice(valid)
            payload = mutate(rng, payload)
        else:
            cmd, payload = rng.randrange(0, max_cmd + 3), random_attrs(rng)
        flags = NLM_F_REQUEST | NLM_F_ACK | rng.choice((0, 0, 0, NLM_F_DUMP, 0x8, NLM_F_REPLACE, NLM_F_EXCL | NLM_F_CREATE))
        seq, msg = nl.message(cmd, payload, flags, version=rng.choice((1, 1, 1, 0, 2)))
        nl.sock.send(msg)
        answer = None
        deadline = time.monotonic() + 5
        while answer is None and time.monotonic() < deadline:
            nl.sock.settimeout(max(deadline - time.monotonic(), 0.01))
            try:
                replies = list(nl.receive())
            except socket.timeout:
                break
            for r in replies:
                if r.seq == seq and r.kind in (NLMSG_ERROR, NLMSG_DONE):
                    answer = r
        nl.sock.settimeout(None)
        if answer is None:
            unanswered += 1
            print(f"no answer to command {cmd} flags {flags:#x}: {msg.hex()}")
            continue
        err = answer.error if answer.kind == NLMSG_ERROR else 0
        outcomes[err] = outcomes.get(err, 0) + 1
        if args.unprivileged and cmd in ADMIN and not refused_before_permission(err, flags) and err != -errno.EPERM:
            wrong += 1
            print(f"unprivileged command {cmd} answered {err}, not EPERM: {msg.hex()}")
    summary = ", ".join(f"{os.strerror(-e) if e else 'ok'} {c}" for e, c in sorted(outcomes.items()))
    print(f"fuzzed {args.n} requests: unanswered {unanswered}, wrongly allowed {wrong}; {summary}")
    return 1 if unanswered or wrong else 0


def cmd_config(args):
    attrs = []
    for assignment in args.settings:
        key, _, value = assignment.partition("=")
        kind = U.get("REFLECT_CONFIG_A_" + key.upper())
        if kind is None or not value:
            print(f"not a setting: {assignment}", file=sys.stderr)
            return 2
        number = {"peer": 0, "flow": 1, "true": 1, "false": 0, "trusted": 0, "any": 1}.get(value)
        number = int(value) if number is None else number
        attrs.append((u8 if key in ("enabled", "mode", "learn", "outbound") else u32)(kind, number))
    Genl().request(U["REFLECT_CMD_SET_CONFIG"], nest(U["REFLECT_A_CONFIG"], *attrs))
    return 0


def cmd_iface_add(args):
    Genl().request(U["REFLECT_CMD_ADD_IFACE"], u32(U["REFLECT_A_IFINDEX"], ifindex(args.name)))
    return 0


def cmd_nexthop_add(args):
    mac = bytes.fromhex(args.mac.replace(":", ""))
    Genl().request(U["REFLECT_CMD_ADD_NEXTHOP"], nest(U["REFLECT_A_NEXTHOP"], u32(U["REFLECT_NEXTHOP_A_IFINDEX"],
                                                                                   ifindex(args.name)),
                                                      attr(U["REFLECT_NEXTHOP_A_LLADDR"], mac)))
    return 0


def cmd_flush(args):
    Genl().request(U["REFLECT_CMD_FLUSH"])
    return 0


def cmd_counters(args):
    status = parse_attrs(Genl().request(U["REFLECT_CMD_GET_STATUS"])[0].payload[4:])
    names = {v: k[len("REFLECT_STATS_A_"):].lower() for k, v in U.items()
             if k.startswith("REFLECT_STATS_A_") and isinstance(v, int) and not k.endswith(("_MAX", "_PAD", "_UNSPEC"))}
    counters = {names[k]: struct.unpack("=Q", v)[0]
                for k, v in parse_attrs(status[U["REFLECT_A_STATS"]]).items() if k in names}
    print(json.dumps(counters))
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fill")
    f.add_argument("n", type=int)
    f.add_argument("--first", type=int, default=0)
    f.add_argument("--ifname", default="eth0")
    f.add_argument("--static", action="store_true")
    d = sub.add_parser("dump")
    d.add_argument("--expect", type=int)
    d.add_argument("--stable", type=int)
    c = sub.add_parser("churn")
    c.add_argument("seconds", type=float)
    c.add_argument("--first", type=int, default=1000000)
    c.add_argument("--ifname", default="eth0")
    z = sub.add_parser("fuzz")
    z.add_argument("n", type=int)
    z.add_argument("--seed", type=int, default=1)
    z.add_argument("--ifname", default="eth0")
    z.add_argument("--unprivileged", action="store_true")
    cf = sub.add_parser("config")
    cf.add_argument("settings", nargs="+")
    ia = sub.add_parser("iface-add")
    ia.add_argument("name")
    na = sub.add_parser("nexthop-add")
    na.add_argument("name")
    na.add_argument("mac")
    sub.add_parser("flush")
    sub.add_parser("counters")
    args = p.parse_args()
    return {"fill": cmd_fill, "dump": cmd_dump, "churn": cmd_churn, "fuzz": cmd_fuzz, "config": cmd_config,
            "iface-add": cmd_iface_add, "nexthop-add": cmd_nexthop_add, "flush": cmd_flush,
            "counters": cmd_counters}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
