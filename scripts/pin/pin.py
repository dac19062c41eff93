#!/usr/bin/env python3
"""The equivalence pin of `verbatim classify --explain` (issue 14): `make pin` and `make pin-check`.

Runs `verbatim classify --explain` (TSV and JSON) over a fixed corpus of texts in every language
setting (--lang auto, tr, kk, mn, sr) and compares each output with the pin, a small committed file
(Tests/Pins/classify-explain.sha256) of one SHA-256 and line count per source, setting and format.

The corpus, one text per line, in this order:
  dev/<set>      every text of ../shared/eval/dev/*.tsv (`label<TAB>text`)
  train/<set>    the first TRAIN_HEAD texts of three ../shared/eval/train sets (more texts, same kinds)
  own/<kind>     the project's sets: Tests/Data/sentiment, aspects and langid (`...<TAB>text`, `#` comments skipped)
  edge/file      Tests/Pins/edge-cases.txt, every line as it is (empty lines, emoji, mixed scripts, ...)
  edge/bytes     texts a text file cannot hold well, made here: very long lines, control characters,
                 invalid UTF-8, a lone CR, NUL
The pin also holds each source's input hash, so that a changed input is told apart from a changed output.

Full outputs go to .pins/<name>/ (gitignored), one file per setting and format, with the input
(`input.txt`) and where each source starts (`sources.tsv`), so that two binaries' outputs can be
diffed line by line: `scripts/pin/pin.py write --bin OLD --out .pins/old` gives an older binary's outputs.

  pin.py write [--bin B]   write the outputs to .pins/pinned/ and the pin file (a deliberate re-pin)
  pin.py check [--bin B]   write the outputs to .pins/current/ and compare with the pin file;
                           exit 1 on any difference (listing the first lines that differ), 3 when
                           ../shared is missing (the pin cannot be checked without it)
"""
import argparse, hashlib, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("VERBATIM_SHARED", os.path.join(ROOT, "..", "shared"))
PIN_FILE = os.path.join(ROOT, "Tests", "Pins", "classify-explain.sha256")
EDGE_FILE = os.path.join(ROOT, "Tests", "Pins", "edge-cases.txt")
SETTINGS = ["auto", "tr", "kk", "mn", "sr"]
FORMATS = ["tsv", "json"]
DEV_SETS = ["kk_reviews", "sr_comments", "sr_tweets", "tr_movies", "tr_products", "tr_tweets"]
TRAIN_SETS = ["kk_reviews_train", "tr_movies_train", "sr_tweets_train"]
TRAIN_HEAD = 1000
OWN_KINDS = ["sentiment", "aspects", "langid"]
MIN_TEXTS = 10_000

EXIT_DIFFERENT, EXIT_USAGE, EXIT_NO_DATA = 1, 2, 3


class PinError(Exception):
    """A problem that stops the pin, with its exit code."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def last_fields(path, head=None):
    """The last TAB-separated field of each line that is not empty or a `#` comment, as UTF-8 bytes."""
    texts = []
    with open(path, "rb") as f:
        for raw in f:
            line = raw.rstrip(b"\n").rstrip(b"\r")
            if not line or line.startswith(b"#"):
                continue
            texts.append(line.split(b"\t")[-1])
            if head is not None and len(texts) == head:
                break
    return texts


def generated_edge_cases():
    """Texts kept out of edge-cases.txt because an editor or a diff would not show them well."""
    sentence = "Kargo üç gün gecikti ama müşteri temsilcisi çok ilgiliydi, teşekkürler. ".encode()
    return [
        sentence * 2000,                                           # ~150 KB, one line
        ("Өте жақсы қызмет, бірақ жеткізу баяу. ".encode() * 1500),  # ~100 KB of Kazakh
        "👍".encode() * 5000,                                       # 5,000 emoji
        b" " * 10_000,                                             # only spaces
        b"iyi" * 20_000,                                           # one 60 KB "word"
        b"\x01\x02\x03 kontrol karakterleri \x1b[31m k\xc3\xb6t\xc3\xbc",
        b"ge\xc3\xa7ersiz \xff\xfe utf-8 \xc3 berbat \xed\xa0\x80 surrogate",  # invalid UTF-8 (set aside: exit 2)
        b"iyi\rk\xc3\xb6t\xc3\xbc",                                # a CR inside a line
        b"nul\x00byte harika",
        b"\xef\xbb\xbf\xef\xbb\xbfiki BOM " + "kötü".encode(),     # byte order marks inside the text
    ]


def sources():
    """[(name, [text bytes])] in corpus order; PinError when ../shared is missing."""
    dev_dir, train_dir = os.path.join(SHARED, "eval", "dev"), os.path.join(SHARED, "eval", "train")
    missing = [p for p in [os.path.join(dev_dir, f"{s}.tsv") for s in DEV_SETS] + [os.path.join(train_dir, f"{s}.tsv") for s in TRAIN_SETS]
               if not os.path.isfile(p)]
    if missing:
        raise PinError(f"pin: the shared evaluation data is missing ({os.path.normpath(missing[0])}"
                       f"{f' and {len(missing) - 1} more' if len(missing) > 1 else ''}); the pin covers ../shared/eval "
                       "and cannot be checked without it. Put the shared folder beside the repository "
                       "(or set VERBATIM_SHARED).", EXIT_NO_DATA)
    out = [(f"dev/{s}", last_fields(os.path.join(dev_dir, f"{s}.tsv"))) for s in DEV_SETS]
    out += [(f"train/{s}", last_fields(os.path.join(train_dir, f"{s}.tsv"), head=TRAIN_HEAD)) for s in TRAIN_SETS]
    for kind in OWN_KINDS:
        folder = os.path.join(ROOT, "Tests", "Data", kind)
        texts = []
        for f in sorted(os.listdir(folder)):
            if f.endswith(".tsv"):
                texts += last_fields(os.path.join(folder, f))
        out.append((f"own/{kind}", texts))
    with open(EDGE_FILE, "rb") as f:
        out.append(("edge/file", [l.rstrip(b"\n") for l in f]))
    out.append(("edge/bytes", generated_edge_cases()))
    for name, texts in out:
        for t in texts:
            if b"\n" in t:
                raise PinError(f"pin: a text of {name} holds a line break", EXIT_USAGE)
    return out


def sha(data):
    return hashlib.sha256(data).hexdigest()


def joined(lines):
    """Lines as the bytes of a file: each followed by a line break."""
    return b"".join(line + b"\n" for line in lines)


def run_all(binary, out_dir):
    """Writes the corpus and every output to out_dir; returns the pin lines (input and output hashes)."""
    if not os.path.isfile(binary):
        raise PinError(f"pin: {binary} not found (build it first: swift build --product verbatim)", EXIT_USAGE)
    srcs = sources()
    total = sum(len(t) for _, t in srcs)
    if total < MIN_TEXTS:
        raise PinError(f"pin: only {total} texts (at least {MIN_TEXTS} expected); is ../shared/eval complete?", EXIT_NO_DATA)
    os.makedirs(out_dir, exist_ok=True)
    corpus = joined(t for _, texts in srcs for t in texts)
    with open(os.path.join(out_dir, "input.txt"), "wb") as f:
        f.write(corpus)
    pin = [f"# {total} texts, {len(srcs)} sources, settings {' '.join(SETTINGS)}, formats {' '.join(FORMATS)}"]
    with open(os.path.join(out_dir, "sources.tsv"), "w") as f:
        start = 0
        for name, texts in srcs:
            f.write(f"{name}\t{start + 1}\t{len(texts)}\n")
            start += len(texts)
            pin.append(f"input\t{name}\t{len(texts)}\t{sha(joined(texts))}")
    for lang in SETTINGS:
        for fmt in FORMATS:
            args = [binary, "classify", "--explain", "--lang", lang, "--format", fmt,
                    "--lexicons", os.path.join(ROOT, "lexicons"), os.path.join(out_dir, "input.txt")]
            p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
            # Exit 2: lines were set aside (the edge cases' invalid UTF-8), each said on standard error and
            # its row in its place; anything else on standard error, or another status, is a failure.
            set_aside = p.returncode == 2 and all(l.startswith(b"verbatim: line ") and l.endswith(b": not analysed")
                                                  for l in p.stderr.splitlines() if l)
            if p.returncode != 0 and not set_aside:
                raise PinError(f"pin: {' '.join(args[1:])} failed with {p.returncode}:\n{p.stderr.decode(errors='replace')}", EXIT_DIFFERENT)
            with open(os.path.join(out_dir, f"{lang}.{fmt}"), "wb") as f:
                f.write(p.stdout)
            lines = p.stdout.split(b"\n")
            if lines[-1] != b"" or len(lines) - 1 != total:
                raise PinError(f"pin: --lang {lang} --format {fmt} wrote {len(lines) - 1} lines for {total} texts", EXIT_DIFFERENT)
            start = 0
            for name, texts in srcs:
                part = lines[start:start + len(texts)]
                start += len(texts)
                pin.append(f"output\t{name}\t{lang}\t{fmt}\t{len(part)}\t{sha(joined(part))}")
    return pin


def read_pin():
    if not os.path.isfile(PIN_FILE):
        raise PinError(f"pin: {os.path.relpath(PIN_FILE, ROOT)} is missing (make pin writes it)", EXIT_DIFFERENT)
    with open(PIN_FILE, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def keyed(lines):
    """Pin lines by their key (everything but the count and hash)."""
    return {tuple(l.split("\t")[:-2]): tuple(l.split("\t")[-2:]) for l in lines if not l.startswith("#")}


def report_differences(out_dir, key):
    """Prints the first differing lines of one output against .pins/pinned/, when those outputs are there."""
    _, name, lang, fmt = key
    pinned_dir = os.path.join(ROOT, ".pins", "pinned")
    old_path, new_path = os.path.join(pinned_dir, f"{lang}.{fmt}"), os.path.join(out_dir, f"{lang}.{fmt}")
    if not os.path.isfile(old_path):
        print(f"    (no pinned outputs in .pins/pinned/ to compare with: run `scripts/pin/pin.py write --bin OLD_BINARY "
              f"--out .pins/pinned --no-pin-file` with the binary of the pinned commit)")
        return
    with open(old_path, "rb") as f:
        old = f.read().split(b"\n")
    with open(new_path, "rb") as f:
        new = f.read().split(b"\n")
    with open(os.path.join(out_dir, "input.txt"), "rb") as f:
        inputs = f.read().split(b"\n")
    shown = 0
    for k, (a, b) in enumerate(zip(old, new)):
        if a != b:
            print(f"    line {k + 1}: {inputs[k][:120].decode(errors='replace')}\n      pinned:  {a[:300].decode(errors='replace')}\n"
                  f"      current: {b[:300].decode(errors='replace')}")
            shown += 1
            if shown == 3:
                break
    print(f"    full diff: diff .pins/pinned/{lang}.{fmt} .pins/current/{lang}.{fmt}")


def main():
    ap = argparse.ArgumentParser(description="The equivalence pin of verbatim classify --explain.")
    ap.add_argument("mode", choices=["write", "check"])
    ap.add_argument("--bin", default=os.environ.get("VERBATIM", os.path.join(ROOT, ".build", "debug", "verbatim")))
    ap.add_argument("--out", help="folder for the full outputs (default .pins/pinned for write, .pins/current for check)")
    ap.add_argument("--no-pin-file", action="store_true", help="write: only the outputs, leave the pin file as it is")
    a = ap.parse_args()
    out_dir = a.out or os.path.join(ROOT, ".pins", "pinned" if a.mode == "write" else "current")
    try:
        if a.mode == "write":
            pin = run_all(a.bin, out_dir)
            if not a.no_pin_file:
                with open(PIN_FILE, "w", encoding="utf-8") as f:
                    f.write("# The pin of `verbatim classify --explain` (scripts/pin/pin.py, `make pin`; checked by `make pin-check`).\n")
                    f.write("# input<TAB>source<TAB>texts<TAB>sha256 · output<TAB>source<TAB>--lang<TAB>--format<TAB>lines<TAB>sha256\n")
                    f.write("\n".join(pin) + "\n")
            print(f"pin: {pin[0][2:]}; outputs in {os.path.relpath(out_dir, ROOT)}/"
                  + ("" if a.no_pin_file else f", pin in {os.path.relpath(PIN_FILE, ROOT)}"))
            return 0
        expected = keyed(read_pin())
        got = keyed(run_all(a.bin, out_dir))
        changed_inputs = [k for k in expected if k[0] == "input" and expected[k] != got.get(k)]
        changed = [k for k in expected if k[0] == "output" and expected[k] != got.get(k)]
        extra = [k for k in got if k not in expected]
        for k in changed_inputs:
            print(f"pin: the input {k[1]} changed ({expected[k][0]} texts pinned, {got[k][0] if k in got else 'none'} now): "
                  "the outputs cannot be compared for it; re-pin deliberately (make pin) if the data was meant to change")
        for k in changed:
            if k in got:
                print(f"pin: classify --explain --lang {k[2]} --format {k[3]} differs on {k[1]} "
                      f"({expected[k][0]} lines pinned, {got[k][0]} now)")
                report_differences(out_dir, k)
            else:
                print(f"pin: {k[1]} --lang {k[2]} --format {k[3]} is pinned but no longer produced")
        for k in extra:
            print(f"pin: {' '.join(k[1:])} is produced but not pinned (re-pin with make pin)")
        if changed_inputs or changed or extra:
            print(f"pin: {len(changed)} of {sum(1 for k in expected if k[0] == 'output')} outputs differ from "
                  f"{os.path.relpath(PIN_FILE, ROOT)}; a deliberate change is re-pinned in its own commit (make pin) with the diff reviewed")
            return EXIT_DIFFERENT
        n = sum(1 for k in expected if k[0] == "output")
        print(f"pin: all {n} outputs match {os.path.relpath(PIN_FILE, ROOT)} ({got and read_pin_summary()})")
        return 0
    except PinError as e:
        print(str(e), file=sys.stderr)
        return e.code


def read_pin_summary():
    with open(PIN_FILE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# ") and " texts, " in line:
                return line[2:].strip()
    return ""


if __name__ == "__main__":
    sys.exit(main())
