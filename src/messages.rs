//! The one message catalog: stable codes and their Chinese text (Simplified by default,
//! Traditional on request). Every rule text the shells show comes from here, so the WeChat,
//! Alipay and web shells never copy it. The table itself is generated from
//! `data/messages/*.tsv` by `codegen/messages.rs`.

use std::fmt;

/// Which script the text is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Locale {
    /// 简体中文 (zh-Hans, zh-CN): the default.
    #[default]
    #[serde(rename = "zh-Hans")]
    Hans,
    /// 繁體中文 (zh-Hant, zh-TW, zh-HK).
    #[serde(rename = "zh-Hant")]
    Hant,
}

impl Locale {
    /// Reads a BCP 47 tag; anything that is not Traditional Chinese falls back to Simplified.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        match tag.trim().to_ascii_lowercase().as_str() {
            "" | "zh" | "zh-hans" | "zh-cn" | "zh-sg" | "hans" => Some(Locale::Hans),
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" | "hant" => Some(Locale::Hant),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::Hans => "zh-Hans",
            Locale::Hant => "zh-Hant",
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

impl Code {
    pub fn parse(code: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code plus the values for its `{slots}`. Slot values are never personal data (no ID
/// numbers, phones or names): they are limits, dates, document titles and the like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub code: Code,
    pub args: Vec<(&'static str, Slot)>,
}

/// What fills one `{slot}`: a value (a number, a date, a document title), or a catalog text
/// rendered in the same locale as the message — how a field's name reaches the user in
/// Chinese (简/繁) rather than as the data field it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    Text(String),
    Catalog(Message),
}

impl Message {
    pub fn new(code: Code) -> Message {
        Message { code, args: Vec::new() }
    }

    /// Fills a `{name}` slot with a value.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, Slot::Text(value.into())));
        self
    }

    /// Fills a `{name}` slot with a catalog text (a label such as 结算时间), itself a message
    /// whose own slots may be filled.
    #[must_use]
    pub fn with_label(mut self, name: &'static str, label: impl Into<Message>) -> Message {
        self.args.push((name, Slot::Catalog(label.into())));
        self
    }

    /// The text in `locale`, slots filled; a slot with no value is left as written so a
    /// missing argument shows up in tests instead of vanishing.
    pub fn render(&self, locale: Locale) -> String {
        let mut text = self.code.template(locale).to_string();
        for (name, value) in &self.args {
            let value = match value {
                Slot::Text(text) => std::borrow::Cow::Borrowed(text.as_str()),
                Slot::Catalog(label) => std::borrow::Cow::Owned(label.render(locale)),
            };
            text = text.replace(&format!("{{{name}}}"), &value);
        }
        text
    }
}

impl From<Code> for Message {
    fn from(code: Code) -> Message {
        Message::new(code)
    }
}

/// What a rule or a check reports: a code and its rendered text, ready for a shell.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Notice {
    pub code: String,
    pub message: String,
}

impl Notice {
    pub fn from_message(message: &Message, locale: Locale) -> Notice {
        Notice { code: message.code.as_str().to_string(), message: message.render(locale) }
    }
}

impl fmt::Display for Message {
    /// The code and the Simplified text: safe to log, because slots never hold personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.render(Locale::Hans))
    }
}

impl std::error::Error for Message {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_every_code_has_both_texts() {
        for &code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
            assert!(!code.template(Locale::Hans).is_empty(), "{code} has no Simplified text");
            assert!(!code.template(Locale::Hant).is_empty(), "{code} has no Traditional text");
        }
    }

    /// User-facing text is Chinese: outside its {slots}, no catalog text holds an English word
    /// or an identifier (single letters such as the X of an ID number or 1e3 are content).
    #[test]
    fn catalog_texts_hold_no_english_words() {
        for &code in Code::ALL {
            for locale in [Locale::Hans, Locale::Hant] {
                let text = code.template(locale);
                let mut outside = String::new();
                let mut depth = 0;
                for c in text.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        c if depth == 0 => outside.push(c),
                        _ => {}
                    }
                }
                let longest =
                    outside.split(|c: char| !c.is_ascii_alphabetic() && c != '_').map(str::len).max().unwrap_or(0);
                assert!(longest < 2, "{code}: {text}");
            }
        }
    }

    #[test]
    fn slots_are_filled() {
        let text = Message::new(Code::BoundaryBadArgument).with("name", "options").render(Locale::Hans);
        assert!(text.contains("options"), "{text}");
        assert!(!text.contains("{name}"), "{text}");
    }

    #[test]
    fn catalog_slots_follow_the_locale() {
        let label = Message::new(Code::LedgerLabelSetlTime);
        let message = Message::new(Code::LedgerRecordMissingField).with_label("field", label);
        assert!(message.render(Locale::Hans).contains("结算时间"), "{}", message.render(Locale::Hans));
        assert!(message.render(Locale::Hant).contains("結算時間"), "{}", message.render(Locale::Hant));
    }

    #[test]
    fn locale_tags() {
        assert_eq!(Locale::from_tag("zh-TW"), Some(Locale::Hant));
        assert_eq!(Locale::from_tag("zh-CN"), Some(Locale::Hans));
        assert_eq!(Locale::from_tag("en"), None);
    }
}
