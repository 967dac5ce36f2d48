//! Properties of the money domain: parsing what formatting wrote gives the same amount,
//! 人民币大写 and the spoken form read back to the same number and keep the 零 rules, sums of
//! many amounts equal the integer sum in fen, and no input ever panics or ends without a
//! MONEY_ code.
#![cfg(not(target_arch = "wasm32"))]
// The read-back helpers are test code outside #[test] functions, which clippy cannot tell.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use gongji::money::{
    format_yuan, parse_rounded, parse_yuan, to_chinese_uppercase, to_spoken_chinese, ChineseUppercaseOptions,
    FormatOptions, ParseYuanOptions,
};
use gongji::{Code, Yuan};
use proptest::prelude::*;

const MAX_FEN: i64 = 9_999_999_999_999_999;
const NEGATIVE_OK: ParseYuanOptions = ParseYuanOptions { allow_negative: true };

/// Reads Chinese numerals back (an independent check of the wording, not of its 零 rules):
/// split at the last 亿, then at the last 万, then digits times 十/百/千.
fn read_numerals(words: &str) -> u64 {
    let value = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or_else(|| "零壹贰叁肆伍陆柒捌玖".chars().position(|d| d == c))
    };
    fn split(words: &str, unit: char) -> Option<(&str, &str)> {
        words.rfind(unit).map(|at| (&words[..at], &words[at + unit.len_utf8()..]))
    }
    fn read(words: &str, value: &dyn Fn(char) -> Option<usize>) -> u64 {
        if let Some((high, low)) = split(words, '亿') {
            return read(high, value) * 100_000_000 + read(low, value);
        }
        if let Some((high, low)) = split(words, '万') {
            return read(high, value) * 10_000 + read(low, value);
        }
        let (mut total, mut current) = (0u64, None::<u64>);
        for c in words.chars() {
            let place = match c {
                '十' | '拾' => 10,
                '百' | '佰' => 100,
                '千' | '仟' => 1000,
                '两' => {
                    current = Some(2);
                    continue;
                }
                _ => {
                    current = Some(value(c).unwrap_or_else(|| panic!("unexpected {c} in {words}")) as u64);
                    continue;
                }
            };
            // A leading 十 without a digit is 一十.
            total += current.take().unwrap_or(1) * place;
        }
        total + current.unwrap_or(0)
    }
    read(words, &value)
}

/// Reads "…元…角…分" back into fen.
fn read_amount(text: &str) -> i64 {
    let (negative, text) = match text.strip_prefix('负') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let text = text.trim_end_matches('整');
    let (yuan, rest) = text.split_once('元').unwrap_or(("", text));
    let rest = rest.trim_start_matches('零');
    let (jiao, rest) = rest.split_once('角').unwrap_or(("", rest));
    let fen = rest.trim_end_matches('分');
    let fen = read_numerals(yuan) * 100 + read_numerals(jiao) * 10 + read_numerals(fen);
    let fen = i64::try_from(fen).unwrap();
    if negative {
        -fen
    } else {
        fen
    }
}

fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![
        -MAX_FEN..=MAX_FEN,
        -100_000_000i64..=100_000_000,
        // Sparse digits exercise the 零 rules: a few non-zero digits among zeros.
        (prop::collection::vec((0u32..16, 1i64..10), 1..4), any::<bool>()).prop_map(|(digits, negative)| {
            let fen: i64 = digits.iter().map(|&(at, d)| d * 10i64.pow(at)).fold(0i64, |a, b| (a + b).min(MAX_FEN));
            if negative {
                -fen
            } else {
                fen
            }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parse_reads_what_format_writes(fen in amount(), symbol: bool, unit: bool, grouping: bool) {
        let yuan = Yuan::from_fen(fen).unwrap();
        let shown = format_yuan(yuan, &FormatOptions { symbol, unit, grouping, masked: false });
        prop_assert_eq!(parse_yuan(&shown, &NEGATIVE_OK), Ok(yuan), "{}", shown);
        prop_assert_eq!(Yuan::parse_plain(&yuan.to_string()), Ok(yuan));
        prop_assert_eq!(parse_rounded(&yuan.to_string()), Ok(yuan));
    }

    #[test]
    fn capitals_read_back_and_keep_the_zero_rules(fen in amount(), prefix: bool, zheng_after_jiao: bool) {
        let yuan = Yuan::from_fen(fen).unwrap();
        let words = to_chinese_uppercase(yuan, &ChineseUppercaseOptions { prefix, zheng_after_jiao });
        let bare = words.strip_prefix("人民币").unwrap_or(&words);
        prop_assert_eq!(prefix, words.starts_with("人民币"));
        prop_assert!(!bare.contains("零零"), "{}", words);
        prop_assert!(!bare.ends_with('零'), "{}", words);
        prop_assert!(fen == 0 || !bare.trim_start_matches('负').starts_with('零'), "{}", words);
        prop_assert!(!bare.contains("分整"), "{}", words);
        prop_assert_eq!(bare.ends_with("元整"), fen % 100 == 0, "{}", words);
        prop_assert!(bare.chars().all(|c| "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负".contains(c)), "{}", words);
        prop_assert_eq!(read_amount(bare), fen, "{}", words);
    }

    #[test]
    fn spoken_reads_back(fen in amount()) {
        let words = to_spoken_chinese(Yuan::from_fen(fen).unwrap());
        prop_assert!(!words.contains("零零") && !words.ends_with('零') || fen == 0, "{}", words);
        prop_assert!(!words.contains("两十"), "{}", words);
        prop_assert_eq!(read_amount(&words), fen, "{}", words);
    }

    #[test]
    fn rounding_agrees_with_integer_arithmetic(mills in -MAX_FEN..=MAX_FEN / 10 * 10, extra in "[0-9]{0,30}") {
        // mills/1000 yuan plus more digits after: rounding depends on the third decimal only.
        let magnitude = mills.unsigned_abs();
        let text = format!("{}{}.{:03}{}", if mills < 0 { "-" } else { "" }, magnitude / 1000, magnitude % 1000, extra);
        let away = i64::try_from((magnitude + 5) / 10).unwrap();
        let want = Yuan::from_fen(if mills < 0 { -away } else { away }).unwrap();
        prop_assert_eq!(parse_rounded(&text), Ok(want), "{}", text);
    }

    #[test]
    fn any_text_gives_an_amount_or_a_money_code(text in "\\PC{0,40}", allow_negative: bool) {
        let options = ParseYuanOptions { allow_negative };
        for result in [parse_yuan(&text, &options), parse_rounded(&text), Yuan::parse_plain(&text)] {
            if let Err(problem) = result {
                prop_assert!(problem.code.as_str().starts_with("MONEY_"), "{:?}", problem.code);
            }
        }
    }

    #[test]
    fn numeric_looking_text_never_panics(text in "[-+¥￥ 0-9０-９.．,，eE元]{0,30}") {
        let _ = parse_yuan(&text, &NEGATIVE_OK);
        let _ = parse_rounded(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn sum_of_many_equals_the_integer_sum(fens in prop::collection::vec(-100_000_000_000i64..=100_000_000_000, 100_000)) {
        let amounts: Vec<Yuan> = fens.iter().map(|&f| Yuan::from_fen(f).unwrap()).collect();
        let want: i128 = fens.iter().map(|&f| i128::from(f)).sum();
        let got = Yuan::sum(amounts.iter().copied()).unwrap();
        prop_assert_eq!(i128::from(got.to_fen()), want);
        let by_hand = amounts.iter().try_fold(Yuan::ZERO, |acc, &y| acc.checked_add(y)).unwrap();
        prop_assert_eq!(by_hand, got);
    }
}

#[test]
fn sum_that_leaves_the_range_is_an_error() {
    let max = Yuan::max();
    let one_fen = Yuan::from_fen(1).unwrap();
    assert_eq!(Yuan::sum([max, one_fen]).unwrap_err().code, Code::MoneyOverflow);
    assert_eq!(Yuan::sum([max, one_fen, one_fen.negated()]).unwrap_err().code, Code::MoneyOverflow);
    assert_eq!(Yuan::sum([max, max.negated(), max]), Ok(max));
    assert_eq!(Yuan::sum(std::iter::empty()), Ok(Yuan::ZERO));
}

#[test]
fn rounding_at_half_a_fen_on_both_signs() {
    let table = [
        ("1234.565", "¥1,234.57"),
        ("-1234.565", "-¥1,234.57"),
        ("1234.564", "¥1,234.56"),
        ("-1234.564", "-¥1,234.56"),
        ("0.005", "¥0.01"),
        ("-0.005", "-¥0.01"),
        ("-0.004", "¥0.00"),
        ("2.675", "¥2.68"),
        ("1.005", "¥1.01"),
        ("99999999999999.985", "¥99,999,999,999,999.99"),
    ];
    for (input, want) in table {
        assert_eq!(format_yuan(parse_rounded(input).unwrap(), &FormatOptions::default()), want, "{input}");
    }
}

#[test]
fn junk_gives_a_code_everywhere() {
    let megabyte = "1".repeat(1 << 20);
    let megabyte_junk = "€".repeat(1 << 18);
    let junk = [
        "",
        " ",
        "\u{3000}",
        "3²",
        "ⅷ",
        "⑱",
        "€",
        "１２ａ",
        "\u{FFFD}",
        "NaN",
        "Infinity",
        "1e5",
        "--1",
        "1..0",
        "¥",
        megabyte.as_str(),
        megabyte_junk.as_str(),
    ];
    for text in junk {
        for options in [ParseYuanOptions::default(), NEGATIVE_OK] {
            assert!(parse_yuan(text, &options).is_err(), "parse_yuan {:?}", text.get(..20));
        }
        assert!(parse_rounded(text).is_err(), "parse_rounded {:?}", text.get(..20));
        assert!(Yuan::parse_plain(text).is_err(), "parse_plain {:?}", text.get(..20));
    }
    // Full-width digits are what people type: accepted by the user-input parser only.
    assert_eq!(parse_yuan("１２", &ParseYuanOptions::default()).map(|y| y.to_string()), Ok("12.00".to_string()));
    assert_eq!(parse_rounded("１２").unwrap_err().code, Code::MoneyInvalid);
}
