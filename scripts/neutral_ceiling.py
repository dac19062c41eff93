#!/usr/bin/env python3
"""How far a strong three-class bag of words gets on kk_reviews dev (a measurement, not part of the product).

Issue 12 asks for 3-class macro-F1 >= 0.60 on kk_reviews. This trains a logistic regression (scikit-learn)
over tf-idf word unigrams and bigrams plus character 2-5-grams inside words, classes weighted equally, on
the Kazakh training reviews only (optionally with the rated export, 1-2 stars negative, 3 neutral, 4-5
positive), and prints, for a few regularisation strengths: 3-class macro-F1 on dev, binary macro-F1 as
`make eval` counts it (pos/neg items, a neutral guess a miss), and the share of dev texts called neutral.
Nothing is tuned on dev: every setting is printed.

  python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn
  /tmp/skvenv/bin/python scripts/neutral_ceiling.py [--rated]     # about a minute per setting on one core
"""
import csv
import os
import sys

from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(__file__))
from eval import NB_TRAIN, read_set, scores  # noqa: E402

RATED = "../shared/eval/train/kk_rated_reviews.csv"
DEV = "../shared/eval/dev/kk_reviews.tsv"


def labelled(path):
    """A set's texts (lower-cased) and labels, read as `make eval` reads them."""
    items = read_set(path)
    return [text.lower() for _, text in items], [label for label, _ in items]


def rated(path):
    texts, labels = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            stars = int(row["rating"])
            texts.append(row["comment"].lower())
            labels.append("neg" if stars <= 2 else "neu" if stars == 3 else "pos")
    return texts, labels


def main():
    train_x, train_y = labelled(NB_TRAIN["kk"])
    if "--rated" in sys.argv:
        x, y = rated(RATED)
        train_x += x
        train_y += y
    dev_x, dev_y = labelled(DEV)
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=300000)
    train = hstack([words.fit_transform(train_x), chars.fit_transform(train_x)]).tocsr()
    dev = hstack([words.transform(dev_x), chars.transform(dev_x)]).tocsr()
    print(f"train {len(train_y)} texts, dev {len(dev_y)}")
    print("C      3-class  binary  neutral share")
    for c in (0.25, 0.5, 2, 8):
        predicted = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(train, train_y).predict(dev)
        binary, three = scores(dev_y, list(predicted))
        print(f"{c:<6} {three:.3f}    {binary:.3f}   {list(predicted).count('neu') / len(predicted):.2f}")


if __name__ == "__main__":
    main()
