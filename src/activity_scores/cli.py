"""The ``activity-scores`` command: screen JSON patient records, print the record schema.

The CLI is thin: it reads, calls :func:`activity_scores.screen`, prints. It never prints a
traceback: it exits 0 after printing reports, or 2 with a message naming the JSON path of the
first bad value (in a batch, after every line has had its output line).

Usage::

    activity-scores screen FILE [--indication pss|ssc|iim|ra] [--date YYYY-MM-DD]
                                [--format text|json] [--summary] [--input json|jsonl|auto]
                                [--jobs N|auto]
    activity-scores schema
    activity-scores response FILE [--format text|json]
    python -m activity_scores ...
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from activity_scores.errors import InvalidInputError
from activity_scores.rules._spec import RecordError
from activity_scores.rules.record import MAX_RECORD_BYTES, parse_record
from activity_scores.rules.screening import (
    CriterionResult,
    Indication,
    Overall,
    ScreeningLog,
    ScreeningReport,
    _prepare,
    _split_results,
    json_default,
    screen,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future
    from multiprocessing.context import BaseContext

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 2
_CHUNK = 65536


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="activity-scores",
        description="Screen patient records against the CHEC2024-181 eligibility criteria.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser(
        "screen",
        help="screen one JSON record or a JSON Lines file of records",
        description=(
            "Screen one JSON record (a .json file) or a JSON Lines file (.jsonl, .ndjson, or "
            "'-' for standard input): one output line per input line in a batch."
        ),
    )
    run.add_argument("file", help="the record file, or '-' for standard input")
    run.add_argument(
        "--indication", choices=[i.value for i in Indication], help="default: the record's"
    )
    run.add_argument(
        "--date", help="evaluation date YYYY-MM-DD (default: the record's screening_date)"
    )
    run.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    run.add_argument("--summary", action="store_true", help="end with the screening log")
    run.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N|auto",
        help=(
            "worker processes for a JSON Lines batch (default auto: one per CPU once the "
            "batch passes 400 lines); the output is the same, in the same order"
        ),
    )
    run.add_argument(
        "--input",
        choices=("auto", "json", "jsonl"),
        default="auto",
        help="input format (auto: .json is one record, anything else JSON Lines)",
    )
    commands.add_parser("schema", help="print the JSON Schema of the patient record")
    response = commands.add_parser(
        "response",
        help="efficacy responses at each follow-up visit against baseline",
        description=(
            "Read one JSON document of visits (format activity-scores-visits/1: indication, "
            "baseline, follow_up) and print every applicable response at every follow-up visit."
        ),
    )
    response.add_argument("file", help="the visits file, or '-' for standard input")
    response.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    return parser


def schema_text() -> str:
    """The published JSON Schema file of the record."""
    return (
        resources.files("activity_scores.rules")
        .joinpath("record.schema.json")
        .read_text(encoding="utf-8")
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 success, 2 invalid input)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            sys.stdout.write(schema_text())
            return EXIT_OK
        if args.command == "response":
            return _response(args)
        return _screen(args)
    except BrokenPipeError:  # pragma: no cover - the reader went away (| head)
        return EXIT_OK
    except OSError as error:
        sys.stderr.write(f"activity-scores: error: cannot read {args.file!r}: {error.strerror}\n")
        return EXIT_INVALID


def _response(args: argparse.Namespace) -> int:
    """Print the efficacy response report of one visits document."""
    from activity_scores.rules.visits import response_report_from_json  # noqa: PLC0415 - lazy

    handle = _open(args.file)
    try:
        data = handle.read(MAX_RECORD_BYTES + 1)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    try:
        report = response_report_from_json(data)
    except InvalidInputError as error:
        sys.stderr.write(f"activity-scores: invalid visits: {error}\n")
        return EXIT_INVALID
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), default=json_default, ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.to_text() + "\n")
    return EXIT_OK


def _open(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    return Path(name).open("rb")  # closed by the caller


def _screen(args: argparse.Namespace) -> int:
    mode = args.input
    if mode == "auto":
        mode = "json" if args.file.lower().endswith(".json") else "jsonl"
    log = ScreeningLog()
    handle = _open(args.file)
    try:
        status = _single(handle, args, log) if mode == "json" else _batch(handle, args, log)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    if args.summary:
        if args.format == "json":
            sys.stdout.write(
                json.dumps({"screening_log": log.to_dict()}, ensure_ascii=False) + "\n"
            )
        else:
            sys.stdout.write("\n" + log.to_text() + "\n")
    return status


def _run(data: bytes | dict[str, Any], indication: str | None, on: str | None) -> ScreeningReport:
    record = parse_record(data)  # JSON text: decoded and depth-checked once
    try:
        return screen(record, indication=indication, evaluation_date=on)
    except InvalidInputError as error:
        # screen() names its own arguments; on the command line they come from the record
        # (a JSON path) or from an option.
        path = _ARGUMENT_PATHS.get((error.field, on is None))
        if path is None:
            raise
        raise RecordError(path, error.rule, error.value) from None


#: (screen's argument, the --date option absent?) -> where the CLI's value came from.
_ARGUMENT_PATHS = {
    ("indication", True): "$.indication",
    ("indication", False): "$.indication",
    ("evaluation_date", True): "$.screening_date",
    ("evaluation_date", False): "--date",
}


def _message(error: Exception) -> tuple[str, str]:
    if isinstance(error, InvalidInputError):
        return error.field, str(error)
    return "$", f"internal error ({type(error).__name__}): {error}"  # pragma: no cover


def _single(handle: IO[bytes], args: argparse.Namespace, log: ScreeningLog) -> int:
    data = handle.read(MAX_RECORD_BYTES + 1)
    try:
        report = _run(
            data, args.indication, args.date
        )  # over the limit: refused by the size check, undecoded
    except Exception as error:  # noqa: BLE001 - the CLI never prints a traceback
        log.add_error()
        path, message = _message(error)
        if args.format == "json":
            sys.stdout.write(json.dumps({"error": {"path": path, "message": message}}) + "\n")
        sys.stderr.write(f"activity-scores: invalid record: {message}\n")
        return EXIT_INVALID
    log.add(report)
    if args.format == "json":
        sys.stdout.write(report.to_json(indent=2) + "\n")
    else:
        sys.stdout.write(report.to_text() + "\n")
    return EXIT_OK


def _lines(handle: IO[bytes]) -> Iterator[bytes]:
    """Yield lines; a line longer than the limit is yielded truncated to limit + 1 bytes."""
    while True:
        line = handle.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):  # skip the rest without keeping it
                rest = handle.readline(_CHUNK)
        yield line


#: (indication option, date option, output format): what a worker needs to screen a line.
_Options = tuple[str | None, str | None, str]
#: A criterion as the screening log counts it: (id, wording).
_Counted = tuple[tuple[str, str], ...]
#: One screened line: (stdout line, stderr line or None, failing, unknown); None for a
#: blank line. ``stderr`` is set exactly when the line was an invalid record.
_Screened = tuple[str | list[str], str | None, _Counted, _Counted] | None

#: Lines per task handed to a worker process, and tasks in flight per worker: enough to
#: keep the workers busy, few enough that memory does not grow with the file's length.
_TASK_LINES = 200
_TASKS_PER_WORKER = 3
#: With ``--jobs auto``, a batch is screened in this process until it has more lines than
#: this: forking the workers costs some 20 ms, a tenth of the time 400 lines take.
_AUTO_PARALLEL_AFTER = 400


def _counted(results: tuple[CriterionResult, ...]) -> _Counted:
    return tuple([(r.id, r.wording) for r in results])


def _screen_raw(raw: bytes, number: int, options: _Options) -> _Screened:
    """Screen one line of a batch into its output line, its log entry and any error."""
    if not raw.strip():
        return None  # a blank line is not a record (line numbers stay physical)
    indication, on, output = options
    line: str | list[str]
    try:
        if output == "json":
            from activity_scores.rules._report_json import json_pieces  # noqa: PLC0415 - lazy

            report = _run(raw, indication, on)
            failing, unknown = _split_results(report.criteria)
            line = json_pieces(number, report)  # json.dumps({"line": number, ...}), in runs
            return line, None, _counted(failing), _counted(unknown)
        # As screen(), without the record's hash, which this report never shows, and
        # without a result per criterion: only the failing and unknown ones are named.
        record, chosen, _, _, ctx, rows = _prepare(parse_record(raw), indication, on, None)
        failed: list[tuple[str, str]] = []
        undecided: list[tuple[str, str]] = []
        for rule_id, _, kind, wording, evaluate in rows:  # _split_results, in one pass
            met = evaluate(ctx).met
            if met is None:
                undecided.append((rule_id, wording))
            elif (met is False) if kind == "inclusion" else bool(met):
                failed.append((rule_id, wording))
        subject = record.subject_id or "-"
        overall = (
            Overall.NOT_ELIGIBLE
            if failed
            else Overall.UNDETERMINED
            if undecided
            else Overall.ELIGIBLE
        )
        line = f"line {number}: {subject}: {chosen.value}: {overall.value.upper()}"
        if failed:
            line += " (failing: " + ", ".join([r[0] for r in failed]) + ")"
        elif undecided:
            line += " (unknown: " + ", ".join([r[0] for r in undecided]) + ")"
    except Exception as error:  # noqa: BLE001 - one bad line never stops the batch
        path, message = _message(error)
        if output == "json":
            line = json.dumps({"line": number, "error": {"path": path, "message": message}})
        else:
            line = f"line {number}: INVALID RECORD: {message}"
        return line, f"activity-scores: line {number}: {message}", (), ()
    return line, None, tuple(failed), tuple(undecided)


def _screen_task(task: list[tuple[int, bytes]], options: _Options) -> list[_Screened]:
    """Screen a run of numbered lines (in a worker process)."""
    return [_screen_raw(raw, number, options) for number, raw in task]


def _emit(screened: _Screened, log: ScreeningLog) -> bool:
    """Write one screened line and count it; return False for an invalid record."""
    if screened is None:
        return True
    line, error, failing, unknown = screened
    if type(line) is str:
        sys.stdout.write(line + "\n")
    else:  # a JSON report in runs of ASCII and of other text: the same bytes, less encoding
        write = sys.stdout.write
        for piece in line:
            write(piece)
        write("\n")
    if error is not None:
        log.add_error()
        sys.stderr.write(error + "\n")
        return False
    log._tally(failing, unknown)  # noqa: SLF001 - the count of log.add(report)
    return True


def _emit_all(screened: list[_Screened], log: ScreeningLog) -> bool:
    """Write every line (never stopping at an invalid one); False if any was invalid."""
    ok = True
    for line in screened:
        ok &= _emit(line, log)
    return ok


def _jobs(value: str) -> int:
    """``--jobs``: a positive number of worker processes, or ``auto`` (0)."""
    if value == "auto":
        return 0
    if value.isdigit() and int(value) >= 1:
        return int(value)
    message = f"invalid value {value!r}: a positive number of processes, or 'auto'"
    raise argparse.ArgumentTypeError(message)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _batch(handle: IO[bytes], args: argparse.Namespace, log: ScreeningLog) -> int:
    """Screen a JSON Lines batch: one output line per input line, in order.

    With more than one worker process the lines are screened in tasks of ``_TASK_LINES``
    lines, at most ``_TASKS_PER_WORKER`` tasks per worker in flight, and written in input
    order: the output is the same as with one process, and memory stays flat.
    """
    options: _Options = (args.indication, args.date, args.format)
    jobs = args.jobs or _cpus()
    numbered = enumerate(_lines(handle), start=1)
    ok = True
    if jobs > 1 and args.jobs == 0:  # auto: stay in this process for a short batch
        for number, raw in numbered:
            ok &= _emit(_screen_raw(raw, number, options), log)
            if number >= _AUTO_PARALLEL_AFTER:
                break
        else:
            return EXIT_OK if ok else EXIT_INVALID
    if jobs > 1:
        ok &= _batch_in_workers(numbered, options, jobs, log)
    for number, raw in numbered:  # one process, or what the workers could not take
        ok &= _emit(_screen_raw(raw, number, options), log)
    return EXIT_OK if ok else EXIT_INVALID


def _worker_context() -> BaseContext | None:
    """The fork start method, if this process can safely fork; else None (one process).

    Forked workers inherit the loaded library and start in milliseconds, and never re-run
    the calling program's main script (as spawned workers do, which breaks a caller whose
    script has no ``if __name__ == "__main__"`` guard). Forking is only safe while this
    process runs a single thread, as the command does; a program embedding ``main()`` with
    other threads running, or a platform without fork, screens in one process.
    """
    import multiprocessing  # noqa: PLC0415 - only for large batches
    import threading  # noqa: PLC0415

    if threading.active_count() != 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


class _Workers:
    """Tasks screened by worker processes, written back in input order.

    If a worker dies (killed for memory, say), every task not yet written is screened in
    this process instead, so each line still gets its one output line, in order.
    """

    def __init__(self, pool: Executor, options: _Options, log: ScreeningLog) -> None:
        self.pool, self.options, self.log = pool, options, log
        self.in_flight: deque[tuple[list[tuple[int, bytes]], Future[list[_Screened]] | None]]
        self.in_flight = deque()
        self.broken = False
        self.ok = True

    def submit(self, task: list[tuple[int, bytes]]) -> None:
        """Hand ``task`` to a worker (or keep it for this process once a worker died)."""
        future = None if self.broken else self.pool.submit(_screen_task, task, self.options)
        self.in_flight.append((task, future))

    def write_oldest(self) -> None:
        """Wait for the oldest task and write its lines."""
        task, future = self.in_flight.popleft()
        screened = None
        if future is not None and not self.broken:
            try:
                screened = future.result()
            except Exception:  # noqa: BLE001 - a dead worker: screen its lines here
                self.broken = True
        if screened is None:
            screened = _screen_task(task, self.options)
        self.ok &= _emit_all(screened, self.log)


def _batch_in_workers(
    numbered: Iterator[tuple[int, bytes]], options: _Options, jobs: int, log: ScreeningLog
) -> bool:
    """Screen the rest of ``numbered`` in ``jobs`` worker processes, writing in order."""
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - large batches only

    task = list(islice(numbered, _TASK_LINES))
    context = _worker_context() if task else None
    try:
        pool = None if context is None else ProcessPoolExecutor(jobs, mp_context=context)
    except (OSError, NotImplementedError):  # no working semaphores (no /dev/shm), say
        pool = None
    if pool is None:  # the caller screens the rest in this process
        return _emit_all(_screen_task(task, options), log)
    with pool:
        workers = _Workers(pool, options, log)
        while task:
            workers.submit(task)
            if len(workers.in_flight) >= jobs * _TASKS_PER_WORKER:
                workers.write_oldest()
            task = list(islice(numbered, _TASK_LINES))
        while workers.in_flight:
            workers.write_oldest()
    return workers.ok


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
