#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus of customer-feedback exports.

    generate_corpus.py OUT_DIR --records N [--seed S]

N records split over CSV files of several dialects and encodings (comma UTF-8,
semicolon windows-1254 with CRLF, TSV UTF-16 LE with BOM, semicolon
windows-1250, comma windows-1251) and XML files (RSS 2.0, Atom, a custom
shape), in Turkish, Kazakh, Mongolian and Serbian (both scripts) with some
Russian and English, with employees, dates, ratings and emoji. Texts are
assembled from the project's own test sentences (Tests/Data), with the length
distribution of real comments: most 5-40 words, a long tail to 2,000
characters. The same N and seed give the same bytes.
"""
import argparse, os, random
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_sentences():
    by_lang = {}
    def add(lang, text):
        by_lang.setdefault(lang, []).append(text)
    for lang in ("tr", "kk", "mn", "sr"):
        for name, col in ((f"Tests/Data/sentiment/{lang}.tsv", 2), (f"Tests/Data/langid/{lang}.tsv", 1)):
            with open(os.path.join(ROOT, name), encoding="utf-8") as f:
                for line in f:
                    if line.startswith("#") or not line.strip():
                        continue
                    parts = line.rstrip("\n").split("\t")
                    if len(parts) > col and parts[0] != "und":
                        add(lang, parts[col])
    with open(os.path.join(ROOT, "Tests/Data/langid/other.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] == "ru":
                add("ru", parts[1])
            elif len(parts) >= 2 and parts[0] == "und" and len(parts[1].split()) >= 3:
                add("en", parts[1])
    return by_lang


EMOJI = ["👍", "👎", "🙏", "😡", "😊", "❤️", "🤬", "😍", "🐌", "⭐", "👍🏽", "😂"]
EMPLOYEES = {
    "tr": ["Ayşe Yılmaz", "Mehmet Demir", "Zeynep Kaya", "Emre Şahin", "Selin Aydın", "Burak Koç"],
    "kk": ["Айгерім Сәрсенова", "Нұрлан Әбенов", "Дана Қасымова", "Ержан Мұратов"],
    "mn": ["Болормаа Батбаяр", "Тэмүүжин Ганбат", "Сарангэрэл Дорж", "Номин Эрдэнэ"],
    "sr": ["Jelena Petrović", "Marko Jovanović", "Ivana Ilić", "Милош Стојановић", "Ана Николић"],
}


def comment(rng, pool):
    """A comment of realistic length: mostly 5-40 words, a long tail to 2,000 characters."""
    r = rng.random()
    target_words = rng.randint(5, 40) if r < 0.85 else rng.randint(40, 120) if r < 0.98 else rng.randint(120, 330)
    words = []
    while len(words) < target_words:
        words.extend(rng.choice(pool).split())
    text = " ".join(words[:target_words])[:2000]
    if rng.random() < 0.15:
        text += " " + rng.choice(EMOJI)
    return text


def record_stream(rng, sentences, n):
    langs = ["tr"] * 30 + ["kk"] * 20 + ["mn"] * 15 + ["sr"] * 25 + ["ru"] * 7 + ["en"] * 3
    for i in range(n):
        lang = rng.choice(langs)
        staff = EMPLOYEES.get(lang) or EMPLOYEES["kk"]
        day = 1 + (i * 30) // max(n, 1)
        yield {
            "id": f"B-{i:08d}",
            "date": (day, rng.randint(8, 20), rng.randint(0, 59)),
            "employee": rng.choice(staff) if rng.random() < 0.9 else "",
            "channel": rng.choice(["Phone", "Chat", "Email", "Twitter", "Instagram"]),
            "rating": rng.randint(1, 5),
            "text": comment(rng, sentences[lang]),
            "lang": lang,
        }


def csv_field(s, delim):
    if any(c in s for c in (delim, '"', "\n", "\r")):
        return '"' + s.replace('"', '""') + '"'
    return s


CSV_DIALECTS = [
    # name, delimiter, encoding, line end, header, date format, languages it carries
    ("survey_utf8.csv", ",", "utf-8", "\n", ["ID", "Date", "Agent", "Channel", "Rating", "Comment"], "iso", None),
    ("anket_cp1254.csv", ";", "cp1254", "\r\n", ["Yanıt No", "Tarih", "Temsilci", "Kanal", "Puan", "Yorum"], "dmy", {"tr", "en"}),
    ("export_utf16.tsv", "\t", "utf-16", "\r\n", ["ID", "Date", "Agent", "Channel", "Rating", "Comment"], "dmy", None),
    ("anketa_cp1250.csv", ";", "cp1250", "\r\n", ["ID", "Datum", "Operater", "Kanal", "Ocena", "Komentar"], "dmy.", {"sr-latn", "en"}),
    ("anketa_cp1251.csv", ",", "cp1251", "\r\n", ["ИД", "Датум", "Оператер", "Канал", "Оцена", "Коментар"], "dmy.", {"sr-cyrl", "ru"}),
]


def fmt_date(d, style):
    day, h, m = d
    if style == "iso":
        return f"2026-11-{day:02d}T{h:02d}:{m:02d}:00+03:00"
    if style == "dmy":
        return f"{day:02d}.11.2026 {h:02d}:{m:02d}"
    return f"{day:02d}.11.2026."


def is_cyrillic(s):
    return any("\u0400" <= c <= "\u04ff" for c in s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--files", type=int, default=16, help="files per format family")
    ap.add_argument("--json", action="store_true",
                    help="write JSON exports instead (a chat export's document, an API's array, NDJSON), from records of their own")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sentences = load_sentences()
    os.makedirs(args.out, exist_ok=True)
    if args.json:
        return write_json(args, random.Random(args.seed + 1), sentences)
    n_csv = int(args.records * 0.8)
    n_xml = args.records - n_csv

    # CSV: each record goes to the first dialect that can carry it.
    handles = {}
    per_file = max(1, n_csv // args.files)
    counts = {}
    for k, r in enumerate(record_stream(rng, sentences, n_csv)):
        choices = [d for d in CSV_DIALECTS if d[6] is None]
        if r["lang"] == "tr":
            choices += [CSV_DIALECTS[1]]
        if r["lang"] == "sr":
            choices += [CSV_DIALECTS[4] if is_cyrillic(r["text"]) else CSV_DIALECTS[3]]
        d = choices[k % len(choices)]
        name, delim, enc, eol, header, dstyle, _ = d
        part = counts.get(name, 0) // per_file
        fname = f"{part:03d}_{name}"
        text = r["text"]
        try:
            (text + r["employee"]).encode(enc)
        except UnicodeEncodeError:
            d = CSV_DIALECTS[0]; name, delim, enc, eol, header, dstyle, _ = d
            part = counts.get(name, 0) // per_file
            fname = f"{part:03d}_{name}"
        counts[name] = counts.get(name, 0) + 1
        if fname not in handles:
            f = open(os.path.join(args.out, fname), "w", encoding=enc, newline="")
            f.write(delim.join(csv_field(h, delim) for h in header) + eol)
            handles[fname] = f
        row = [r["id"], fmt_date(r["date"], dstyle), r["employee"], r["channel"], str(r["rating"]), text]
        handles[fname].write(delim.join(csv_field(x, delim) for x in row) + eol)
    for f in handles.values():
        f.close()

    # XML: RSS, Atom and a custom shape, round-robin.
    shapes = ["rss", "atom", "custom"]
    per_xml = max(1, n_xml // max(1, args.files // 2))
    out = None
    for k, r in enumerate(record_stream(rng, sentences, n_xml)):
        if k % per_xml == 0:
            if out:
                out.write(closing)
                out.close()
            shape = shapes[(k // per_xml) % 3]
            out = open(os.path.join(args.out, f"{k // per_xml:03d}_mentions_{shape}.xml"), "w", encoding="utf-8")
            if shape == "rss":
                out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>mentions</title>\n')
                closing = "</channel></rss>\n"
            elif shape == "atom":
                out.write('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>mentions</title>\n')
                closing = "</feed>\n"
            else:
                out.write('<?xml version="1.0" encoding="UTF-8"?>\n<mentions source="bench">\n')
                closing = "</mentions>\n"
        day, h, m = r["date"]
        t = escape(r["text"])
        if shape == "rss":
            out.write(f"<item><guid>{r['id']}</guid><pubDate>Sat, {day:02d} Nov 2026 {h:02d}:{m:02d}:00 +0300</pubDate>"
                      f"<author>@user{k}</author><category>{r['channel']}</category><description><![CDATA[{r['text'].replace(']]>', '')}]]></description></item>\n")
        elif shape == "atom":
            out.write(f"<entry><id>tag:bench,2026:{r['id']}</id><published>2026-11-{day:02d}T{h:02d}:{m:02d}:00+08:00</published>"
                      f"<author><name>user{k}</name></author><category term=\"{r['channel']}\"/><content type=\"text\">{t}</content></entry>\n")
        else:
            agent = f"<agent>{escape(r['employee'])}</agent>" if r["employee"] else ""
            out.write(f"<post id=\"{r['id']}\" created=\"2026-11-{day:02d}T{h:02d}:{m:02d}:00+05:00\"><author>u{k}</author>{agent}"
                      f"<network>{r['channel']}</network><text>{t}</text></post>\n")
    if out:
        out.write(closing)
        out.close()


def write_json(args, rng, sentences):
    """JSON exports of `args.records` records, round-robin over three shapes: Telegram's chat export (a
    document whose records are its member 'messages'), an API's top-level array, and NDJSON."""
    import json
    shapes = ["telegram", "array", "ndjson"]
    per_file = max(1, args.records // max(1, args.files // 2))
    batch, k0 = [], 0

    def flush(k):
        if not batch:
            return
        shape = shapes[(k // per_file) % 3]
        path = os.path.join(args.out, f"{k // per_file:03d}_mentions_{shape}.{'ndjson' if shape == 'ndjson' else 'json'}")
        with open(path, "w", encoding="utf-8") as f:
            if shape == "telegram":
                json.dump({"name": "Support", "type": "public_supergroup", "id": 77, "messages": batch}, f, ensure_ascii=False, indent=1)
            elif shape == "array":
                json.dump(batch, f, ensure_ascii=False, indent=1)
            else:
                f.writelines(json.dumps(m, ensure_ascii=False) + "\n" for m in batch)
        batch.clear()

    for k, r in enumerate(record_stream(rng, sentences, args.records)):
        if k % per_file == 0:
            flush(k0)
            k0 = k
        day, h, m = r["date"]
        batch.append({"id": r["id"], "type": "message", "date": f"2026-11-{day:02d}T{h:02d}:{m:02d}:00",
                      "date_unixtime": str(1795248000 + k), "from": f"user{k}", "from_id": f"user{k}",
                      "channel": r["channel"], "text": r["text"], "text_entities": []})
    flush(k0)


if __name__ == "__main__":
    main()
