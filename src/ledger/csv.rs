//! The statement for download or print: UTF-8 with a BOM (so Excel reads it as UTF-8),
//! Chinese headers, exact amounts, the whole match of a query (not just a page).
//!
//! Safe cells: the text comes from the ledger's store, which holds display-safe text only
//! (`text::display_safe` at load: no bidi override can reverse a cell, no control can break
//! one). Cells that a spreadsheet would run as a formula — starting, after any spaces, with
//! = + - @ (or their full-width forms ＝＋－＠, which some spreadsheets read alike), tab, CR,
//! LF or NUL: the OWASP CSV-injection list — are neutralised with a leading apostrophe, except
//! the amounts this module writes itself, which are plain decimal numbers and stay readable
//! (and summable) when negative.

use super::query::{seconds_to_text, Query};
use super::quota::QuotaAction;
use super::record::{Kind, NONE};
use super::reference::{med_type_group, med_type_name};
use super::Ledger;
use crate::messages::{Locale, Message};
use crate::Yuan;

const HEADERS_HANS: [&str; 13] = [
    "时间",
    "类型",
    "成员",
    "关系",
    "医疗类别",
    "机构",
    "结算编号",
    "账户变动",
    "医疗费总额",
    "统筹支付",
    "个人账户支付",
    "共济账户支付",
    "现金支付",
];
const HEADERS_HANT: [&str; 13] = [
    "時間",
    "類型",
    "成員",
    "關係",
    "醫療類別",
    "機構",
    "結算編號",
    "帳戶變動",
    "醫療費總額",
    "統籌支付",
    "個人帳戶支付",
    "共濟帳戶支付",
    "現金支付",
];

/// Whether a spreadsheet could read a cell starting with `value` as a formula.
fn looks_like_formula(value: &str) -> bool {
    let start = value.trim_start_matches([' ', '\u{3000}']);
    let first = if start.is_empty() { value.chars().next() } else { start.chars().next() };
    matches!(first, Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠' | '\t' | '\r' | '\n' | '\0'))
}

/// Text cell: neutralise formula starts, quote when needed.
pub fn text_cell(value: &str) -> String {
    let neutral = if looks_like_formula(value) { format!("'{value}") } else { value.to_string() };
    quote(neutral)
}

fn quote(value: String) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Amount cell: our own canonical decimal ("-12.30"), never neutralised.
fn amount_cell(fen: i64) -> Result<String, Message> {
    Yuan::from_fen(fen).map(|y| y.to_string())
}

impl Ledger {
    /// The statement of the query's whole match in time order of `order` (offset and limit
    /// are ignored). Names are masked unless the query said `unmasked`.
    pub fn to_csv(&self, query: &Query, locale: Locale) -> Result<String, Message> {
        let filter = self.compile(query)?;
        let unmasked = query.unmasked.unwrap_or(false);
        let headers = match locale {
            Locale::Hans => HEADERS_HANS,
            Locale::Hant => HEADERS_HANT,
        };
        let mut out = String::from("\u{FEFF}");
        out.push_str(&headers.join(","));
        out.push_str("\r\n");
        let mut failure = None;
        self.each_match(&filter, |row| {
            if failure.is_some() {
                return;
            }
            match self.csv_line(row, locale, unmasked) {
                Ok(line) => {
                    out.push_str(&line);
                    out.push_str("\r\n");
                }
                Err(error) => failure = Some(error),
            }
        });
        match failure {
            Some(error) => Err(error),
            None => Ok(out),
        }
    }

    fn csv_line(&self, row: usize, locale: Locale, unmasked: bool) -> Result<String, Message> {
        let rows = &self.rows;
        let kind = rows.kind.get(row).copied().unwrap_or(Kind::Credit);
        let person = rows.person.get(row).copied().unwrap_or(NONE);
        let settlement = matches!(kind, Kind::Settlement | Kind::Refund);
        let split = rows.split.get(row).copied().unwrap_or_default();
        let med = rows
            .med_type
            .get(row)
            .and_then(|&id| self.med_types.get(id as usize))
            .map(|c| med_type_name(med_type_group(c), locale));
        let institution =
            rows.institution.get(row).and_then(|&id| self.institutions.get(id as usize)).map(|i| i.name.as_str());
        let split_cell = |fen: i64| if settlement { amount_cell(fen) } else { Ok(String::new()) };
        // A quota row changes no account amount: its action and amount go in the type cell
        // ("共济额度·调整额度 800.00").
        let type_cell = match QuotaAction::from_stored(rows.kind_detail.get(row).copied().unwrap_or(0)) {
            Some(action) if kind == Kind::Quota => format!(
                "{}·{} {}",
                kind.label(locale),
                action.label(locale),
                amount_cell(rows.amount.get(row).copied().unwrap_or(0))?
            ),
            _ => kind.label(locale).to_string(),
        };
        let cells = [
            text_cell(&rows.secs.get(row).copied().map(seconds_to_text).unwrap_or_default()),
            text_cell(&type_cell),
            text_cell(&self.person_name(person, unmasked).unwrap_or_default()),
            text_cell(&self.relation_name(person, locale).unwrap_or_default()),
            text_cell(med.unwrap_or("")),
            text_cell(institution.unwrap_or("")),
            text_cell(if settlement { self.setl_id(row) } else { "" }),
            amount_cell(rows.account_change(row))?,
            split_cell(split.medfee_sumamt)?,
            split_cell(split.fund_pay_sumamt)?,
            split_cell(split.acct_pay)?,
            split_cell(split.acct_mulaid_pay)?,
            split_cell(split.psn_cash_pay)?,
        ];
        Ok(cells.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_neutralised_and_quoted() {
        let table = [
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\0=1+2", "'\0=1+2"),
            (" =1+2", "' =1+2"),
            ("\u{3000}@SUM(A1)", "'\u{3000}@SUM(A1)"),
            ("＝1+2", "'＝1+2"),
            ("－1", "'－1"),
            ("\n=1", "\"'\n=1\""),
            ("   ", "   "),
            ("王=五", "王=五"),
            ("兰州市第一人民医院", "兰州市第一人民医院"),
            ("a,b", "\"a,b\""),
            ("", ""),
        ];
        for (value, want) in table {
            assert_eq!(text_cell(value), want, "{value:?}");
        }
        assert_eq!(amount_cell(-1230).unwrap(), "-12.30");
    }
}
