"""Throughput, scaling, memory and latency of kfr-extract next to spaCy's own limit.

usage: python benchmarks/throughput.py [--docs 400] [--repeat 2] [--workers 1 2] [--dask]
                                      [--rss-docs 1000 10000] [--launches 5]
                                      [--skip-throughput]

(about 10 minutes on 2 idle cores with the defaults; `--rss-docs` with no value skips RSS)

What it compares, on the same generated texts and the same model:

- ``raw``: ``spacy.load(model, exclude=<kfr.cfg base.exclude>)`` then ``nlp.pipe`` over the
  decoded texts, consuming each Doc. This is the limit of our design: the same trained
  components our pipeline runs, with nothing of ours around them.
- ``full``: ``kfr_extract.engines.extract_paths`` over the documents' bytes (decode, repair,
  parse, extract, validate into pydantic ``Record`` objects) and ``write.to_json`` of every record.

Words are whitespace-separated tokens of the text, counted once per corpus, so both rows
divide the same number. Each row is measured with 1 process and with every available one,
raw and full interleaved, best of `--repeat` runs; CPU seconds (this process and its
finished children) are printed too, as contention on a shared machine does not inflate them.
`--dask` adds the full pipeline on Dask LocalClusters of the same process counts.
Peak RSS is measured in a fresh subprocess per N, documents generated lazily (the corpus
itself never sits in memory). Time to first record launches the real ``kfr-extract`` command
on a folder and stops the clock at its first JSON Lines line.

The corpus is synthetic but shaped like the reports the tool is for: a headline, a lead
sentence with organizer, dates and place, paragraphs on participants, counts, kidnapping
cases, quotes attributed to named officials, and some cp1252 mojibake (one document in ten)
so the repair step does real work.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------------------------
# Corpus: report-like documents built from templates and slot fillers written for this script.
# ---------------------------------------------------------------------------------------------

ORGS = [
    ("United Nations Office of Counter-Terrorism", "UNOCT"),
    ("United Nations Office on Drugs and Crime", "UNODC"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("International Criminal Police Organization", "INTERPOL"),
    ("European Union Agency for Law Enforcement Cooperation", "Europol"),
    ("Global Counterterrorism Forum", "GCTF"),
    ("African Union Mechanism for Police Cooperation", "AFRIPOL"),
    ("National Crime Agency", "NCA"),
    ("Counter-Terrorism Committee Executive Directorate", "CTED"),
    ("Financial Action Task Force", "FATF"),
]
PLACES = [
    ("Rabat", "Morocco"), ("Nairobi", "Kenya"), ("Abuja", "Nigeria"), ("Vienna", "Austria"),
    ("Manila", "the Philippines"), ("Bamako", "Mali"), ("Niamey", "Niger"), ("Doha", "Qatar"),
    ("Dakar", "Senegal"), ("Tunis", "Tunisia"), ("Bogota", "Colombia"), ("Mexico City", "Mexico"),
    ("Islamabad", "Pakistan"), ("Jakarta", "Indonesia"), ("Amman", "Jordan"), ("Geneva",
    "Switzerland"), ("Madrid", "Spain"), ("Baghdad", "Iraq"), ("Kampala", "Uganda"),
    ("Maputo", "Mozambique"), ("Ouagadougou", "Burkina Faso"), ("Tashkent", "Uzbekistan"),
]
FIRST = ["Amina", "Chris", "Elena", "Jean-Pierre", "Fatima", "Rahul", "Maria", "Kwame", "Sofia",
         "Tomasz", "Aisha", "Daniel", "Ngozi", "Hiroshi", "Laura", "Omar", "Ingrid", "Carlos",
         "Mei", "Yusuf", "Helen", "Ibrahim", "Ana", "Pieter", "Leila", "Samuel", "Olga", "Moussa"]
LAST = ["Jones", "Okafor", "Rossi", "Haddad", "Petrov", "Mensah", "Garcia", "Nakamura", "Diallo",
        "Kowalski", "Schmidt", "Al-Rashid", "Fernandes", "Osei", "Lindqvist", "Traore", "Kaur",
        "Moreau", "Abubakar", "Vargas", "Novak", "Tanaka", "Bello", "Costa", "Eriksen", "Sow"]
TITLES = ["Director", "Under-Secretary-General", "Head of Unit", "Chief of Section",
          "Programme Officer", "Deputy Commissioner", "Senior Adviser", "Executive Director"]
HONORIFICS = ["Mr.", "Ms.", "Dr.", "H.E.", "Ambassador", "Colonel"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EVENTS = ["Expert Group Meeting", "regional workshop", "capacity-building training",
          "high-level conference", "table-top exercise", "national consultation"]
TOPICS = ["countering kidnapping for ransom", "disrupting terrorist financing",
          "protecting victims of terrorism", "investigating hostage-taking",
          "strengthening border security", "preventing violent extremism",
          "using financial intelligence against kidnap networks"]
QUOTES = [
    "Kidnapping for ransom remains one of the most lucrative sources of income for terrorist "
    "groups, and no country can face it alone.",
    "The victims and their families must be at the centre of every response we design.",
    "Sharing information quickly across borders is what allows us to bring hostages home safely.",
    "We have seen criminal networks adapt faster than our laws, and that has to change.",
    "Today's exercise showed how much we gain when police, prosecutors and financial units train "
    "together.",
    "Paying ransoms only feeds the next abduction; prevention and prosecution must go together.",
]
REPORT_VERBS = ["said", "stressed", "noted", "remarked", "emphasized", "added"]
FILLER = [
    "Participants exchanged good practices on investigation, prosecution and adjudication, and "
    "discussed how to strengthen cooperation between law enforcement and the private sector.",
    "The sessions covered negotiation strategies, the role of insurance companies, the tracing of "
    "ransom payments through informal value transfer systems and the support owed to survivors.",
    "Several delegations underlined the need for a victim-centred approach that respects human "
    "rights and the rule of law throughout the criminal justice process.",
    "The programme is funded by voluntary contributions and builds on earlier work carried out "
    "with national counter-terrorism centres and regional bodies.",
    "Experts also reviewed recent trends, including the use of social media to identify targets "
    "and the growing number of so-called express kidnappings in urban areas.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(HONORIFICS)} {rng.choice(FIRST)} {rng.choice(LAST)}"


def _date(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 26), rng.choice(MONTHS), rng.randint(2015, 2025)
    if rng.random() < 0.5:
        return f"from {day} to {day + rng.randint(1, 3)} {month} {year}"
    return f"on {month} {day}, {year}"


def _paragraphs(rng: random.Random, org: tuple[str, str], place: tuple[str, str]) -> list[str]:
    """The body paragraphs; their number is what sets the document length."""
    other = rng.choice(ORGS)
    city, country = rng.choice(PLACES)
    speaker, title = _person(rng), rng.choice(TITLES)
    return [
        f"The event brought together {rng.randint(12, 140)} experts from "
        f"{rng.randint(5, 60)} Member States, {rng.randint(2, 12)} international organizations "
        f"and civil society, including representatives of the {other[0]} ({other[1]}).",
        rng.choice(FILLER),
        f"In his opening remarks, {speaker}, {title} of the {org[1]}, {rng.choice(REPORT_VERBS)}: "
        f"“{rng.choice(QUOTES)}”",
        f"According to figures presented by the authorities of {country}, "
        f"{rng.randint(3, 90)} people were abducted in {rng.choice(MONTHS)} "
        f"{rng.randint(2018, 2024)} near {city}, and {rng.randint(1, 30)} suspects were arrested "
        f"after a joint operation with {other[1]}.",
        rng.choice(FILLER),
        f"“{rng.choice(QUOTES).rstrip('.')},” {rng.choice(REPORT_VERBS)} {_person(rng)}, "
        f"{rng.choice(TITLES)} at the {rng.choice(ORGS)[0]}, closing the "
        f"{rng.choice(['first', 'second', 'final'])} day in {place[0]}.",
    ]


def make_document(index: int, paragraphs: int = 13, seed: int = 13) -> str:
    """One report: a headline, a release number (a string no other document has, as in real
    corpora, so a vocabulary that grows with N would show), a lead sentence and `paragraphs`
    body paragraphs."""
    rng = random.Random(seed * 1_000_003 + index)
    org, place = rng.choice(ORGS), rng.choice(PLACES)
    event, topic = rng.choice(EVENTS), rng.choice(TOPICS)
    lines = [
        f"{org[1]} {event.title()} on {topic.capitalize()}",
        f"Press release {org[1]}/{rng.randint(2015, 2025)}/{index:05d}",
        f"The {org[0]} ({org[1]}) held a {event} {_date(rng)} in {place[0]}, {place[1]}, on "
        f"{topic}, in partnership with the Government of {place[1]}.",
    ]
    while len(lines) < paragraphs + 3:
        lines.extend(_paragraphs(rng, org, place))
    return "\n".join(lines[: paragraphs + 3]) + "\n"


MOJIBAKE_EVERY = 10


def document_bytes(index: int, paragraphs: int) -> bytes:
    """The file content: UTF-8, except one document in MOJIBAKE_EVERY saved as cp1252 mojibake."""
    text = make_document(index, paragraphs)
    data = text.encode("utf-8")
    if MOJIBAKE_EVERY and index % MOJIBAKE_EVERY == MOJIBAKE_EVERY - 3:
        import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")

        data = data.decode("sloppy-windows-1252").encode("utf-8")
    return data


def write_corpus(folder: Path, n: int, paragraphs: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"doc_{i:06d}.txt"
        path.write_bytes(document_bytes(i, paragraphs))
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------


def timed(run: Callable[[], int]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process and its finished children, count)."""
    before, start = os.times(), time.perf_counter()
    count = run()
    wall, after = time.perf_counter() - start, os.times()
    cpu = sum(after[i] - before[i] for i in range(4))  # user, system, children's user, system
    return wall, cpu, count


def raw_runner(texts: list[str], batch_size: int) -> Callable[[int], int]:
    """spaCy alone: the model with the components our pipeline keeps, nothing else."""
    import spacy

    from kfr_extract import nlp as nlp_module

    base = nlp_module.load_config()["base"]
    nlp = spacy.load(nlp_module.installed_model(list(base["models"])),
                     exclude=list(base.get("exclude", [])))
    list(nlp.pipe(texts[:4]))  # warm up (first call allocates)

    def run(workers: int) -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers))

    return run


def full_runner(paths: list[Path]) -> Callable[[int], int]:
    """Our pipeline end to end, from bytes on disk to serialized JSON."""
    from kfr_extract import engines, write
    from kfr_extract import nlp as nlp_module

    nlp = nlp_module.build()
    list(engines.extract_paths([str(p) for p in paths[:4]], nlp=nlp))

    def run(workers: int) -> int:
        done = 0
        for record in engines.extract_paths([str(p) for p in paths], nlp=nlp, workers=workers):
            write.to_json(record)
            done += 1
        return done

    return run


def peak_rss_mib(n: int, paragraphs: int, workers: int) -> float:
    """Peak RSS of a fresh interpreter running the full pipeline over n lazily made docs."""
    command = [sys.executable, __file__, "--_rss-child", str(n), "--paragraphs", str(paragraphs),
               "--workers", str(workers), "--mojibake-every", str(MOJIBAKE_EVERY)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return float(json.loads(out.strip().splitlines()[-1])["peak_rss_mib"])


def rss_child(n: int, paragraphs: int, workers: int) -> None:
    """(In the subprocess.) Stream n documents through the pipeline; print peak RSS."""
    from kfr_extract import engines, write
    from kfr_extract.load import RawInput

    raws = (RawInput(f"doc_{i:06d}.txt", data=document_bytes(i, paragraphs)) for i in range(n))
    done = sum(1 for record in engines.run(raws, workers=workers) if write.to_json(record))
    self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"docs": done, "peak_rss_mib": (self_kib + (child_kib if workers > 1 else 0))
                      / 1024}))


# Raw spaCy's start-up, measured like ours: a fresh process loads the same model and
# prints a line once it has parsed the first document.
RAW_FIRST_DOC = """
import sys, spacy
nlp = spacy.load(sys.argv[2], exclude=sys.argv[3].split(",") if sys.argv[3] else [])
nlp(open(sys.argv[1], encoding="utf-8", errors="replace").read())
print("{}", flush=True)
"""


def first_record_seconds(folder: Path, workers: int) -> float:
    """From launching `kfr-extract FOLDER --format jsonl` to its first record on stdout.

    Our modules are byte-compiled first, as pip does for an installed package and as an
    editable install does on first import (unless PYTHONDONTWRITEBYTECODE is set, when
    every start would compile them again; spaCy's own modules are compiled already)."""
    import compileall

    import kfr_extract

    compileall.compile_dir(Path(kfr_extract.__file__).parent, quiet=1)
    command = [sys.executable, "-m", "kfr_extract", str(folder), "--format", "jsonl", "--quiet",
               "--workers", str(workers)]
    return _first_line_seconds(command)


def raw_first_doc_seconds(first: Path) -> float:
    """From launching a process that loads the model (and imports nothing of ours) to its
    first parsed document."""
    from kfr_extract import nlp as nlp_module

    base = nlp_module.load_config()["base"]
    model = nlp_module.installed_model(list(base["models"]))
    exclude = ",".join(base.get("exclude", []))
    return _first_line_seconds([sys.executable, "-c", RAW_FIRST_DOC, str(first), model, exclude])


def _first_line_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors, subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=errors
    ) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.terminate()
        proc.wait()
        errors.seek(0)
        if not line.startswith(b"{"):
            raise RuntimeError(f"{command[:3]} printed no record: {errors.read()[-2000:]!r}")
    return elapsed


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{mem_kib / 1024 ** 2:.0f} GiB RAM"
    except OSError:
        ram = "RAM unknown"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} CPUs ({cpu}), {ram}, Python {platform.python_version()}, "
            f"load average {load}")


def dask_rows(paths: list[Path], words: int, workers: list[int]) -> list[str]:
    """The same corpus through `--engine dask` on LocalClusters of n processes, warmed up."""
    from distributed import Client, LocalCluster

    from kfr_extract import engines, write

    rows = []
    for n in workers:
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.run(engines.warm_worker)  # each worker loads the model before the clock

            def run(address: str = cluster.scheduler_address) -> int:
                records = engines.extract_paths([str(p) for p in paths], engine="dask",
                                                scheduler=address)
                return sum(1 for record in records if write.to_json(record))

            wall, _, done = timed(run)
        assert done == len(paths)
        rows.append(f"| dask LocalCluster, {n} processes | {words / wall:,.0f} words/s |")
        print(rows[-1], file=sys.stderr, flush=True)
    return rows


def throughput_table(paths: list[Path], workers: list[int], batch_size: int,
                     repeat: int, dask: bool = False) -> list[str]:
    """Raw and full, interleaved, each the best of `repeat` runs (the machine is shared)."""
    texts = [p.read_bytes().decode("utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    rows = [f"corpus: {len(texts)} documents, {words:,} words "
            f"({words / len(texts):.0f} words/document), best of {repeat} runs", "",
            "| processes | raw nlp.pipe words/s | full pipeline words/s | full / raw "
            "| CPU s: raw, full |", "|---:|---:|---:|---:|---:|"]
    runners = {"raw": raw_runner(texts, batch_size), "full": full_runner(paths)}
    first: dict[str, float] = {}
    for n in workers:
        best: dict[str, tuple[float, float]] = {}
        for _ in range(repeat):
            for name, run in runners.items():
                wall, cpu, done = timed(lambda run=run, n=n: run(n))
                assert done == len(paths)
                best[name] = min(best.get(name, (wall, cpu)), (wall, cpu))
        raw_wps, full_wps = words / best["raw"][0], words / best["full"][0]
        first.setdefault("raw", raw_wps)
        first.setdefault("full", full_wps)
        rows.append(f"| {n} | {raw_wps:,.0f} ({raw_wps / first['raw']:.2f}x) | "
                    f"{full_wps:,.0f} ({full_wps / first['full']:.2f}x) | "
                    f"{full_wps / raw_wps:.2f} | {best['raw'][1]:.1f}, {best['full'][1]:.1f} |")
        print(rows[-1], file=sys.stderr, flush=True)
    if dask:
        rows += ["", "| engine | full pipeline |", "|---|---:|", *dask_rows(paths, words, workers)]
    return rows


def main(argv: list[str]) -> int:
    global MOJIBAKE_EVERY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400, help="documents for throughput")
    parser.add_argument("--paragraphs", type=int, default=13,
                        help="body paragraphs per document (13 is about 400 words)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--batch-size", type=int, default=32,
                        help="raw nlp.pipe batch size (the pipeline's own is 32)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per configuration; the best counts (shared machines)")
    parser.add_argument("--rss-docs", type=int, nargs="*", default=[1000, 10000],
                        help="N values for peak RSS (each in a fresh process); none to skip")
    parser.add_argument("--rss-paragraphs", type=int, default=2,
                        help="paragraphs per document in the RSS runs (short, to fit 10 min)")
    parser.add_argument("--mojibake-every", type=int, default=10,
                        help="save one document in K as cp1252 mojibake (0: none)")
    parser.add_argument("--dask", action="store_true",
                        help="also time --engine dask on LocalClusters (needs kfr-extract[dask])")
    parser.add_argument("--launches", type=int, default=5,
                        help="launches per row for the time to first record (median)")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--_rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    MOJIBAKE_EVERY = args.mojibake_every
    if args._rss_child is not None:
        rss_child(args._rss_child, args.paragraphs, args.workers[0])
        return 0

    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kfr-bench-") as tmp:
        paths = write_corpus(Path(tmp) / "corpus", args.docs, args.paragraphs)
        if not args.skip_throughput:
            print("\n".join(throughput_table(paths, args.workers, args.batch_size,
                                             args.repeat, args.dask)), flush=True)
        print(f"\n| time to first record (median of {args.launches} launches, range) | seconds |"
              "\n|---|---:|")
        first = sorted((Path(tmp) / "corpus").iterdir())[0]
        launches = {"raw spaCy: load the model, parse one document":
                    lambda: raw_first_doc_seconds(first)}
        for n in sorted(set(args.workers)):
            launches[f"kfr-extract --workers {n}"] = \
                lambda n=n: first_record_seconds(Path(tmp) / "corpus", n)
        times: dict[str, list[float]] = {name: [] for name in launches}
        for _ in range(args.launches):  # interleaved, so a busy moment hits every row
            for name, launch in launches.items():
                times[name].append(launch())
        for name, seconds in times.items():
            print(f"| {name} | {statistics.median(seconds):.2f} "
                  f"({min(seconds):.2f}-{max(seconds):.2f}) |", flush=True)
    if args.rss_docs:
        print(f"\n| documents ({args.rss_paragraphs + 3} lines each, 1 process) | peak RSS MiB |"
              "\n|---:|---:|")
        peaks = []
        for n in args.rss_docs:
            peaks.append(peak_rss_mib(n, args.rss_paragraphs, 1))
            print(f"| {n:,} | {peaks[-1]:.0f} |", flush=True)
        print(f"\npeak RSS growth, largest N vs smallest: {peaks[-1] / peaks[0] - 1:+.1%}")
    print(f"machine after: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
