#!/usr/bin/env python3
"""VADER over a file of texts, one per line, in one process: the reference `make bench` times `classify` against.

Run with the bench's own virtualenv (.benchmarks/venv, where bench.py installs vaderSentiment from PyPI):
`SentimentIntensityAnalyzer().polarity_scores` per line, as issue 14 measured it. Prints how many lines
it scored and the sum of their compound scores (so the work cannot be skipped, and two runs can be compared).
"""
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main(path):
    analyzer = SentimentIntensityAnalyzer()
    n, total = 0, 0.0
    with open(path, encoding="utf-8") as f:
        for line in f:
            total += analyzer.polarity_scores(line.rstrip("\n"))["compound"]
            n += 1
    print(f"{n}\t{total:.4f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: vader_lines.py TEXTS")
    main(sys.argv[1])
