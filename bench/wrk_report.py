"""wrk's text output as figures, and the Markdown report of a results file (bench/wrk.py writes both).

Standard library only; nothing here runs wrk, so the tests feed it captured output.
"""
from __future__ import annotations

import math
import re
import statistics

_UNIT_MS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}
_SIZE = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def duration_ms(token: str) -> float:
    """'812.34us', '4.10ms', '1.02s', '2.00m' in milliseconds; NaN for anything else."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", token.strip())
    return float(match.group(1)) * _UNIT_MS[match.group(2)] if match else math.nan


def parse_wrk(output: str) -> dict:
    """The figures of one `wrk --latency` run: rps, requests, seconds, bytes_read, lat_avg_ms, lat_stdev_ms,
    lat_max_ms, lat_p50_ms .. lat_p99_ms, lat_p95_ms (printed by bench/wrk.py's script), non2xx, socket_errors
    (connect + read + write + timeout), timeouts.
    A run without a summary (wrk failed) gives rps 0 and "failed": True, with wrk's first line as "error"."""
    result: dict = {"rps": 0.0, "non2xx": 0, "socket_errors": 0, "timeouts": 0}
    if match := re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M):
        result["rps"] = float(match.group(1))
    if match := re.search(r"(\d+) requests in ([\d.]+\w+), ([\d.]+)(B|KB|MB|GB) read", output):
        result["requests"] = int(match.group(1))
        result["seconds"] = round(duration_ms(match.group(2)) / 1e3, 3)
        result["bytes_read"] = round(float(match.group(3)) * _SIZE[match.group(4)])
    if match := re.search(r"^\s*Latency\s+(\S+)\s+(\S+)\s+(\S+)", output, re.M):
        result.update(zip(("lat_avg_ms", "lat_stdev_ms", "lat_max_ms"), map(duration_ms, match.groups())))
    for percent in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{percent}%\s+(\S+)", output, re.M)
        result[f"lat_p{percent}_ms"] = duration_ms(match.group(1)) if match else math.nan
    if match := re.search(r"^Latency p95: (\d+)us", output, re.M):  # bench/wrk.py's script prints it
        result["lat_p95_ms"] = int(match.group(1)) / 1e3
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result["non2xx"] = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        result["socket_errors"] = sum(map(int, match.groups()))
        result["timeouts"] = int(match.group(4))
    if "requests" not in result:
        result["failed"] = True
        result["error"] = output.strip().splitlines()[0] if output.strip() else "no output"
    return result


def errors_of(row: dict) -> int:
    """Failed requests of a run: socket errors, non-2xx/3xx answers (unless the page is meant to answer so, as a
    404 page is), and 1 for a run wrk could not do at all."""
    return row.get("socket_errors", 0) + (0 if row.get("non2xx_expected") else row.get("non2xx", 0)) \
        + bool(row.get("failed"))


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None or value != value else f"{value:,.{digits}f}"


def summarise(rows: list[dict]) -> dict[tuple[str, str, bool], dict]:
    """Per (label, page, signed in): median req/s and p50, runs, errors, bytes and the highest other load."""
    groups: dict[tuple[str, str, bool], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["label"], row["page"], bool(row.get("signed_in"))), []).append(row)
    return {key: {"rps": statistics.median(r["rps"] for r in runs),
                  "p50": statistics.median(r.get("lat_p50_ms", math.nan) for r in runs),
                  "runs": len(runs), "errors": sum(map(errors_of, runs)),
                  "bytes": runs[-1].get("bytes", 0), "path": runs[-1].get("path", ""),
                  "other": max((r["other_load_pct"] for r in runs if r.get("other_load_pct") is not None),
                               default=None)}
            for key, runs in groups.items()}


def report(rows: list[dict], floor_page: str = "floor_list20_orm") -> str:
    """A Markdown table per session: every page with its median req/s and its ratio to `floor_page` measured in
    the same session ("–" where the session has no floor). Errors make a row's figure invalid: they are shown."""
    sessions = list(dict.fromkeys(row.get("session", row["label"]) for row in rows))
    tables = []
    for session in sessions:
        summary = summarise([row for row in rows if row.get("session", row["label"]) == session])
        floor = next((s["rps"] for (_, page, _), s in summary.items() if page == floor_page), None)
        lines = [f"#### {session}", "",
                 f"| run | page | path | signed in | req/s (median) | p50 ms | bytes | runs | errors | other load % "
                 f"| ratio to `{floor_page}` |",
                 "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for (label, page, signed_in), s in summary.items():
            ratio = f"{s['rps'] / floor:.0%}" if floor else "–"
            lines.append(f"| {label} | {page} | `{s['path']}` | {'yes' if signed_in else 'no'} | {_number(s['rps'])} "
                         f"| {_number(s['p50'])} | {s['bytes']:,} | {s['runs']} | {s['errors']} "
                         f"| {_number(s['other'], 0)} | {ratio} |")
        tables.append("\n".join(lines))
    return "\n\n".join(tables) + "\n"
