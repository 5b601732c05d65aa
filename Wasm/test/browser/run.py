#!/usr/bin/env python3
"""Runs Wasm/test/browser/index.html in headless Chromium and checks its report.

Playwright for Python drives the system's Chromium (Debian package `chromium`, given by
--chromium; no browser download). A static HTTP server on 127.0.0.1 (a free port) serves
Wasm/ at /pkg/, the cases of Scripts/wasm_cases.py at /cases/, Samples/ at /samples/ and the
heap-counter test build (Scripts/build-wasm.sh --heap-counter) at /heap-counter.wasm.

Usage: run.py --cases DIR --heap-counter-module FILE [--chromium PATH] [--rounds N]
Exit status 0 when every check passed; the report's figures are printed either way.
"""
import argparse
import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading

from playwright.sync_api import sync_playwright

WASM_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPO = os.path.dirname(WASM_DIR)
BAD_INPUT_CALLS = 58  # as in Wasm/test/package.test.mjs
LOADING_WAYS = 7
SAMPLE_CHECKS = 7


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def problems_in(report, cases, rounds):
    """Everything wrong with the page's report, as a list of sentences."""
    if "fatal" in report:
        return [f"the page failed: {report['fatal']}"]
    problems = []
    for part in ("loading", "generated", "sample", "badInput"):
        problems += [f"{part}: {failure}" for failure in report[part]["failures"]]
    expected = {
        ("loading", "ran"): LOADING_WAYS,
        ("generated", "single"): cases,
        ("generated", "batched"): cases,
        ("sample", "ran"): SAMPLE_CHECKS,
        ("badInput", "ran"): BAD_INPUT_CALLS,
        ("badInput", "creations"): 6,
        ("memory", "thrown"): rounds,
        ("memory", "untyped"): 0,
    }
    for (part, key), value in expected.items():
        if report[part][key] != value:
            problems.append(f"{part}.{key} is {report[part][key]}, expected {value}")
    if cases < 70:
        problems.append(f"only {cases} cases")
    memory = report["memory"]
    if memory["before"] != memory["after"] or not isinstance(memory["before"]["heapBytesInUse"], int):
        problems.append(f"memory changed: {memory['before']} -> {memory['after']}")
    if not memory["stillValid"]:
        problems.append("the validator stopped accepting the sample after the failures")
    if report["worker"] != {"sub": "sample-user", "code": "invalid_token"}:
        problems.append(f"worker: {report['worker']}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", required=True, help="output directory of Scripts/wasm_cases.py")
    parser.add_argument("--heap-counter-module", required=True)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--rounds", type=int, default=100_000, help="failed validations in the memory check")
    parser.add_argument("--timeout", type=int, default=180, help="seconds for the whole page")
    args = parser.parse_args()

    with open(os.path.join(args.cases, "cases.json")) as f:
        cases = len(json.load(f)["cases"])
    with tempfile.TemporaryDirectory() as site:
        os.symlink(WASM_DIR, os.path.join(site, "pkg"))
        os.symlink(os.path.abspath(args.cases), os.path.join(site, "cases"))
        os.symlink(os.path.join(REPO, "Samples"), os.path.join(site, "samples"))
        os.symlink(os.path.abspath(args.heap_counter_module), os.path.join(site, "heap-counter.wasm"))
        server = serve(site)
        url = f"http://127.0.0.1:{server.server_address[1]}/pkg/test/browser/index.html?rounds={args.rounds}"
        console_errors = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium, headless=True)
                page = browser.new_page()
                page.on("pageerror", lambda error: console_errors.append(f"page error: {error}"))
                page.on("console", lambda m: m.type == "error" and console_errors.append(f"console: {m.text}"))
                page.goto(url)
                page.wait_for_function("window.testReport !== undefined", timeout=args.timeout * 1000)
                report = page.evaluate("window.testReport")
                browser.close()
        finally:
            server.shutdown()

    problems = problems_in(report, cases, args.rounds) + console_errors
    summary = {key: report.get(key) for key in ("userAgent", "memory", "worker")}
    for part in ("loading", "generated", "sample", "badInput"):
        if part in report:
            summary[part] = {k: v for k, v in report[part].items() if k != "failures"}
    print(json.dumps(summary))
    if problems:
        for problem in problems:
            print(f"FAIL {problem}", file=sys.stderr)
        return 1
    print(f"chromium: all checks passed ({cases} cases, {BAD_INPUT_CALLS} bad inputs, {args.rounds} failed validations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
