use std::fmt;

use serde::{Deserialize, Serialize};

/// One attribute value of a feature.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    Text(String),
}

impl Value {
    /// The value as a number, for sums and weights; text that reads as a number counts too,
    /// because partner exports often store counts as text.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Integer(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Text(t) => t.trim().replace(',', ".").parse().ok(),
            Value::Null | Value::Bool(_) => None,
        }
    }

    /// True for `Null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The type this value has, if it is not null.
    pub fn field_type(&self) -> Option<FieldType> {
        match self {
            Value::Null => None,
            Value::Bool(_) => Some(FieldType::Bool),
            Value::Integer(_) => Some(FieldType::Integer),
            Value::Float(_) => Some(FieldType::Float),
            Value::Text(_) => Some(FieldType::Text),
        }
    }
}

impl fmt::Display for Value {
    /// Writes the value as a user reads it; null is empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Integer(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// The type of an attribute field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    Integer,
    Float,
    Bool,
}

impl FieldType {
    /// The lowercase name used in `inspect` output.
    pub fn as_str(&self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Integer => "integer",
            FieldType::Float => "float",
            FieldType::Bool => "bool",
        }
    }

    /// The narrowest type that holds values of both types (integer and float make float;
    /// anything else mixed makes text).
    pub fn widen(self, other: FieldType) -> FieldType {
        match (self, other) {
            (a, b) if a == b => a,
            (FieldType::Integer, FieldType::Float) | (FieldType::Float, FieldType::Integer) => {
                FieldType::Float
            }
            _ => FieldType::Text,
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named, typed attribute column of a layer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_widen_to_float_and_mixes_to_text() {
        assert_eq!(FieldType::Integer.widen(FieldType::Float), FieldType::Float);
        assert_eq!(FieldType::Integer.widen(FieldType::Text), FieldType::Text);
        assert_eq!(FieldType::Bool.widen(FieldType::Bool), FieldType::Bool);
    }

    #[test]
    fn text_counts_read_as_numbers() {
        assert_eq!(Value::Text(" 1,5 ".into()).as_f64(), Some(1.5));
        assert_eq!(Value::Text("Ulft".into()).as_f64(), None);
        assert_eq!(Value::Integer(3).as_f64(), Some(3.0));
    }
}
