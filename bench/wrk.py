"""Throughput of a suite of pages with wrk, against 127.0.0.1 only, with results as JSON lines.

    .venv/bin/python -m bench.wrk run --suite bench/suites/floor.json --label floor --session S \\
        --out bench/results/x.jsonl [--server-cmd "gunicorn ..." --server-env K=V] [--repeat 3] [--pages a,b]
    .venv/bin/python -m bench.wrk report bench/results/x.jsonl [--floor-page floor_list20_orm]

A suite (JSON) names the server and the pages:

    {"base_url": "http://127.0.0.1:8301", "health_path": "/", "duration_s": 10, "connections": 8,
     "threads": 2, "warmup_s": 3, "timeout_s": 10,
     "login": {"path": "/login", "form": {"login": "admin", "password": "..."}},   # optional
     "pages": [{"name": "index", "path": "/"},
               {"name": "index_paced", "path": "/", "connections": 4, "think_ms": 100},  # a steady load
               {"name": "index_signed_in", "path": "/", "signed_in": true},
               {"name": "search", "path": "/search", "method": "POST", "form": {"q": "x"}, "csrf_from": "/search"},
               {"name": "not_found", "path": "/nothing-here", "expect_status": 404}]}

`run` optionally starts the server by command (in its own process group; it waits for the port and the health
page, refuses a port already taken and always stops the group again), then per page: one request to check it
(a signed-in page must answer 200 with the session, not a redirect to the login), a warm-up, and `--repeat`
wrk runs, each bounded by a timeout so that the script always stops by itself. The login is a CSRF-protected POST
(the token comes from the login form); wrk then replays the session cookie (and a page's own POST) through a
Lua script. One JSON line per run: wrk's requests/s, latencies and errors, the probe's status and size, and the
CPU share of the machine that other processes used meanwhile ("other load").

`report` prints a Markdown table per session (the floor and our pages run with the same `--session`): each
page's median requests/s next to the floor page's of the same session (ratio). wrk is a Debian package:
`apt-get install -y wrk`.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

from bench.wrk_report import errors_of, parse_wrk, report

SUITE_DEFAULTS = {"health_path": "/", "duration_s": 10, "connections": 8, "threads": 2, "warmup_s": 3,
                  "timeout_s": 10}
WRK_MISSING = "wrk is not installed: it is a Debian package, `apt-get install -y wrk` (as root)."


class SuiteError(ValueError):
    """A suite file that cannot be run as written."""


def load_suite(path: str | Path) -> dict:
    """The suite at `path` with its defaults filled in; raises SuiteError for a non-loopback base URL, no pages,
    a page without name or path, a name used twice, or a signed-in page without a login."""
    suite = {**SUITE_DEFAULTS, **json.loads(Path(path).read_text(encoding="utf-8"))}
    host = urllib.parse.urlsplit(suite.get("base_url", "")).hostname
    if host != "127.0.0.1":
        raise SuiteError(f"base_url must be http://127.0.0.1:PORT (loopback only), not {suite.get('base_url')!r}")
    pages = suite.get("pages") or []
    if not pages:
        raise SuiteError("the suite has no pages")
    names = [page.get("name") for page in pages]
    if not all(names) or not all(page.get("path", "").startswith("/") for page in pages):
        raise SuiteError("every page needs a name and a path starting with /")
    if len(set(names)) != len(names):
        raise SuiteError(f"page names repeat: {sorted(n for n in names if names.count(n) > 1)}")
    if any(page.get("signed_in") for page in pages) and not (suite.get("login") or {}).get("path"):
        raise SuiteError("signed-in pages need a 'login' with a path and a form")
    return suite


# --- preparing a page: the session, the probe, the Lua script --------------------------------------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect comes back as an HTTPError with its status


def _open(opener, url: str, form: dict | None = None) -> tuple[int, str, str]:
    """Status, body and Location of one request (no redirects followed)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace"), ""
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), error.headers.get("Location", "")


def csrf_token(html: str, field: str = "csrf_token") -> str:
    """The value of the hidden input `field` in a page (either attribute order)."""
    match = (re.search(rf'name="{re.escape(field)}"[^>]*value="([^"]*)"', html)
             or re.search(rf'value="([^"]*)"[^>]*name="{re.escape(field)}"', html))
    if not match:
        raise RuntimeError(f"no {field} in the page")
    return match.group(1)


def login(base_url: str, login_spec: dict) -> CookieJar:
    """Sign in with the login form (GET it for the CSRF token, POST it); the cookies of the signed-in session.
    A login that does not redirect (the form again, with an error) raises RuntimeError."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    url = base_url.rstrip("/") + login_spec["path"]
    field = login_spec.get("csrf_field", "csrf_token")
    status, html, _ = _open(opener, url)
    form = {**login_spec["form"], field: csrf_token(html, field)}
    status, _, location = _open(opener, url, form)
    if status not in (301, 302, 303):
        raise RuntimeError(f"login at {url} failed (status {status}, no redirect): check the suite's login form")
    return jar


def lua_string(text: str) -> str:
    """`text` as a Lua string literal (wrk's LuaJIT knows no \\u escapes: other bytes go as \\ddd)."""
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        out.append(char if 32 <= byte < 127 and char not in '"\\' else f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


# wrk --latency prints 50/75/90/99 %; every run's script adds the 95th percentile (in µs) for parse_wrk.
PERCENTILES_LUA = """done = function(summary, latency, requests)
  io.write(string.format("Latency p95: %dus\\n", latency:percentile(95)))
end
"""


def lua_script(method: str = "GET", headers: dict[str, str] | None = None, body: str | None = None,
               think_ms: int = 0) -> str:
    """The wrk script that sends every request with this method, these headers (the session cookie) and body; with
    `think_ms`, each connection waits that long after an answer before it sends the next request (wrk's `delay`),
    as a reader does, so that a few connections offer a steady load instead of as many requests as the server takes."""
    lines = [f"wrk.method = {lua_string(method.upper())}"]
    if body is not None:
        lines.append(f"wrk.body = {lua_string(body)}")
    for name, value in (headers or {}).items():
        lines.append(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}")
    if think_ms:
        lines.append(f"delay = function() return {int(think_ms)} end")
    return "\n".join(lines) + "\n"


def prepare(base_url: str, page: dict, jar: CookieJar | None, workdir: Path) -> tuple[str, Path | None, dict]:
    """The page's URL, its Lua script (the request as wrk sends it, and the 95th percentile printed at the end)
    and a probe: one request as wrk will send it."""
    jar = jar if jar is not None else CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    base = base_url.rstrip("/")
    method = page.get("method", "GET").upper()
    form = dict(page["form"]) if "form" in page else None
    if page.get("csrf_from"):
        field = page.get("csrf_field", "csrf_token")
        form = {**(form or {}), field: csrf_token(_open(opener, base + page["csrf_from"])[1], field)}
    started = time.perf_counter()
    status, html, location = _open(opener, base + page["path"], form if method == "POST" else None)
    probe = {"status": status, "bytes": len(html.encode()), "probe_ms": round((time.perf_counter() - started) * 1e3, 1),
             "location": location}
    headers = {"Cookie": "; ".join(f"{c.name}={c.value}" for c in jar)} if len(jar) else {}
    body = urllib.parse.urlencode(form) if form is not None and method == "POST" else None
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    script = workdir / f"{page['name']}.lua"
    script.write_text(lua_script(method, headers, body, page.get("think_ms", 0)) + PERCENTILES_LUA)
    return base + page["path"], script, probe


def probe_problem(page: dict, probe: dict) -> str | None:
    """Why the probe's answer makes the page not worth measuring: not the page's "expect_status" (a 404 page),
    an error status, or a signed-in page that did not answer 200 (a redirect to the login: the session is gone)."""
    status, expected = probe["status"], page.get("expect_status")
    wrong = status != expected if expected else status >= 400 or (page.get("signed_in") and status != 200)
    return f"{page['name']}: {page['path']} answered {status} {probe.get('location', '')}".rstrip() if wrong else None


# --- the server and wrk -----------------------------------------------------------------------------------------

def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


@contextmanager
def server(command: str, env: dict[str, str], health_url: str, log: Path, timeout: float = 90):
    """Start `command` in its own process group, wait until `health_url` answers, and stop the group on leaving
    (SIGTERM, SIGKILL after 20 s), whatever happened in between."""
    parts = urllib.parse.urlsplit(health_url)
    if port_open(parts.hostname, parts.port):
        raise RuntimeError(f"port {parts.port} is taken already: stop what runs there or use another port")
    with log.open("ab") as log_file:
        process = subprocess.Popen(shlex.split(command), env={**os.environ, **env}, stdout=log_file,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped (exit {process.returncode}); see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer within {timeout:.0f} s; see {log}")
            try:
                urllib.request.urlopen(health_url, timeout=5).read()
                break
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.3)
        time.sleep(2)  # let every worker boot: keep-alive connections stick to the workers that accepted them
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _machine_busy_s() -> float:
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _group_cpu_s(pgid: int | None) -> float:
    """CPU seconds used so far by the live processes of process group `pgid` (the server's)."""
    total = 0
    for entry in Path("/proc").iterdir() if pgid else ():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once waited for
    return usage.ru_utime + usage.ru_stime


def run_wrk(url: str, script: Path | None, duration: float, connections: int, threads: int, timeout: float,
            server_pgid: int | None = None) -> tuple[dict, str]:
    """One wrk run (killed if it outlives its duration by 30 s): parsed figures, "other_load_pct" (the share of
    all cores that neither the server's process group nor wrk used; None without a server we started), raw output."""
    command = ["wrk", "--latency", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s",
               f"--timeout={max(1, round(timeout))}s", *(["-s", str(script)] if script else []), url]
    busy, group, children, started = _machine_busy_s(), _group_cpu_s(server_pgid), _children_cpu_s(), time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = process.communicate(timeout=duration + timeout + 30)
    except subprocess.TimeoutExpired:
        process.kill()
        output = process.communicate()[0] + "\n(wrk killed: it ran too long)"
    own = (_group_cpu_s(server_pgid) - group) + (_children_cpu_s() - children)  # the server's and wrk's
    elapsed = time.monotonic() - started
    result = parse_wrk(output)
    other = (_machine_busy_s() - busy - own) / (elapsed * (os.cpu_count() or 1)) if server_pgid else None
    result["other_load_pct"] = None if other is None else round(max(0.0, other) * 100, 1)
    return result, output


def _loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def run_suite(suite: dict, *, label: str, session: str, out: Path, server_cmd: str | None = None,
              server_env: dict[str, str] | None = None, repeat: int = 1, pages: list[str] | None = None,
              duration: float | None = None, raw: bool = False) -> list[dict]:
    """Measure the suite's pages (all or the named ones) and append one JSON line per run to `out`."""
    if not shutil.which("wrk"):
        raise SystemExit(WRK_MISSING)
    chosen = [page for page in suite["pages"] if not pages or page["name"] in pages]
    if not chosen:
        raise SuiteError(f"no page of the suite is called {', '.join(pages or [])}")
    workdir = Path(tempfile.mkdtemp(prefix="bench_wrk_"))
    base = suite["base_url"]
    rows: list[dict] = []
    out.parent.mkdir(parents=True, exist_ok=True)
    log = out.with_name(out.stem + ".server.log")
    context = server(server_cmd, server_env or {}, base.rstrip("/") + suite["health_path"], log) if server_cmd \
        else _no_server()
    with context as process:
        jar = login(base, suite["login"]) if any(page.get("signed_in") for page in chosen) else None
        for page in chosen:
            url, script, probe = prepare(base, page, jar if page.get("signed_in") else None, workdir)
            if problem := probe_problem(page, probe):
                raise RuntimeError(problem)
            page_duration = duration or page.get("duration_s", suite["duration_s"])
            timeout = page.get("timeout_s", suite["timeout_s"])
            connections = page.get("connections", suite["connections"])
            wrk_args = (connections, min(suite["threads"], connections), timeout, process.pid if process else None)
            if suite["warmup_s"]:
                run_wrk(url, script, page.get("warmup_s", suite["warmup_s"]), *wrk_args)
            for rep in range(repeat):
                loadavg = _loadavg()
                result, output = run_wrk(url, script, page_duration, *wrk_args)
                row = {"session": session, "label": label, "page": page["name"], "path": page["path"],
                       "method": page.get("method", "GET"), "signed_in": bool(page.get("signed_in")), "rep": rep,
                       "duration_s": page_duration, "connections": connections,
                       "think_ms": page.get("think_ms", 0), "threads": wrk_args[1], "loadavg_before": loadavg,
                       "ts": time.strftime("%Y-%m-%dT%H:%M:%S"), **probe, **result,
                       "non2xx_expected": page.get("expect_status", 200) >= 400}  # a 404 page's are no errors
                with out.open("a", encoding="utf-8") as results:
                    results.write(json.dumps(row) + "\n")
                rows.append(row)
                errors = errors_of(row)
                print(f"{label:24.24} {page['name']:28.28} rep{rep} {row.get('rps', 0):9.1f} req/s "
                      f"p50 {row.get('lat_p50_ms', float('nan')):7.1f} ms  other load {row['other_load_pct']} %"
                      f"{f'  ERRORS {errors}' if errors else ''}", flush=True)
                if raw:
                    print(output)
    return rows


@contextmanager
def _no_server():
    yield None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="measure a suite")
    run.add_argument("--suite", required=True, type=Path)
    run.add_argument("--label", required=True, help="what is measured, e.g. 'forums sqlite sync2'")
    run.add_argument("--session", help="runs compared in one report table share it (default: the label)")
    run.add_argument("--out", required=True, type=Path, help="JSONL file the results are appended to")
    run.add_argument("--server-cmd", help="start this server for the run (and stop it afterwards)")
    run.add_argument("--server-env", action="append", default=[], metavar="KEY=VALUE")
    run.add_argument("--repeat", type=int, default=1)
    run.add_argument("--pages", help="only these pages (comma-separated names)")
    run.add_argument("--duration", type=float, help="seconds per run (instead of the suite's)")
    run.add_argument("--raw", action="store_true", help="print wrk's own output too")
    show = commands.add_parser("report", help="Markdown tables of a results file")
    show.add_argument("results", type=Path)
    show.add_argument("--floor-page", default="floor_list20_orm", help="the page the others are compared with")
    args = parser.parse_args(argv)
    if args.command == "report":
        print(report([json.loads(line) for line in args.results.read_text().splitlines() if line.strip()],
                     args.floor_page))
        return 0
    env = dict(item.partition("=")[::2] for item in args.server_env)
    run_suite(load_suite(args.suite), label=args.label, session=args.session or args.label, out=args.out,
              server_cmd=args.server_cmd, server_env=env, repeat=args.repeat,
              pages=args.pages.split(",") if args.pages else None, duration=args.duration, raw=args.raw)
    return 0


if __name__ == "__main__":
    sys.exit(main())
