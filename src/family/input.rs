//! Lenient reading of the fields that arrive from the provincial endpoint and from shells.
//!
//! The national platform sends codes and amounts sometimes as strings, sometimes as JSON
//! numbers, and shells forward them as they come. A `Field` accepts both, and remembers a
//! missing or wrongly typed value instead of failing the whole argument, so the rules can
//! report each problem as a coded reason naming the field — junk input never panics and never
//! hides the other reasons.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One scalar input value: absent/null, text (numbers become their shortest decimal form),
/// or something unusable (an object, an array, a boolean, NaN).
#[derive(Clone, Default, PartialEq, Eq)]
pub enum Field {
    #[default]
    Missing,
    Text(String),
    Invalid,
}

impl fmt::Debug for Field {
    /// Never prints the value: it may be an ID number or a name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Missing => f.write_str("Missing"),
            Field::Text(_) => f.write_str("Text(..)"),
            Field::Invalid => f.write_str("Invalid"),
        }
    }
}

/// What a required field turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Missing,
    Invalid,
}

impl Field {
    pub fn text(value: impl Into<String>) -> Field {
        Field::Text(value.into())
    }

    /// The trimmed text; empty text counts as missing.
    pub fn required(&self) -> Result<&str, FieldProblem> {
        match self {
            Field::Missing => Err(FieldProblem::Missing),
            Field::Invalid => Err(FieldProblem::Invalid),
            Field::Text(text) if text.trim().is_empty() => Err(FieldProblem::Missing),
            Field::Text(text) => Ok(text.trim()),
        }
    }

    /// The trimmed text if present and usable.
    pub fn get(&self) -> Option<&str> {
        self.required().ok()
    }

    pub fn is_missing(&self) -> bool {
        self.required() == Err(FieldProblem::Missing)
    }
}

impl From<&str> for Field {
    fn from(value: &str) -> Field {
        Field::text(value)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
        Ok(Field::text(v))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Field, E> {
        Ok(Field::Text(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field, E> {
        Ok(Field::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Field, E> {
        Ok(Field::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Field, E> {
        // Rust prints the shortest text that reads back as the same double and never uses an
        // exponent, so 1234.56 arrives as "1234.56" and 0.1 + 0.2 as a visibly inexact value
        // that the money parser then rejects, instead of a silently rounded one.
        Ok(if v.is_finite() { Field::Text(v.to_string()) } else { Field::Invalid })
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Field, E> {
        Ok(Field::Invalid)
    }
    fn visit_none<E: de::Error>(self) -> Result<Field, E> {
        Ok(Field::Missing)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Field, E> {
        Ok(Field::Missing)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Invalid)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Invalid)
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Field, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

/// Reads a list leniently: anything that is not an array gives `None` (reported by the caller).
#[derive(Clone, Debug, Default)]
pub enum Listed<T> {
    #[default]
    Missing,
    Items(Vec<T>),
    Invalid,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Listed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Listed<T>, D::Error> {
        // An array whose items have the wrong shape fails the argument as a whole (thrown as
        // BOUNDARY_BAD_ARGUMENT); a non-array value is remembered as Invalid.
        struct ListVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = Listed<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Listed<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<T>()? {
                    items.push(item);
                }
                Ok(Listed::Items(items))
            }
            fn visit_none<E: de::Error>(self) -> Result<Listed<T>, E> {
                Ok(Listed::Missing)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Listed<T>, E> {
                Ok(Listed::Missing)
            }
            fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Listed<T>, D::Error> {
                deserializer.deserialize_any(self)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Listed<T>, E> {
                Ok(Listed::Invalid)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Listed<T>, E> {
                Ok(Listed::Invalid)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Listed<T>, E> {
                Ok(Listed::Invalid)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Listed<T>, E> {
                Ok(Listed::Invalid)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Listed<T>, E> {
                Ok(Listed::Invalid)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Listed<T>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Listed::Invalid)
            }
        }
        deserializer.deserialize_any(ListVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_numbers_and_junk() {
        let table = [
            (r#""310""#, Field::text("310")),
            ("310", Field::text("310")),
            ("1234.56", Field::text("1234.56")),
            ("-3", Field::text("-3")),
            ("null", Field::Missing),
            ("true", Field::Invalid),
            ("[1,2]", Field::Invalid),
            (r#"{"a":1}"#, Field::Invalid),
        ];
        for (json, want) in table {
            let got: Field = serde_json::from_str(json).unwrap();
            assert_eq!(got, want, "{json}");
        }
        assert_eq!(Field::text("  ").required(), Err(FieldProblem::Missing));
        assert_eq!(format!("{:?}", Field::text("11010519491231002X")), "Text(..)");
    }
}
