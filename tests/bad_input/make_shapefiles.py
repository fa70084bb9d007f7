"""Writes the shapefile cases of the bad-input corpus (run from this folder: python3 make_shapefiles.py).

Each case starts from the same small, valid polygon shapefile of two squares in RD New and
breaks one thing. The files are committed; this script documents how they were made.
"""
import struct

RD_PRJ = ('PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",'
          '6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
          'PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],'
          'PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],'
          'PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.15616055555555],'
          'UNIT["Meter",1.0]]')

SQUARES = [
    ("GB01", "Noord", [(230000, 440000), (230000, 441000), (231000, 441000), (231000, 440000), (230000, 440000)]),
    ("GB02", "Zuid", [(230000, 439000), (230000, 440000), (231000, 440000), (231000, 439000), (230000, 439000)]),
]


def shp_header(file_length_words, shape_type, bbox):
    return (struct.pack(">7i", 9994, 0, 0, 0, 0, 0, file_length_words)
            + struct.pack("<2i", 1000, shape_type) + struct.pack("<8d", *bbox, 0, 0, 0, 0))


def polygon_record(number, ring, num_parts=None):
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    content = struct.pack("<i4d2i", 5, min(xs), min(ys), max(xs), max(ys),
                          1 if num_parts is None else num_parts, len(ring))
    content += struct.pack("<i", 0)
    for x, y in ring:
        content += struct.pack("<2d", x, y)
    return struct.pack(">2i", number, len(content) // 2) + content


def shp(records, shape_type=5, file_code=None):
    body = b"".join(records)
    header = shp_header((100 + len(body)) // 2, shape_type, (230000, 439000, 231000, 441000))
    if file_code is not None:
        header = struct.pack(">i", file_code) + header[4:]
    return header + body


def shx(records):
    offset, entries = 50, b""
    for r in records:
        length = (len(r) - 8) // 2
        entries += struct.pack(">2i", offset, length)
        offset += 4 + length
    return shp_header((100 + len(entries)) // 2, 5, (230000, 439000, 231000, 441000)) + entries


def dbf(rows, record_count=None, language_byte=0x57):
    fields = [(b"code", b"C", 10), (b"naam", b"C", 20)]
    header_len = 32 + 32 * len(fields) + 1
    record_len = 1 + sum(f[2] for f in fields)
    n = len(rows) if record_count is None else record_count
    out = struct.pack("<B3BIHH20x", 3, 126, 11, 24, n, header_len, record_len)
    out = out[:29] + bytes([language_byte]) + out[30:]
    for name, kind, size in fields:
        out += name.ljust(11, b"\0") + kind + b"\0\0\0\0" + bytes([size]) + b"\0" * 15
    out += b"\r"
    for row in rows:
        out += b" " + b"".join(v.ljust(f[2])[: f[2]] for v, f in zip(row, fields))
    return out + b"\x1a"


def write(stem, shp_bytes=None, shx_bytes=None, dbf_bytes=None, prj=RD_PRJ, cpg=None):
    records = [polygon_record(i + 1, ring) for i, (_, _, ring) in enumerate(SQUARES)]
    rows = [(code.encode(), name.encode()) for code, name, _ in SQUARES]
    parts = {
        "shp": shp(records) if shp_bytes is None else shp_bytes,
        "shx": shx(records) if shx_bytes is None else shx_bytes,
        "dbf": dbf(rows) if dbf_bytes is None else dbf_bytes,
        "prj": prj.encode() if prj is not None else None,
        "cpg": cpg.encode() if cpg is not None else None,
    }
    for ext, data in parts.items():
        if data is not None and data != b"SKIP":
            open(f"{stem}.{ext}", "wb").write(data)


records = [polygon_record(i + 1, ring) for i, (_, _, ring) in enumerate(SQUARES)]
rows = [(code.encode(), name.encode()) for code, name, _ in SQUARES]
# The .shx is missing: not needed, the .shp is read from front to back.
write("no_shx", shx_bytes=b"SKIP")
# The .dbf header promises 40 records; the file holds 2.
write("dbf_wrong_count", dbf_bytes=dbf(rows, record_count=40))
# The .dbf holds one record, the .shp two.
write("dbf_fewer_records", dbf_bytes=dbf(rows[:1]))
# The .shp ends in the middle of its second record.
whole = shp(records)
write("shp_truncated", shp_bytes=whole[: len(whole) - 30])
# Points, not polygons.
point = struct.pack(">2i", 1, 10) + struct.pack("<i2d", 1, 230500.0, 440500.0)
write("points", shp_bytes=shp([point], shape_type=1), shx_bytes=b"SKIP", dbf_bytes=dbf(rows[:1]))
# Not a shapefile at all: the file code is wrong.
write("bad_file_code", shp_bytes=shp(records, file_code=1234))
# A record claiming a billion parts (must not make gebieden allocate for them).
write("billion_parts", shp_bytes=shp([polygon_record(1, SQUARES[0][2], num_parts=1_000_000_000), records[1]]))
# A .cpg naming an encoding nobody knows.
write("unknown_cpg", cpg="KLINGON-8")
# Written by old DOS software: no .cpg, language byte 0x0A (Dutch, code page 850).
dos_rows = [(b"GB01", "Café Noord".encode("cp850")), (b"GB02", "Zuid-Brügge".encode("cp850"))]
write("dos_850", dbf_bytes=dbf(dos_rows, language_byte=0x0A))
