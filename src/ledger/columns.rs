//! Loading the history from compact columns instead of JSON text: the host's native
//! `JSON.parse` tokenised the text and the shell's packer (www/shared/ledger-columns.js)
//! handed over only the contract's fields, as one table of distinct texts and one array of
//! words. Every value goes through the same rules as the text path (`parse::Builder`,
//! `parse::finish`), so both paths build the same `Ledger` — the packer sends a history here
//! only when it can prove nothing was lost in `JSON.parse` (see its header), and sends any
//! other history, and every malformed one, as text to `parse::load`.
//!
//! Layout of `words`, in order: the account object, the members count and each member, the
//! records count and each record. An object is its cell count (or `NOT_OBJECT` for a value
//! that is not an object) followed by that many cells of two words: `field | tag << 8` (the
//! field's position in `parse::field_keys`) and the id of its text — text `i` is
//! `bytes[ends[i - 1]..ends[i]]` — or, for `TAG_FEN`, of its amount in fen in `fens`. Absent
//! and null fields are not sent. The packer encodes the texts itself as it lists them, so
//! neither side scans for separators: splitting one NUL-joined text was a fifth of this
//! load's instructions, run interpreted on an iPhone.

use super::parse::{self, Cell, Obj, Slots, Top};
use super::Ledger;
use crate::messages::{Code, Message};

/// The header of a value that is not an object.
pub const NOT_OBJECT: u32 = u32::MAX;
/// Tags of a cell.
pub const TAG_STRING: u32 = 1;
pub const TAG_NUMBER: u32 = 2;
/// true, false, an object or an array.
pub const TAG_OTHER: u32 = 3;
/// An amount in fen, proven exact by the packer: the second word indexes `fens`.
pub const TAG_FEN: u32 = 4;

/// Beyond this many fen (10^13 yuan) the packer sends the amount's text instead.
const MAX_PACKED_FEN: f64 = 1e15;

/// The contract's keys in field-position order, joined by commas (for the packer).
pub fn field_keys() -> String {
    parse::field_keys().collect::<Vec<_>>().join(",")
}

/// Columns that do not follow the layout: the packer and this reader disagree (misuse).
fn bad_columns() -> Message {
    Message::new(Code::BoundaryBadArgument).with("name", "columns")
}

struct Reader<'w, 'a> {
    words: std::slice::Iter<'w, u32>,
    texts: &'a str,
    ends: &'w [u32],
    fens: &'w [f64],
}

impl<'a> Reader<'_, 'a> {
    fn word(&mut self) -> Result<u32, Message> {
        self.words.next().copied().ok_or_else(bad_columns)
    }

    /// One object's cells into `slots`; `false` when the value was not an object.
    fn object(&mut self, slots: &mut Slots<'a>) -> Result<bool, Message> {
        let count = self.word()?;
        if count == NOT_OBJECT {
            return Ok(false);
        }
        *slots = [None; parse::FIELD_SLOTS];
        for _ in 0..count {
            let head = self.word()?;
            let text_id = self.word()?;
            let text = || self.text(text_id);
            let cell = match head >> 8 {
                TAG_STRING => Cell::Str(text()?),
                TAG_NUMBER => Cell::Number(text()?),
                TAG_OTHER => Cell::Other,
                TAG_FEN => {
                    let fen = self.fens.get(text_id as usize).copied().ok_or_else(bad_columns)?;
                    if fen.fract() != 0.0 || fen.abs() >= MAX_PACKED_FEN {
                        return Err(bad_columns());
                    }
                    // Exact: an integer below 2^53.
                    Cell::Fen(fen as i64)
                }
                _ => return Err(bad_columns()),
            };
            *slots.get_mut((head & 0xFF) as usize).ok_or_else(bad_columns)? = Some(cell);
        }
        Ok(true)
    }

    /// Text `id`; ends out of order or inside a character are misuse.
    fn text(&self, id: u32) -> Result<&'a str, Message> {
        let end = *self.ends.get(id as usize).ok_or_else(bad_columns)? as usize;
        let start = match id.checked_sub(1) {
            Some(before) => *self.ends.get(before as usize).ok_or_else(bad_columns)? as usize,
            None => 0,
        };
        self.texts.get(start..end).ok_or_else(bad_columns)
    }

    fn obj(&mut self) -> Result<Obj<'a>, Message> {
        let mut slots: Slots<'a> = [None; parse::FIELD_SLOTS];
        Ok(Obj { fields: self.object(&mut slots)?.then_some(slots) })
    }
}

/// Builds the ledger from the packer's columns (see the module header).
pub fn load(bytes: &[u8], ends: &[u32], words: &[u32], fens: &[f64]) -> Result<Ledger, Message> {
    let texts = std::str::from_utf8(bytes).map_err(|_| bad_columns())?;
    let mut reader = Reader { words: words.iter(), texts, ends, fens };
    let account = reader.obj()?;
    let member_count = reader.word()?;
    let members = (0..member_count).map(|_| reader.obj()).collect::<Result<Vec<_>, _>>()?;
    let record_count = reader.word()?;
    // Every record takes at least one word: a count beyond the words left is refused by the
    // reads below, and must not size an allocation first.
    let mut builder = parse::builder_for((record_count as usize).min(reader.words.len()));
    let mut slots: Slots<'_> = [None; parse::FIELD_SLOTS];
    for index in 0..record_count {
        let is_object = reader.object(&mut slots)?;
        builder.add_record(index, is_object.then_some(&slots));
    }
    if reader.words.next().is_some() {
        return Err(bad_columns());
    }
    parse::finish(builder, Top { account: Some(account), members, records_seen: true })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    fn position(key: &str) -> u32 {
        parse::field_keys()
            .position(|k| k.trim_end_matches(['#', '$', '*']) == key)
            .and_then(|i| u32::try_from(i).ok())
            .unwrap_or(u32::MAX)
    }

    /// The packer's columns for this history, built by hand.
    const JSON: &str = r#"{"account":{"psn_no":"H","balc":"10.00","opening_balc":0},
        "members":[{"psn_no":"M","relation":"10","status":"active"}, 5],
        "records":[{"type":"credit","time":"2023-01-05 09:00:00","amount":10},
                   {"type":"transfer","time":"2023-01-06 09:00:00","amount":"1.005","to_psn_no":"M"},
                   null]}"#;

    fn columns() -> (Vec<u8>, Vec<u32>, Vec<u32>, Vec<f64>) {
        let texts = [
            "H",
            "10.00",
            "M",
            "10",
            "active",
            "credit",
            "2023-01-05 09:00:00",
            "transfer",
            "2023-01-06 09:00:00",
            "1.005",
        ];
        let s = |key: &str, id: u32| [position(key) | TAG_STRING << 8, id];
        let fen = |key: &str, id: u32| [position(key) | TAG_FEN << 8, id];
        let mut words = vec![3];
        words.extend(s("psn_no", 0).into_iter().chain(s("balc", 1)).chain(fen("opening_balc", 0)));
        words.extend([2, 3]);
        words.extend(s("psn_no", 2).into_iter().chain(s("relation", 3)).chain(s("status", 4)));
        words.extend([NOT_OBJECT, 3, 3]);
        words.extend(s("type", 5).into_iter().chain(s("time", 6)).chain(fen("amount", 1)));
        words.push(4);
        words.extend(s("type", 7).into_iter().chain(s("time", 8)).chain(s("amount", 9)).chain(s("to_psn_no", 2)));
        words.push(NOT_OBJECT);
        let ends = texts.iter().scan(0, |end, t| {
            *end += t.len() as u32;
            Some(*end)
        });
        (texts.concat().into_bytes(), ends.collect(), words, vec![0.0, 1000.0])
    }

    #[test]
    fn columns_build_the_ledger_the_text_builds() {
        let from_text = Ledger::from_json(JSON).ok();
        let (bytes, ends, words, fens) = columns();
        let from_columns = Ledger::from_columns(&bytes, &ends, &words, &fens).ok();
        assert!(from_text.is_some() && from_columns.is_some(), "both load");
        let (Some(a), Some(b)) = (from_text, from_columns) else { return };
        assert_eq!(a.len(), b.len());
        assert_eq!(a.rejected(), b.rejected());
        assert_eq!(a.rejected().len(), 3, "a member and a record not objects, a bad amount");
        let query = crate::ledger::Query::default();
        assert_eq!(a.to_csv(&query, Locale::Hans).ok(), b.to_csv(&query, Locale::Hans).ok());
    }

    #[test]
    fn columns_out_of_layout_are_refused() {
        let (bytes, ends, words, fens) = columns();
        assert!(Ledger::from_columns(&bytes, &ends, &words, &fens).is_ok());
        for cut in [0, 1, 5, words.len() - 1] {
            assert!(Ledger::from_columns(&bytes, &ends, words.get(..cut).unwrap_or_default(), &fens).is_err(), "{cut}");
        }
        // A record count no allocation could hold (a capacity overflow would be a panic).
        assert!(Ledger::from_columns(&[], &[], &[0, 0, u32::MAX], &[]).is_err());
        let mut longer = words.clone();
        longer.push(0);
        assert!(Ledger::from_columns(&bytes, &ends, &longer, &fens).is_err());
        assert!(Ledger::from_columns(&bytes, &ends, &words, &[0.0, 0.5]).is_err());
        assert!(Ledger::from_columns(&bytes, &ends, &words, &[0.0]).is_err());
        // Texts: too few ends, ends out of order or past the bytes, bytes not UTF-8, an end
        // inside a character.
        assert!(Ledger::from_columns(&bytes, ends.get(..ends.len() - 1).unwrap_or_default(), &words, &fens).is_err());
        let mut swapped = ends.clone();
        swapped.swap(0, 1);
        assert!(Ledger::from_columns(&bytes, &swapped, &words, &fens).is_err());
        let mut past = ends.clone();
        *past.last_mut().unwrap_or(&mut 0) += 1;
        assert!(Ledger::from_columns(&bytes, &past, &words, &fens).is_err());
        let mut not_utf8 = bytes.clone();
        not_utf8[0] = 0xFF;
        assert!(Ledger::from_columns(&not_utf8, &ends, &words, &fens).is_err());
        let name = "王桂兰".as_bytes();
        let mut inside = bytes.clone();
        inside.splice(0..1, name.iter().copied());
        let mut inside_ends = ends.iter().map(|e| e + name.len() as u32 - 1).collect::<Vec<_>>();
        inside_ends[0] = 2;
        assert!(Ledger::from_columns(&inside, &inside_ends, &words, &fens).is_err());
        inside_ends[0] = name.len() as u32;
        assert!(Ledger::from_columns(&inside, &inside_ends, &words, &fens).is_ok(), "the same, ended on the character");
    }
}
