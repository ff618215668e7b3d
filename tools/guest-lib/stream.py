#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""One TCP stream that lasts as long as something else does, and ends cleanly.

    stream.py send PORT STOPFILE      accept one connection on PORT (IPv4 and IPv6), send until
                                      STOPFILE exists, then close; prints the bytes sent; fails
                                      when no connection comes or a send blocks for 60 s
    stream.py receive ADDRESS PORT    connect, read until the sender closes; prints the bytes
                                      received; fails when no byte comes for 20 s

A fixed-length transfer (iperf3 -t) must be sized for the slowest kernel and then waited for on
every kernel; this one ends a moment after its STOPFILE appears. Run the sender first: the
receiver retries its connection for 10 s.
"""

import os
import socket
import sys
import time

CHUNK = bytes(65536)


def send(port, stopfile):
    with socket.create_server(("", port), family=socket.AF_INET6, dualstack_ipv6=True) as server:
        server.settimeout(60)
        connection, _ = server.accept()
        sent = 0
        with connection:
            # A stream that stalls for a minute has failed: no send() blocks longer.
            connection.settimeout(60)
            while not os.path.exists(stopfile):
                sent += connection.send(CHUNK)
            connection.shutdown(socket.SHUT_WR)
            # The receiver closes after the last byte: the stream ended cleanly on both sides.
            connection.settimeout(20)
            if connection.recv(1) != b"":
                sys.exit("the receiver sent data")
    print(f"sent {sent} bytes")


def receive(address, port):
    deadline = time.monotonic() + 10
    while True:
        try:
            connection = socket.create_connection((address, port), timeout=20)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    received = 0
    with connection:
        while data := connection.recv(65536):
            received += len(data)
    print(f"received {received} bytes")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "send":
        send(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "receive":
        receive(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
