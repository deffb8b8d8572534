#!/usr/bin/python3
"""How long report.html takes to open in Chromium: from navigation to every chart drawn.

Starts Debian's chromium headless with the DevTools protocol on a pipe (standard library
only), opens the page from file:// and polls document.body.dataset.charts, which the
report's script sets once the last chart is drawn. Prints each round and the median.

Usage: bench/report_open_bench.py RUN_DIR/report.html [--rounds 5]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time


class Chromium:
    def __init__(self):
        self.profile = tempfile.TemporaryDirectory()
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():  # chromium reads commands on fd 3 and answers on fd 4
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--user-data-dir=" + self.profile.name, "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4), preexec_fn=fds, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer, self.next_id = b"", 0
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_chrome, 1 << 16)
                if not chunk:
                    sys.exit("chromium closed the pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    sys.exit(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session)
        return result["result"].get("value")

    def close(self):
        self.call("Browser.close")
        self.proc.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    url = "file://" + os.path.abspath(args.page)
    browser = Chromium()
    times = []
    for round_ in range(1, args.rounds + 1):
        start = time.perf_counter()
        browser.call("Page.navigate", {"url": url}, browser.session)
        while True:
            state = browser.evaluate("[document.body && document.body.dataset.charts, "
                                     "document.body && document.body.dataset.error]")
            if state and (state[0] or state[1]):
                break
            if time.perf_counter() - start > 60:
                sys.exit("the page did not finish drawing in 60 s")
            time.sleep(0.01)
        elapsed = time.perf_counter() - start
        if state[1]:
            sys.exit("the page reports an error: " + state[1])
        times.append(elapsed)
        print(f"round {round_}: {state[0]} charts drawn in {elapsed:.3f} s")
    browser.close()
    print(f"median of {len(times)}: {statistics.median(times):.3f} s, {os.path.getsize(args.page) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
