//! The attribute part of a shapefile (.dbf, dBASE III), decoded with the right code page.

use encoding_rs::Encoding;

use crate::model::{Field, FieldType, Value};

pub(crate) struct Table {
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<Value>>,
}

struct Column {
    kind: u8,
    offset: usize,
    length: usize,
    decimals: u8,
}

/// A code page of DBF text: one encoding_rs knows, or a DOS code page it does not (CP437 and
/// CP850, written by dBase, Clipper and old MapInfo/ArcView exports, language bytes 0x01/0x02).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextEncoding {
    Standard(&'static Encoding),
    /// The characters of bytes 0x80–0xFF; 0x00–0x7F are ASCII.
    Dos(&'static [char; 128]),
}

impl TextEncoding {
    /// The encoding's name, for messages.
    pub(crate) fn name(self) -> String {
        match self {
            TextEncoding::Standard(encoding) => encoding.name().to_string(),
            TextEncoding::Dos(table) if std::ptr::eq(table, &CP437) => "CP437".into(),
            TextEncoding::Dos(_) => "CP850".into(),
        }
    }

    fn decode(self, raw: &[u8]) -> String {
        match self {
            TextEncoding::Standard(encoding) => encoding.decode(raw).0.into_owned(),
            TextEncoding::Dos(upper) => oem_cp::decode_string_complete_table(raw, upper),
        }
    }
}

/// IBM code page 437 (DOS, United States) and 850 (DOS, Western Europe), bytes 0x80–0xFF,
/// from the maintained tables of the `oem_cp` crate.
pub(crate) use oem_cp::code_table::{DECODING_TABLE_CP437 as CP437, DECODING_TABLE_CP850 as CP850};

/// The code page a DBF's language driver byte names (the common ones).
pub(crate) fn encoding_from_language_driver(byte: u8) -> Option<TextEncoding> {
    // DOS code pages by country, Dutch among them (0x09 = 437, 0x0A = 850).
    match byte {
        0x01 | 0x09 | 0x0B | 0x0D | 0x0F | 0x11 | 0x15 | 0x18 | 0x19 | 0x1B => {
            return Some(TextEncoding::Dos(&CP437));
        }
        0x02 | 0x0A | 0x0E | 0x10 | 0x12 | 0x14 | 0x16 | 0x1A | 0x1D | 0x25 | 0x37 => {
            return Some(TextEncoding::Dos(&CP850));
        }
        _ => {}
    }
    Some(TextEncoding::Standard(match byte {
        0x03 | 0x57 | 0x58 | 0x59 => encoding_rs::WINDOWS_1252,
        0xC8 => encoding_rs::WINDOWS_1250,
        0xC9 => encoding_rs::WINDOWS_1251,
        0xCB => encoding_rs::WINDOWS_1253,
        0xCA => encoding_rs::WINDOWS_1254,
        0x7D => encoding_rs::WINDOWS_1255,
        0x7E => encoding_rs::WINDOWS_1256,
        0x7C => encoding_rs::WINDOWS_874,
        0x4D => encoding_rs::GBK,
        0x4E => encoding_rs::EUC_KR,
        0x4F => encoding_rs::BIG5,
        0x13 | 0x7B => encoding_rs::SHIFT_JIS,
        _ => return None,
    }))
}

/// The code page a .cpg file names ("UTF-8", "1252", "ANSI 1252", "CP1252", "88591", "OEM 850",
/// "IBM437", …).
pub(crate) fn encoding_from_cpg(text: &str) -> Option<TextEncoding> {
    let label = text.trim().trim_start_matches('\u{feff}');
    let upper = label.to_ascii_uppercase();
    let digits: String = upper.chars().filter(|c| c.is_ascii_digit()).collect();
    match digits.as_str() {
        "437" => return Some(TextEncoding::Dos(&CP437)),
        "850" => return Some(TextEncoding::Dos(&CP850)),
        // ArcGIS writes "OEM" for the machine's DOS code page: 850 on Dutch Windows.
        "" if upper == "OEM" => return Some(TextEncoding::Dos(&CP850)),
        _ => {}
    }
    // By label ("UTF-8", "Big5", "Shift_JIS", "KOI8-R", …), else by the code page number the
    // ESRI and Windows names carry ("CP936", "ANSI 1252", "874", "88592").
    let standard = Encoding::for_label(label.as_bytes()).or(match digits.as_str() {
        "65001" | "8" if upper.contains("UTF") => Some(encoding_rs::UTF_8),
        "1252" | "88591" | "885915" => Some(encoding_rs::WINDOWS_1252),
        "1250" => Some(encoding_rs::WINDOWS_1250),
        "1251" => Some(encoding_rs::WINDOWS_1251),
        "1253" => Some(encoding_rs::WINDOWS_1253),
        "1254" => Some(encoding_rs::WINDOWS_1254),
        "1255" => Some(encoding_rs::WINDOWS_1255),
        "1256" => Some(encoding_rs::WINDOWS_1256),
        "1257" => Some(encoding_rs::WINDOWS_1257),
        "1258" => Some(encoding_rs::WINDOWS_1258),
        "874" => Some(encoding_rs::WINDOWS_874),
        "866" => Some(encoding_rs::IBM866),
        "932" => Some(encoding_rs::SHIFT_JIS),
        "936" => Some(encoding_rs::GBK),
        "949" => Some(encoding_rs::EUC_KR),
        "950" => Some(encoding_rs::BIG5),
        "20866" => Some(encoding_rs::KOI8_R),
        "21866" => Some(encoding_rs::KOI8_U),
        "88592" => Some(encoding_rs::ISO_8859_2),
        "88595" => Some(encoding_rs::ISO_8859_5),
        "88597" => Some(encoding_rs::ISO_8859_7),
        _ => None,
    });
    standard.map(TextEncoding::Standard)
}

/// The encoding to use when neither .cpg nor language driver says: UTF-8 when every text byte
/// sequence is valid UTF-8 (newer QGIS and GDAL write UTF-8 without saying so), else the
/// Windows-1252 of older Dutch exports.
pub(crate) fn sniff_encoding(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        encoding_rs::UTF_8
    } else {
        encoding_rs::WINDOWS_1252
    }
}

/// The language driver byte of a DBF header.
pub(crate) fn language_driver(bytes: &[u8]) -> u8 {
    bytes.get(29).copied().unwrap_or(0)
}

pub(crate) fn read(bytes: &[u8], encoding: Option<TextEncoding>) -> Result<Table, String> {
    if bytes.len() < 32 {
        return Err(format!(
            "the .dbf is {} bytes, shorter than its 32-byte header",
            bytes.len()
        ));
    }
    let records = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
    let header_length = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
    let record_length = u16::from_le_bytes([bytes[10], bytes[11]]) as usize;
    if header_length < 33 || header_length > bytes.len() {
        return Err(format!(
            "the .dbf header length {header_length} does not fit the file ({} bytes)",
            bytes.len()
        ));
    }
    let mut columns = Vec::new();
    let mut names = Vec::new();
    let mut offset = 1; // the deletion flag comes first in every record
    let mut at = 32;
    while at + 32 <= header_length && bytes[at] != 0x0D {
        let descriptor = &bytes[at..at + 32];
        let raw_name = &descriptor[..11];
        let name_end = raw_name.iter().position(|&b| b == 0).unwrap_or(11);
        names.push(raw_name[..name_end].to_vec());
        let length = descriptor[16] as usize;
        columns.push(Column {
            kind: descriptor[11].to_ascii_uppercase(),
            offset,
            length,
            decimals: descriptor[17],
        });
        offset += length;
        at += 32;
    }
    if offset > record_length.max(1) {
        return Err(format!(
            "the .dbf fields need {offset} bytes per record but records are {record_length} bytes"
        ));
    }
    let body = &bytes[header_length..];
    let available = body.len().checked_div(record_length).unwrap_or(0);
    if available < records {
        return Err(format!(
            "the .dbf header promises {records} records but the file holds only {available} (truncated .dbf?)"
        ));
    }
    let encoding = encoding.unwrap_or_else(|| {
        let text: Vec<u8> = body[..records * record_length].to_vec();
        TextEncoding::Standard(sniff_encoding(&text))
    });
    let decode = |raw: &[u8]| -> String {
        encoding
            .decode(raw)
            .trim_matches(|c: char| c == ' ' || c == '\0')
            .to_string()
    };
    let fields: Vec<Field> = names
        .iter()
        .zip(&columns)
        .map(|(name, column)| Field {
            name: decode(name),
            kind: match column.kind {
                b'N' if column.decimals == 0 && column.length < 19 => FieldType::Integer,
                b'N' | b'F' | b'O' => FieldType::Float,
                b'I' | b'+' => FieldType::Integer,
                b'L' => FieldType::Bool,
                _ => FieldType::Text,
            },
        })
        .collect();
    let mut rows = Vec::with_capacity(records);
    for r in 0..records {
        let record = &body[r * record_length..(r + 1) * record_length];
        let row = columns
            .iter()
            .zip(&fields)
            .map(|(column, field)| {
                let raw = record
                    .get(column.offset..column.offset + column.length)
                    .unwrap_or(&[]);
                parse_value(raw, column, field.kind, &decode)
            })
            .collect();
        rows.push(row);
    }
    Ok(Table { fields, rows })
}

fn parse_value(
    raw: &[u8],
    column: &Column,
    kind: FieldType,
    decode: &dyn Fn(&[u8]) -> String,
) -> Value {
    match column.kind {
        b'I' if raw.len() == 4 => {
            return Value::Integer(i32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as i64);
        }
        b'O' if raw.len() == 8 => {
            let mut b = [0u8; 8];
            b.copy_from_slice(raw);
            return Value::Float(f64::from_le_bytes(b));
        }
        _ => {}
    }
    let text = decode(raw);
    if text.is_empty() || text.chars().all(|c| c == '*' || c == '?') {
        return Value::Null;
    }
    match kind {
        FieldType::Integer => text
            .parse()
            .map(Value::Integer)
            .unwrap_or(Value::Text(text)),
        FieldType::Float => text
            .replace(',', ".")
            .parse()
            .map(Value::Float)
            .unwrap_or(Value::Text(text)),
        FieldType::Bool => match text.as_bytes()[0].to_ascii_uppercase() {
            b'T' | b'Y' | b'J' => Value::Bool(true),
            b'F' | b'N' => Value::Bool(false),
            _ => Value::Null,
        },
        FieldType::Text if column.kind == b'D' && text.len() == 8 => {
            Value::Text(format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..]))
        }
        FieldType::Text => Value::Text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpg_labels_name_their_encodings() {
        let standard = |e| Some(TextEncoding::Standard(e));
        assert_eq!(encoding_from_cpg("UTF-8\n"), standard(encoding_rs::UTF_8));
        assert_eq!(
            encoding_from_cpg("1252"),
            standard(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            encoding_from_cpg("ANSI 1252"),
            standard(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            encoding_from_cpg("CP1252"),
            standard(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            encoding_from_cpg("88591"),
            standard(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(encoding_from_cpg("IBM850"), Some(TextEncoding::Dos(&CP850)));
        assert_eq!(encoding_from_cpg("437"), Some(TextEncoding::Dos(&CP437)));
        assert_eq!(encoding_from_cpg("OEM"), Some(TextEncoding::Dos(&CP850)));
        assert_eq!(encoding_from_cpg("klingon"), None);
    }

    #[test]
    fn dos_code_pages_decode_dutch_names() {
        // "Brüggen, Ĳssel-café" as old DOS software stored it: ü = 0x81, é = 0x82 in both
        // pages; 850 has à (0x85) and Å (0x8F) where 437 has them too, and ø (0x9B) only in 850.
        let raw = b"Br\x81ggen caf\x82 \x9B";
        assert_eq!(TextEncoding::Dos(&CP850).decode(raw), "Brüggen café ø");
        assert_eq!(TextEncoding::Dos(&CP437).decode(raw), "Brüggen café ¢");
        assert_eq!(
            encoding_from_language_driver(0x0A),
            Some(TextEncoding::Dos(&CP850)),
            "Dutch DOS, code page 850"
        );
        assert_eq!(
            encoding_from_language_driver(0x57),
            Some(TextEncoding::Standard(encoding_rs::WINDOWS_1252))
        );
    }

    #[test]
    fn sniffing_prefers_utf8_only_when_it_decodes() {
        assert_eq!(sniff_encoding("Brüggen".as_bytes()), encoding_rs::UTF_8);
        assert_eq!(sniff_encoding(b"Br\xfcggen"), encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn truncated_tables_are_refused() {
        let mut header = vec![0u8; 65];
        header[0] = 3;
        header[4] = 10; // ten records promised
        header[8] = 65; // header length
        header[10] = 11; // record length
        header[32..36].copy_from_slice(b"NAAM");
        header[43] = b'C';
        header[48] = 10;
        header[64] = 0x0D;
        let err = read(&header, None).err().unwrap();
        assert!(
            err.contains("promises 10 records but the file holds only 0"),
            "{err}"
        );
    }
}
