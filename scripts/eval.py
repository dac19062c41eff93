#!/usr/bin/env python3
"""Accuracy of `verbatim classify` on labelled sets: `make eval`.

Each set is a TSV of `label<TAB>text` (or `label<TAB>tags<TAB>text` for the
project's own sets in Tests/Data/sentiment), label pos/neg/neu. For every file,
side by side: the hand-written lexicons alone (the default), with the language's learned layer
(lexicons/learned/, `--layer`), and the naive-Bayes reference (scripts/nb_reference.py, trained
on ../shared/eval/train): macro-F1 on positive vs negative (items labelled
pos/neg; a neutral prediction counts as a miss), macro-F1 over three classes
where the data has neutral items, the share of items with at least one lexicon
match, and the confusion matrix. The language is declared (--lang) from the file
name prefix, or identified with --auto.

Options for tuning without overfitting (see README, Accuracy):
  --half even|odd   score only the items with an even / odd 0-based index in
                    each file: look for misses in one half, check that a change
                    also helps the other
  --only NAME,...   only the sets whose file name contains one of the NAMEs
  --misses DIR      write each set's misclassified items with their evidence
                    (gold, predicted, text, evidence) to DIR/<set>.tsv, as the
                    hand-written lexicons alone (the default) classify them;
                    --learned-misses: as the language's learned layer does
  --aspects         only the aspect-sentiment section (theme P/R/F1 and polarity
                    accuracy per language, tuning and held-out halves);
                    --aspect-misses also lists the tuning half's misses
"""
import argparse, os, subprocess, sys

BIN = os.environ.get("VERBATIM", ".build/release/verbatim")
SETS = [
    ("../shared/eval/dev/kk_reviews.tsv", "kk"),
    ("../shared/eval/dev/tr_products.tsv", "tr"),
    ("../shared/eval/dev/tr_movies.tsv", "tr"),
    ("../shared/eval/dev/tr_tweets.tsv", "tr"),
    ("../shared/eval/dev/sr_comments.tsv", "sr"),
    ("../shared/eval/dev/sr_tweets.tsv", "sr"),
    ("Tests/Data/sentiment/tr.tsv", "tr"),
    ("Tests/Data/sentiment/kk.tsv", "kk"),
    ("Tests/Data/sentiment/mn.tsv", "mn"),
    ("Tests/Data/sentiment/sr.tsv", "sr"),
    ("Tests/Data/sentiment/ru.tsv", "ru"),
]
SHORT = {"positive": "pos", "negative": "neg", "neutral": "neu"}


def data_lines(path):
    """The TAB-separated fields of each line of a set that is not empty or a `#` comment."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def read_set(path):
    items = []
    for parts in data_lines(path):
        if len(parts) >= 2 and parts[0] in ("pos", "neg", "neu"):
            items.append((parts[0], parts[-1]))
    return items


def f1(gold, pred, cls):
    tp = sum(1 for g, p in zip(gold, pred) if g == cls and p == cls)
    fp = sum(1 for g, p in zip(gold, pred) if g != cls and p == cls)
    fn = sum(1 for g, p in zip(gold, pred) if g == cls and p != cls)
    if tp == 0:
        return 0.0
    prec, rec = tp / (tp + fp), tp / (tp + fn)
    return 2 * prec * rec / (prec + rec)


# The learned layers measured in the "learned" column (written by `make learn`), by language.
LAYER_DIR = os.environ.get("LAYER_DIR", "lexicons/learned")  # another folder of layers to measure instead
LAYERS = {
    "kk": f"{LAYER_DIR}/kk_reviews.tsv",
    "tr": f"{LAYER_DIR}/tr_movies.tsv",
    "sr": f"{LAYER_DIR}/sr_tweets.tsv",
}
# The naive-Bayes reference: trained on ../shared/eval/train, by language (scripts/nb_reference.py).
NB_TRAIN = {
    "kk": "../shared/eval/train/kk_reviews_train.tsv",
    "tr": "../shared/eval/train/tr_movies_train.tsv",
    "sr": "../shared/eval/train/sr_tweets_train.tsv",
}


def classify(items, lang, layer=None):
    """`verbatim classify --explain` over the items, with a learned layer or without: (predicted labels, explain lines)."""
    text = "".join(t.replace("\r", " ") + "\n" for _, t in items)
    args = [BIN, "classify", "--lang", lang, "--explain"] + (["--layer", layer] if layer else [])
    out = subprocess.run(args, input=text.encode(), capture_output=True, check=True).stdout.decode()
    lines = out.split("\n")[: len(items)]
    return [SHORT[l.split("\t")[0]] for l in lines], lines


def scores(gold, pred):
    """(binary macro-F1 over pos/neg items, where a neutral prediction is a miss; 3-class macro-F1 or None)."""
    pn = [(g, p) for g, p in zip(gold, pred) if g in ("pos", "neg")]
    f1_pn = (f1([g for g, _ in pn], [p for _, p in pn], "pos") + f1([g for g, _ in pn], [p for _, p in pn], "neg")) / 2
    f1_3 = sum(f1(gold, pred, c) for c in ("pos", "neg", "neu")) / 3 if "neu" in gold else None
    return f1_pn, f1_3


def main():
    ap = argparse.ArgumentParser(description="Accuracy of verbatim classify on labelled sets.")
    ap.add_argument("--half", choices=["even", "odd"])
    ap.add_argument("--only", default="")
    ap.add_argument("--misses")
    ap.add_argument("--learned-misses", action="store_true", help="with --misses: the misses of the learned layer, not of the default")
    ap.add_argument("--auto", action="store_true", help="identify the language (--lang auto) instead of declaring it, as a new user would")
    ap.add_argument("--no-reference", action="store_true", help="skip the naive-Bayes reference")
    args = ap.parse_args()
    only = [n for n in args.only.split(",") if n]
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import nb_reference
    models = {}
    rows = []
    details = []
    for path, lang in SETS:
        if only and not any(n in os.path.basename(path) for n in only):
            continue
        if not os.path.exists(path):
            print(f"(skipped: {path} not found)", file=sys.stderr)
            continue
        items = read_set(path)
        if args.half:
            items = items[(0 if args.half == "even" else 1)::2]
        declared = "auto" if args.auto else lang
        gold = [g for g, _ in items]
        hand, hand_lines = classify(items, declared)
        pred, lines = hand, hand_lines
        layered = lang in LAYERS and os.path.exists(LAYERS[lang])
        if layered:
            pred, lines = classify(items, declared, f"{lang}={LAYERS[lang]}")
        hit = [("no lexicon match" not in l) for l in lines]
        nb = None
        if not args.no_reference and lang in NB_TRAIN and os.path.exists(NB_TRAIN[lang]):
            if lang not in models:
                models[lang] = nb_reference.train(nb_reference.read(NB_TRAIN[lang]))
            nb = scores(gold, [nb_reference.predict(models[lang], t) for _, t in items])[0]
        if args.misses:
            os.makedirs(args.misses, exist_ok=True)
            with open(os.path.join(args.misses, os.path.basename(path)), "w", encoding="utf-8") as f:
                shown = (pred, lines) if args.learned_misses else (hand, hand_lines)
                for (g, t), p, l in zip(items, *shown):
                    if g != p:
                        cols = l.split("\t")
                        f.write(f"{g}\t{p}\t{cols[1]}\t{t}\t{cols[5] if len(cols) > 5 else ''}\n")
        # A language without a learned layer shows no learned figures (they would be the hand ones again).
        learned = scores(gold, pred) if layered else (None, None)
        rows.append((os.path.basename(path), lang, len(items), scores(gold, hand), learned, nb, sum(hit) / len(hit)))
        classes = sorted(set(gold), key=["pos", "neg", "neu"].index)
        cm = {(g, p): 0 for g in classes for p in ("pos", "neg", "neu")}
        for g, p in zip(gold, pred):
            cm[(g, p)] += 1
        details.append((os.path.basename(path) + (" (learned)" if layered else " (hand)"), classes, cm))

    def f(v):
        return f"{v:.3f}" if v is not None else "—"

    print("Binary macro-F1 (pos/neg items; a neutral prediction is a miss) and 3-class macro-F1 where the set has neutral items.")
    print("hand: hand-written lexicons only (the default); learned: with the language's learned layer (LAYERS, `--layer`);")
    print("NB: naive-Bayes reference trained on ../shared/eval/train for the language (scripts/nb_reference.py).")
    print(f"{'set':<20} {'lang':<4} {'n':>5} {'hand F1':>8} {'hand 3c':>8} {'learned F1':>10} {'learned 3c':>10} {'NB F1':>7} {'coverage':>8}")
    for name, lang, n, (hf, h3), (lf, l3), nb, cov in rows:
        print(f"{name:<20} {lang:<4} {n:>5} {f(hf):>8} {f(h3):>8} {f(lf):>10} {f(l3):>10} {f(nb):>7} {cov:>8.2f}")
    print()
    for name, classes, cm in details:
        print(f"{name}: gold ↓ / predicted →   pos   neg   neu")
        for g in classes:
            print(f"  {g:<44}{cm[(g,'pos')]:>5} {cm[(g,'neg')]:>5} {cm[(g,'neu')]:>5}")


ASPECT_SETS = [(f"Tests/Data/aspects/{lang}.tsv", lang) for lang in ("tr", "kk", "mn", "sr", "ru")]


def read_aspect_set(path):
    """Items of an aspect set: ({theme: polarity}, text); polarity pos/neg/neu."""
    items = []
    for parts in data_lines(path):
        gold = dict(p.split(":") for p in parts[0].split(",") if p)
        items.append((gold, parts[-1]))
    return items


def aspect_eval(show_misses=False):
    """Theme detection and per-theme polarity on Tests/Data/aspects (issue 13), per language and half:
    `tune` (even 0-based index, looked at while writing the rules) and `held-out` (odd, not looked at).
    Precision and recall count theme ids; polarity accuracy is over the themes found that are in the gold."""
    print()
    print("Aspect sentiment (Tests/Data/aspects): themes found and their polarity")
    print(f"{'set':<10} {'half':<9} {'n':>4} {'themes':>6} {'P':>6} {'R':>6} {'F1':>6} {'pol acc':>8}")
    for path, lang in ASPECT_SETS:
        if not os.path.exists(path):
            print(f"(skipped: {path} not found)", file=sys.stderr)
            continue
        items = read_aspect_set(path)
        text = "".join(t.replace("\r", " ") + "\n" for _, t in items)
        out = subprocess.run([BIN, "classify", "--lang", lang, "--explain"], input=text.encode(), capture_output=True, check=True).stdout.decode()
        lines = out.split("\n")[: len(items)]
        for half, start, step in (("tune", 0, 2), ("held-out", 1, 2), ("all", 0, 1)):
            tp = fp = fn = right = 0
            n = 0
            for k in range(start, len(items), step):
                gold, t = items[k]
                cols = lines[k].split("\t")
                found = dict(p.split(":") for p in (cols[6] if len(cols) > 6 else "").split(",") if p)
                found = {th: SHORT[pol] for th, pol in found.items()}
                n += 1
                tp += len(gold.keys() & found.keys())
                fp += len(found.keys() - gold.keys())
                fn += len(gold.keys() - found.keys())
                right += sum(1 for th in gold.keys() & found.keys() if gold[th] == found[th])
                if show_misses and half == "tune" and (gold != found):
                    print(f"  miss {lang}#{k}: gold {gold} found {found}: {t}")
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            acc = right / tp if tp else 0.0
            print(f"{lang:<10} {half:<9} {n:>4} {tp + fn:>6} {p:>6.3f} {r:>6.3f} {f:>6.3f} {acc:>8.3f}")


if __name__ == "__main__":
    if "--aspects" in sys.argv:
        aspect_eval(show_misses="--aspect-misses" in sys.argv)
    else:
        main()
        aspect_eval()
