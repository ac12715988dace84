#!/usr/bin/env python3
"""Writes the sample office files in this folder from the example site's data (data/), shaped
as the office's system exports them: run from the project root, `python3 examples/imports/make.py`.

- export-2567.csv: the office's flat export of 2567 in long layout, Thai headers in the office's
  order, extra columns (row number, record date), two title rows, UTF-8 with BOM, CRLF, the
  indicator's wording per LAO type, ratio with 5 decimals.
- export-2565-wide.csv: 2565 in wide layout (a row per LAO, (1) and (2) per indicator), windows-874.
- report-2569-6810408.html: the per-LAO public report of one LAO for 2569 as a browser saves it
  (windows-874 with a <meta> charset, area rows across the table, numbering within each area).
"""
import csv, io, random, re, yaml

TYPE_TH = {"pao": "อบจ.", "city_municipality": "เทศบาลนคร", "town_municipality": "เทศบาลเมือง",
           "subdistrict_municipality": "เทศบาลตำบล", "sao": "อบต.", "bangkok": "กรุงเทพมหานคร", "pattaya": "เมืองพัทยา"}
PREFIX = {"pao": "องค์การบริหารส่วนจังหวัด", "city_municipality": "เทศบาลนคร", "town_municipality": "เทศบาลเมือง",
          "subdistrict_municipality": "เทศบาลตำบล", "sao": "องค์การบริหารส่วนตำบล", "bangkok": "กรุงเทพมหานคร", "pattaya": "เมืองพัทยา"}
WORD = {"pao": "อบจ.", "city_municipality": "เทศบาล", "town_municipality": "เทศบาล", "subdistrict_municipality": "เทศบาล",
        "sao": "อบต.", "bangkok": "กรุงเทพมหานคร", "pattaya": "เมืองพัทยา"}
THAI_TYPE = {v: k for k, v in TYPE_TH.items()}


def laos():
    out = {}
    for r in csv.DictReader(open("data/laos.csv", encoding="utf-8")):
        t = r["type"] if r["type"] in TYPE_TH else THAI_TYPE.get(r["type"], THAI_TYPE.get(r["type"] + "."))
        out[r["code"]] = dict(r, type=t)
    return out


def year(be):
    # YAML 1.1 (PyYAML) reads the key `no` as false; prakat reads YAML 1.2.
    text = re.sub(r"\bno:", '"no":', open(f"data/{be}/catalog.yaml", encoding="utf-8").read())
    cat = yaml.safe_load(text)
    rows = list(csv.DictReader(open(f"data/{be}/results.csv", encoding="utf-8")))
    return cat, rows


def target(ind, t):
    tg = ind["target"]
    if isinstance(tg, dict):
        return tg.get(t, tg.get("default"))
    return tg


def ratio(b, d):
    try:
        b, d = float(b.replace(",", "")), float(d.replace(",", ""))
    except ValueError:
        return "-"
    return "-" if b == 0 else f"{d / b * 100:.5f}"


def num(x):
    return x.replace(",", "")


def export_long(be):
    reg, (cat, rows) = laos(), year(be)
    inds = {i["id"]: i for i in cat["indicators"]}
    areas = {a["no"]: a["name_th"] for a in cat["areas"]}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([f"รายงานผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะ ประจำปีงบประมาณ พ.ศ. {be}"])
    w.writerow(["ข้อมูล ณ วันที่ 30 กันยายน " + str(be)])
    w.writerow(["ลำดับ", "จังหวัด", "อำเภอ", "รหัส อปท.", "ประเภท อปท.", "ชื่อ อปท.", "ด้าน", "ตัวชี้วัด", "เกณฑ์ชี้วัด",
                "ค่าเป้าหมาย (%)", "กรอบการประเมิน (1)", "การจัดบริการสาธารณะ (2)", "(2) เทียบกับ (1) %", "ผลการประเมิน",
                "วันที่บันทึก"])
    for n, r in enumerate(rows, 1):
        lao, ind = reg[r["code"]], inds[r["indicator"]]
        t = lao["type"]
        text = ind["text_th"].replace("{lao}", WORD[t])
        a = ind["area"]
        w.writerow([n, lao["province_th"], lao["district_th"], r["code"], TYPE_TH[t],
                    "" if t in ("bangkok", "pattaya") else lao["name_th"], f"ด้านที่ {a} {areas[a][4:] if areas[a].startswith('ด้าน') else areas[a]}",
                    r["indicator"], text, target(ind, t), num(r["base"]), num(r["delivered"]),
                    ratio(r["base"], r["delivered"]), r["verdict"], f"{be}-09-30"])
    return "\ufeff" + out.getvalue()


def export_wide(be):
    reg, (cat, rows) = laos(), year(be)
    ids = [i["id"] for i in cat["indicators"]]
    by = {}
    for r in rows:
        by.setdefault(r["code"], {})[r["indicator"]] = r
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    head = ["รหัส อปท.", "ชื่อ อปท.", "ประเภท อปท.", "จังหวัด"]
    for i in ids:
        head += [f"{i} (1)", f"{i} (2)"]
    w.writerow(head)
    for code, got in by.items():
        lao = reg[code]
        row = [code, lao["name_th"], TYPE_TH[lao["type"]], lao["province_th"]]
        for i in ids:
            r = got.get(i)
            row += [num(r["base"]), num(r["delivered"])] if r else ["", ""]
        w.writerow(row)
    return out.getvalue()


def report(be, code):
    reg, (cat, rows) = laos(), year(be)
    lao = reg[code]
    t = lao["type"]
    inds = {i["id"]: i for i in cat["indicators"]}
    mine = [r for r in rows if r["code"] == code]
    html = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-874">',
            f'<title>สรุปผลประเมินการจัดบริการสาธารณะ {PREFIX[t]}{lao["name_th"]}</title></head><body>',
            f'<h3>สรุปผลประเมินการจัดบริการสาธารณะ {PREFIX[t]}{lao["name_th"]}</h3>',
            '<table border="1">',
            '<tr><th>บริการสาธารณะ</th><th>เกณฑ์ชี้วัด</th><th>ค่าเป้าหมาย (%)</th><th>กรอบการประเมิน (1)</th>'
            '<th>การจัดบริการสาธารณะ (2)</th><th>(2) เทียบ กับ (1) %</th><th>ผลการประเมิน</th></tr>']
    last_area, n = None, 0
    for r in mine:
        ind = inds[r["indicator"]]
        a = ind["area"]
        if a != last_area:
            name = next(x["name_th"] for x in cat["areas"] if x["no"] == a)
            html.append(f'<tr><td colspan="7" style="background:#eee">ด้านที่ {a} {name[4:] if name.startswith("ด้าน") else name}</td></tr>')
            last_area, n = a, 0
        n += 1
        text = ind["text_th"].replace("{lao}", WORD[t])
        html.append(f'<tr>\n<td>{a}</td>\n<td>{n}. {text}</td>\n<td>{target(ind, t)}</td>\n<td>{num(r["base"])}</td>\n'
                    f'<td>{num(r["delivered"])}</td>\n<td>{ratio(r["base"], r["delivered"])}</td>\n<td>{r["verdict"]}</td>\n</tr>')
    html.append("</table></body></html>\n")
    return "\n".join(html)


if __name__ == "__main__":
    random.seed(1)
    open("examples/imports/export-2567.csv", "w", encoding="utf-8", newline="").write(export_long(2567))
    open("examples/imports/export-2565-wide.csv", "wb").write(export_wide(2565).encode("cp874"))
    open("examples/imports/report-2569-6810408.html", "wb").write(report(2569, "6810408").encode("cp874"))
