#!/usr/bin/env python3
"""The naive-Bayes reference of `make eval` (not part of the product).

A multinomial naive Bayes over lowercased `\\w+` unigrams and bigrams,
binary features (each counted once per text), Laplace smoothing, trained on
one labelled `label<TAB>text` file and applied to another. It is the
bag-of-words baseline that the learned lexicon layers must match or beat:
accurate where it has in-domain training data, but unable to explain a label.

  python3 scripts/nb_reference.py TRAIN.tsv TEST.tsv     # prints one predicted label per test line
  import nb_reference; nb_reference.train(...), nb_reference.predict(...)

Only pos and neg training items are used (the binary reference); neutral
test items are predicted pos or neg like any other.
"""
import math, re, sys
from collections import Counter

WORD = re.compile(r"\w+", re.UNICODE)


def features(text):
    words = WORD.findall(text.lower())
    return set(words) | {a + " " + b for a, b in zip(words, words[1:])}


def read(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] in ("pos", "neg", "neu"):
                items.append((parts[0], parts[-1]))
    return items


def train(items, alpha=1.0):
    counts = {"pos": Counter(), "neg": Counter()}
    docs = Counter()
    for label, text in items:
        if label not in counts:
            continue
        docs[label] += 1
        counts[label].update(features(text))
    vocab = set(counts["pos"]) | set(counts["neg"])
    total = {c: sum(counts[c].values()) for c in counts}
    n = sum(docs.values())
    model = {"prior": {c: math.log(docs[c] / n) for c in counts}, "loglik": {}, "unseen": {}}
    for c in counts:
        denom = total[c] + alpha * len(vocab)
        model["loglik"][c] = {w: math.log((counts[c][w] + alpha) / denom) for w in vocab}
        model["unseen"][c] = math.log(alpha / denom)
    model["vocab"] = vocab
    return model


def predict(model, text):
    feats = [w for w in features(text) if w in model["vocab"]]
    best, best_score = None, None
    for c in ("pos", "neg"):
        s = model["prior"][c] + sum(model["loglik"][c][w] for w in feats)
        if best_score is None or s > best_score:
            best, best_score = c, s
    return best


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: nb_reference.py TRAIN.tsv TEST.tsv")
    m = train(read(sys.argv[1]))
    for _, text in read(sys.argv[2]):
        print(predict(m, text))
