#!/usr/bin/env python3
"""A local SMTP server for tests and benchmarks: accepts every message and writes it to
DIR/<n>.eml (written to a temporary name first, then renamed, so a reader never sees half a
message). Prints "ready <port>" once listening; runs until killed.

    target/smtp-venv/bin/python scripts/smtp-sink.py --port 2525 --dir /tmp/mails

Needs aiosmtpd (scripts/setup.sh installs it into target/smtp-venv).
"""
import argparse
import itertools
import os
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        path = os.path.join(self.directory, f"{n:06d}.eml")
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode()
        header = "X-Sink-Rcpt-To: {}\r\nX-Sink-Received-At: {:.6f}\r\n".format(
            ",".join(envelope.rcpt_tos), time.time()
        ).encode()
        with open(path + ".tmp", "wb") as f:
            f.write(header + content)
        os.rename(path + ".tmp", path)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"ready {args.port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
