#!/usr/bin/env python3
"""Could a learned layer be enabled by default? Re-scores each text's evidence under candidate rules.

For every set of `make eval` with a learned layer, each text is classified with the language's layer
(`verbatim classify --explain --layer`, through scripts/eval.py), and its evidence is summed again as
the scorer sums it (each entry's contribution after its rules, normalised with the scorer's alpha)
under a rule that weighs the learned entries or sets a threshold for texts whose only evidence is
learned. Prints binary and 3-class macro-F1 per set and rule (README, "Can a layer be made safe for
customer-service text?"). A measurement, not part of the product; it learns nothing.

    python3 scripts/layer_rules.py
"""
import math, os, re, sys

sys.path.insert(0, os.path.dirname(__file__))
from eval import LAYERS, SETS, SHORT, classify, read_set, scores  # noqa: E402

# The scorer's normalisation constant (SentimentRules.alpha, VADER's).
ALPHA = 15.0
# One neutral band for texts with hand-written evidence (the default's).
BAND = 0.05
# A question: `?` or a question particle.
QUESTION = re.compile(r"\?|\b(ма|ме|ба|бе|па|пе|mı|mi|mu|mü|li)\b", re.I)
# One evidence entry of `--explain`: term, valence, learned counts (and the hand valence it adjusts),
# the rules in brackets, and the contribution after them.
ENTRY = re.compile(
    r"(?:^|; )(?P<term>[^;]+?) (?P<v>[+-]?\d+(?:\.\d+)?)"
    r"(?: learned\(n_pos=\d+ n_neg=\d+(?P<adj>; hand [+-]?\d+(?:\.\d+)?)?\))?"
    r"(?P<learned_mark> )?(?:\[(?P<tags>[^\]]*)\])?(?: → (?P<f>[+-]?\d+(?:\.\d+)?))?(?=; |$)")


def entries(evidence):
    """(kind, contribution) per entry: hand (hand-written), adjusted (a hand entry the layer
    re-weighed), new, pair or rule (learned), emphasis (the `!` of the whole text)."""
    out = []
    for m in ENTRY.finditer(evidence):
        f = float(m["f"] if m["f"] else m["v"])
        tags = m["tags"] or ""
        if m["term"] == "!":
            kind = "emphasis"
        elif "learned(" not in m.group(0):
            kind = "hand"
        elif m["adj"]:
            kind = "adjusted"
        elif "pair" in tags:
            kind = "pair"
        elif "rule word" in tags:
            kind = "rule"
        else:
            kind = "new"
        out.append((kind, f))
    return out


def label(score, band):
    return "pos" if score >= band else "neg" if score <= -band else "neu"


def rescore(text, evidence, weight, alone, questions):
    """The label under a rule: learned entries (new words, pairs, rule words) weighted by `weight`; a text
    with no hand-written evidence needs |score| >= `alone`, and is neutral when it is a question and
    `questions` is set."""
    parts = entries(evidence)
    hand = any(k in ("hand", "adjusted") for k, _ in parts)
    x = sum(f * (weight if k in ("new", "pair", "rule") else 1) for k, f in parts)
    score = x / math.sqrt(x * x + ALPHA) if x else 0.0
    if hand:
        return label(score, BAND)
    if questions and QUESTION.search(text):
        return "neu"
    return label(score, alone)


RULES = [
    ("all learned, as bundled", dict(weight=1, alone=BAND, questions=False)),
    ("learned-only evidence needs |score| >= 0.3", dict(weight=1, alone=0.3, questions=False)),
    ("new words, pairs, rule words at half weight", dict(weight=0.5, alone=BAND, questions=False)),
    ("both (half weight, >= 0.3 alone)", dict(weight=0.5, alone=0.3, questions=False)),
    ("learned-only questions neutral, >= 0.14 alone", dict(weight=1, alone=0.14, questions=True)),
]


def main():
    sets = [(path, lang) for path, lang in SETS if lang in LAYERS and os.path.exists(path)]
    rows = {name: [] for name, _ in RULES}
    rows["hand only (the default)"] = []
    for path, lang in sets:
        items = read_set(path)
        gold = [g for g, _ in items]
        hand, _ = classify(items, lang)
        _, lines = classify(items, lang, f"{lang}={LAYERS[lang]}")
        evidence = [l.split("\t")[5] if len(l.split("\t")) > 5 else "" for l in lines]
        rows["hand only (the default)"].append(scores(gold, hand))
        for name, rule in RULES:
            pred = [rescore(t, e, **rule) for (_, t), e in zip(items, evidence)]
            rows[name].append(scores(gold, pred))
    names = [os.path.basename(p).split(".")[0] + ("" if "/dev/" in p else " (own)") for p, _ in sets]
    print("rule".ljust(48) + "".join(n.rjust(20) for n in names))
    for name in ["hand only (the default)"] + [n for n, _ in RULES]:
        cells = "".join((f"{b:.3f}" + (f" ({t:.3f})" if t is not None else "")).rjust(20) for b, t in rows[name])
        print(name.ljust(48) + cells)


if __name__ == "__main__":
    main()
