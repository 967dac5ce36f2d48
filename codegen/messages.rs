//! Generates the one message catalog: every stable code with its Simplified and Traditional
//! Chinese text, read from `data/messages/*.tsv` (one file per domain, concatenated).
//!
//! A line is `CODE<TAB>简体<TAB>繁體`; `#` starts a comment. Codes are UPPER_SNAKE, unique
//! across all files, and become `Code::UpperCamel` variants. Texts may hold `{name}` slots
//! that `Message::render` fills; slots never carry personal data.

use std::fmt::Write as _;
use std::path::Path;

pub fn generate(dir: &Path, out_dir: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "tsv"))
        .collect();
    files.sort();
    let mut entries: Vec<(String, String, String)> = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [code, hans, hant] = fields.as_slice() else {
                return Err(format!("{}:{}: want CODE<TAB>简体<TAB>繁體", file.display(), number + 1));
            };
            if !code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') {
                return Err(format!("{}:{}: code {code} is not UPPER_SNAKE", file.display(), number + 1));
            }
            if entries.iter().any(|(c, _, _)| c == code) {
                return Err(format!("{}:{}: code {code} listed twice", file.display(), number + 1));
            }
            entries.push(((*code).to_string(), (*hans).to_string(), (*hant).to_string()));
        }
    }
    let variant = |code: &str| -> String {
        code.split('_')
            .map(|part| {
                let lower = part.to_ascii_lowercase();
                let mut chars = lower.chars();
                chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
            })
            .collect()
    };
    let mut out = String::new();
    out.push_str("/// Every stable message code, generated from `data/messages/*.tsv`.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum Code {\n");
    for (code, hans, _) in &entries {
        let _ = writeln!(out, "    /// {hans}\n    {},", variant(code));
    }
    out.push_str("}\n\nimpl Code {\n    /// Every code, in catalog order.\n    pub const ALL: &'static [Code] = &[\n");
    for (code, _, _) in &entries {
        let _ = writeln!(out, "        Code::{},", variant(code));
    }
    out.push_str("    ];\n\n    /// The stable string that crosses the boundary (`error.code` in JS).\n");
    out.push_str("    pub const fn as_str(self) -> &'static str {\n        match self {\n");
    for (code, _, _) in &entries {
        let _ = writeln!(out, "            Code::{} => {code:?},", variant(code));
    }
    out.push_str("        }\n    }\n\n    /// The catalog text, with `{slots}` unfilled.\n");
    out.push_str("    pub const fn template(self, locale: Locale) -> &'static str {\n        match (self, locale) {\n");
    for (code, hans, hant) in &entries {
        let v = variant(code);
        let _ = writeln!(out, "            (Code::{v}, Locale::Hans) => {hans:?},");
        let _ = writeln!(out, "            (Code::{v}, Locale::Hant) => {hant:?},");
    }
    out.push_str("        }\n    }\n}\n");
    std::fs::write(out_dir.join("messages.rs"), out).map_err(|e| e.to_string())
}
