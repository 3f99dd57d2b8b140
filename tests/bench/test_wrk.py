"""bench/wrk.py and bench/wrk_report.py without wrk or a network: wrk's output parsed, suites loaded and
checked, the Lua script of a signed-in page, the CSRF token, the report's ratio to the floor."""
from __future__ import annotations

import json
import math
import threading
from pathlib import Path

import pytest

from bench import wrk
from bench.wrk_report import duration_ms, parse_wrk, report

ROOT = Path(__file__).resolve().parents[2]

# Captured from wrk 4.1.0 (Debian) against bench.floor under gunicorn, 2026-12-06.
GOOD = """Running 2s test @ http://127.0.0.1:8302/list
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    61.03ms   36.86ms 192.56ms   74.61%
    Req/Sec    70.65     34.18   150.00     75.00%
  Latency Distribution
     50%   50.87ms
     75%   73.59ms
     90%  109.29ms
     99%  174.53ms
  290 requests in 2.14s, 1.34MB read
Requests/sec:    135.44
Transfer/sec:    638.84KB
"""
# A page that answered 404 (wrk counts it) and a server too slow for --timeout 1s (socket timeouts).
TROUBLE = """Running 2s test @ http://127.0.0.1:8302/nope
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.34us  301.20us   1.02s    91.00%
    Req/Sec     2.10k   150.00     2.40k    68.00%
  Latency Distribution
     50%  750.00us
     75%    0.90ms
     90%    1.10ms
     99%    1.02s
  8400 requests in 2.00s, 1.50MB read
  Socket errors: connect 0, read 1, write 0, timeout 12
  Non-2xx or 3xx responses: 8400
Requests/sec:   4200.00
Transfer/sec:    768.00KB
"""


def test_a_good_run_is_parsed():
    result = parse_wrk(GOOD)
    assert result["rps"] == 135.44 and result["requests"] == 290 and result["seconds"] == 2.14
    assert result["bytes_read"] == round(1.34 * 1024 ** 2)
    assert (result["lat_avg_ms"], result["lat_max_ms"], result["lat_p50_ms"], result["lat_p99_ms"]) == \
        (61.03, 192.56, 50.87, 174.53)
    assert result["non2xx"] == result["socket_errors"] == 0 and "failed" not in result


def test_errors_and_units_are_read():
    result = parse_wrk(TROUBLE)
    assert result["non2xx"] == 8400 and result["socket_errors"] == 13 and result["timeouts"] == 12
    assert result["lat_avg_ms"] == pytest.approx(0.81234) and result["lat_p99_ms"] == 1020.0


def test_the_95th_percentile_comes_from_the_script_every_run_gets():
    assert math.isnan(parse_wrk(GOOD).get("lat_p95_ms", math.nan))
    assert parse_wrk(GOOD + "Latency p95: 151230us\n")["lat_p95_ms"] == 151.23
    assert "latency:percentile(95)" in wrk.PERCENTILES_LUA and "Latency p95: %dus" in wrk.PERCENTILES_LUA


def test_a_failed_run_says_why():
    result = parse_wrk("unable to connect to 127.0.0.1:8302 Connection refused\n")
    assert result["failed"] and result["rps"] == 0.0 and "Connection refused" in result["error"]
    assert math.isnan(result["lat_p50_ms"])


@pytest.mark.parametrize(("token", "ms"), [("250.00us", 0.25), ("4.10ms", 4.1), ("1.50s", 1500.0), ("2.00m", 120e3)])
def test_durations(token, ms):
    assert duration_ms(token) == pytest.approx(ms)


def write(tmp_path, **suite) -> Path:
    path = tmp_path / "suite.json"
    path.write_text(json.dumps(suite))
    return path


def test_the_repository_suites_load_with_defaults():
    for name in ("floor.json", "foundation.json"):
        suite = wrk.load_suite(ROOT / "bench" / "suites" / name)
        assert suite["base_url"].startswith("http://127.0.0.1:") and suite["pages"] and suite["warmup_s"] >= 0
    floor = wrk.load_suite(ROOT / "bench" / "suites" / "floor.json")
    assert {"floor_hello", "floor_list20_orm"} <= {page["name"] for page in floor["pages"]}


def test_a_minimal_suite_gets_the_defaults(tmp_path):
    suite = wrk.load_suite(write(tmp_path, base_url="http://127.0.0.1:9000", pages=[{"name": "a", "path": "/"}]))
    assert (suite["duration_s"], suite["connections"], suite["threads"], suite["health_path"]) == (10, 8, 2, "/")


@pytest.mark.parametrize(("suite", "message"), [
    ({"base_url": "http://example.org", "pages": [{"name": "a", "path": "/"}]}, "loopback only"),
    ({"base_url": "http://localhost:80", "pages": [{"name": "a", "path": "/"}]}, "loopback only"),
    ({"base_url": "http://127.0.0.1:80", "pages": []}, "no pages"),
    ({"base_url": "http://127.0.0.1:80", "pages": [{"name": "a", "path": "x"}]}, "path starting with /"),
    ({"base_url": "http://127.0.0.1:80", "pages": [{"name": "a", "path": "/"}, {"name": "a", "path": "/b"}]},
     "repeat: ['a', 'a']"),
    ({"base_url": "http://127.0.0.1:80", "pages": [{"name": "a", "path": "/", "signed_in": True}]}, "'login'"),
])
def test_a_suite_that_cannot_run_is_refused(tmp_path, suite, message):
    with pytest.raises(wrk.SuiteError, match=message.replace("[", r"\[").replace("]", r"\]")):
        wrk.load_suite(write(tmp_path, **suite))


def test_the_lua_script_replays_the_session_and_the_post():
    script = wrk.lua_script("post", {"Cookie": 'session=a"b\\c', "Content-Type": "application/x-www-form-urlencoded"},
                            "csrf_token=t%C3%A9&q=x")
    assert script.splitlines() == [
        'wrk.method = "POST"',
        'wrk.body = "csrf_token=t%C3%A9&q=x"',
        'wrk.headers["Cookie"] = "session=a\\034b\\092c"',
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"',
    ]
    assert wrk.lua_script() == 'wrk.method = "GET"\n'
    assert wrk.lua_script(think_ms=100).splitlines() == ['wrk.method = "GET"', "delay = function() return 100 end"]


def test_lua_strings_escape_every_byte_luajit_cannot_read():
    assert wrk.lua_string("ä\n") == '"\\195\\164\\010"'  # UTF-8 bytes, no \\u escapes


def test_the_csrf_token_is_found_in_either_attribute_order():
    assert wrk.csrf_token('<input id="csrf_token" name="csrf_token" type="hidden" value="abc.def">') == "abc.def"
    assert wrk.csrf_token('<input value="x1" type="hidden" name="token">', "token") == "x1"
    with pytest.raises(RuntimeError, match="no csrf_token"):
        wrk.csrf_token("<form></form>")


@pytest.mark.parametrize(("page", "status", "problem"), [
    ({"name": "a", "path": "/"}, 200, None),
    ({"name": "a", "path": "/"}, 302, None),
    ({"name": "a", "path": "/"}, 500, "a: / answered 500"),
    ({"name": "a", "path": "/x", "expect_status": 404}, 404, None),
    ({"name": "a", "path": "/x", "expect_status": 404}, 200, "a: /x answered 200"),
    ({"name": "a", "path": "/me", "signed_in": True}, 302, "a: /me answered 302 /login?next=/me"),
])
def test_the_probe_decides_whether_a_page_is_worth_measuring(page, status, problem):
    assert wrk.probe_problem(page, {"status": status, "location": "/login?next=/me" if status == 302 else ""}) \
        == problem


def row(session, label, page, rps, **extra):
    return {"session": session, "label": label, "page": page, "path": "/" + page, "rps": rps, "lat_p50_ms": 2.0,
            "non2xx": 0, "socket_errors": 0, "bytes": 100, "other_load_pct": 3.0, **extra}


def test_the_report_puts_each_page_next_to_the_floor_of_its_session():
    rows = [row("s1", "floor", "floor_list20_orm", 1000.0), row("s1", "floor", "floor_list20_orm", 1200.0),
            row("s1", "ours", "index", 500.0), row("s1", "ours", "index", 700.0, signed_in=True),
            row("s2", "ours", "index", 9.0, non2xx=3), row("s2", "ours", "missing", 8.0, non2xx=80, socket_errors=1,
                                                         non2xx_expected=True)]
    text = report(rows)
    first, second = text.split("#### s2")
    assert "| floor | floor_list20_orm | `/floor_list20_orm` | no | 1,100.0 |" in first and "| 100% |" in first
    assert "| ours | index | `/index` | no | 500.0 | 2.0 | 100 | 1 | 0 | 3 | 45% |" in first
    assert "| ours | index | `/index` | yes | 700.0 |" in first and "| 64% |" in first
    assert "| ours | index | `/index` | no | 9.0 | 2.0 | 100 | 1 | 3 | 3 | – |" in second  # no floor in s2
    assert "| ours | missing | `/missing` | no | 8.0 | 2.0 | 100 | 1 | 1 | 3 | – |" in second  # 404s expected


def test_without_wrk_the_run_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(wrk.shutil, "which", lambda name: None)
    suite = wrk.load_suite(ROOT / "bench" / "suites" / "floor.json")
    with pytest.raises(SystemExit, match="apt-get install -y wrk"):
        wrk.run_suite(suite, label="x", session="x", out=tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_a_paced_page_runs_with_its_own_connections_and_pauses(monkeypatch, tmp_path):
    """A page's "connections" and "think_ms" reach wrk (its command line and its script) and the result row."""
    from werkzeug.serving import make_server
    from werkzeug.wrappers import Response

    server = make_server("127.0.0.1", 0, lambda environ, start: Response("ok")(environ, start))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    calls = []

    def fake_wrk(url, script, duration, connections, threads, timeout, pgid=None):
        calls.append((connections, threads, Path(script).read_text()))
        return {**parse_wrk(GOOD), "other_load_pct": None}, GOOD

    monkeypatch.setattr(wrk.shutil, "which", lambda name: "/usr/bin/wrk")
    monkeypatch.setattr(wrk, "run_wrk", fake_wrk)
    suite = {**wrk.SUITE_DEFAULTS, "base_url": f"http://127.0.0.1:{server.server_port}", "warmup_s": 0,
             "pages": [{"name": "flat", "path": "/"},
                       {"name": "paced", "path": "/", "connections": 1, "think_ms": 100}]}
    try:
        rows = wrk.run_suite(suite, label="x", session="x", out=tmp_path / "out.jsonl")
    finally:
        server.shutdown()
    assert [(c, t) for c, t, _ in calls] == [(8, 2), (1, 1)]  # never more threads than connections
    assert "delay" not in calls[0][2] and "delay = function() return 100 end" in calls[1][2]
    assert [(r["page"], r["connections"], r["threads"], r["think_ms"]) for r in rows] == [
        ("flat", 8, 2, 0), ("paced", 1, 1, 100)]
