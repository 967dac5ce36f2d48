//! Seeded generator of account histories for the ledger tests (the JS twin for bench and JS
//! tests is tests/fixtures/gen-history.mjs). Besides the JSON text it returns the ground
//! truth: every good record in plain form (for independent sums), the planted malformed
//! records with the code they must be rejected with, and the planted anomalies.
#![allow(dead_code)]
// Test support: a failing unwrap or index is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::fmt::Write;

/// xorshift64*: tiny, deterministic, enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

pub const HOLDER: &str = "62110219800101000000000001";
pub const HOLDER_NAME: &str = "张建国";
/// (psn_no, name, relation, unbound_at)
pub const MEMBERS: [(&str, &str, &str, Option<&str>); 4] = [
    ("62110219820202000000000002", "李秀英", "10", None),
    ("62110220100303000000000003", "张小明", "20", None),
    ("62110219550404000000000004", "张德福", "51", None),
    ("62110219600505000000000005", "王桂兰", "52", Some("2023-06-30")),
];
pub const STRANGER: &str = "62010219700606000000000009";
pub const INSTITUTIONS: [(&str, &str); 5] = [
    ("H62110200001", "定西市人民医院"),
    ("H62110200002", "安定区中医院"),
    ("P62110200003", "定西康泰大药房"),
    ("H62010500004", "兰州大学第一医院"),
    ("P62110200005", "=惠民药店,东街店"),
];
pub const MED_TYPES: [&str; 9] = ["11", "13", "14", "140104", "140201", "21", "41", "9901", "77"];

/// A good record as plain values (fen), for independent computation.
#[derive(Clone, Debug)]
pub struct Truth {
    pub index: u32,
    pub kind: &'static str,
    pub time: String,
    /// The person the record is about (transfer: recipient; credit: holder; refund: its
    /// settlement's person or "" when orphan).
    pub psn_no: String,
    pub name: String,
    pub institution: usize,
    pub med_type: String,
    pub amount: i64,
    pub medfee: i64,
    pub fund: i64,
    pub acct: i64,
    pub mulaid: i64,
    pub cash: i64,
    pub setl_id: String,
    /// A second settlement with a seen setl_id: loaded as a duplicate, never counted.
    pub duplicate: bool,
}

impl Truth {
    /// Change to the holder's account in fen.
    pub fn change(&self) -> i64 {
        match self.kind {
            "credit" => self.amount,
            "transfer" | "contribution" => -self.amount,
            _ => -(self.acct + self.mulaid),
        }
    }
    pub fn headline(&self) -> i64 {
        match self.kind {
            "settlement" | "refund" => self.medfee,
            _ => self.amount,
        }
    }
}

pub struct History {
    pub json: String,
    pub truths: Vec<Truth>,
    /// (index, code, field)
    pub malformed: Vec<(u32, &'static str, Option<&'static str>)>,
    /// (index, code)
    pub anomalies: Vec<(u32, &'static str)>,
    pub opening: i64,
    pub balc: i64,
}

impl History {
    /// Good records that count (duplicates excluded).
    pub fn counted(&self) -> impl Iterator<Item = &Truth> {
        self.truths.iter().filter(|t| !t.duplicate)
    }
}

pub struct Plan {
    pub seed: u64,
    pub records: usize,
    pub anomalies: bool,
    pub malformed: bool,
    /// Amounts sometimes as JSON numbers.
    pub numbers: bool,
    pub source: &'static str,
    pub admdvs: &'static str,
}

impl Default for Plan {
    fn default() -> Plan {
        Plan {
            seed: 1,
            records: 500,
            anomalies: false,
            malformed: false,
            numbers: true,
            source: "online",
            admdvs: "621102",
        }
    }
}

fn fen_text(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.unsigned_abs() / 100, fen.unsigned_abs() % 100)
}

fn amount_json(rng: &mut Rng, fen: i64, numbers: bool) -> String {
    let text = fen_text(fen);
    if numbers && rng.chance(30) {
        // A JSON number, sometimes with a trailing zero dropped or added: still exact.
        if rng.chance(50) && text.ends_with('0') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    } else {
        format!("\"{text}\"")
    }
}

fn time_text(day: i64, secs: i64) -> String {
    // day 0 = 2021-01-01
    let (mut y, mut d) = (2021i64, day);
    loop {
        let len = if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let months = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02} {:02}:{:02}:{:02}", m + 1, d + 1, secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Days from 2021-01-01 to the given "yyyy-MM-dd".
pub fn day_of(date: &str) -> i64 {
    (0..4000).find(|&d| time_text(d, 0).starts_with(date)).unwrap()
}

struct Writer {
    out: String,
    count: u32,
}

impl Writer {
    fn push(&mut self, json: &str) -> u32 {
        if self.count > 0 {
            self.out.push(',');
        }
        self.out.push_str("\n    ");
        self.out.push_str(json);
        self.count += 1;
        self.count - 1
    }
}

#[allow(clippy::too_many_arguments)]
fn settlement_json(rng: &mut Rng, numbers: bool, t: &Truth) -> String {
    let (code, name) = INSTITUTIONS[t.institution];
    format!(
        r#"{{"type":"settlement","setl_id":"{}","setl_time":"{}","psn_no":"{}","psn_name":"{}","fixmedins_code":"{}","fixmedins_name":"{}","med_type":"{}","medfee_sumamt":{},"fund_pay_sumamt":{},"acct_pay":{},"acct_mulaid_pay":{},"psn_cash_pay":{},"psn_part_amt":"0.00"}}"#,
        t.setl_id,
        t.time,
        t.psn_no,
        t.name,
        code,
        name,
        t.med_type,
        amount_json(rng, t.medfee, numbers),
        amount_json(rng, t.fund, numbers),
        amount_json(rng, t.acct, numbers),
        amount_json(rng, t.mulaid, numbers),
        amount_json(rng, t.cash, numbers),
    )
}

fn refund_json(rng: &mut Rng, numbers: bool, t: &Truth) -> String {
    format!(
        r#"{{"type":"refund","setl_id":"{}","setl_time":"{}","medfee_sumamt":{},"fund_pay_sumamt":{},"acct_pay":{},"acct_mulaid_pay":{},"psn_cash_pay":{}}}"#,
        t.setl_id,
        t.time,
        amount_json(rng, t.medfee, numbers),
        amount_json(rng, t.fund, numbers),
        amount_json(rng, t.acct, numbers),
        amount_json(rng, t.mulaid, numbers),
        amount_json(rng, t.cash, numbers),
    )
}

fn blank(kind: &'static str, time: String, psn_no: &str, name: &str) -> Truth {
    Truth {
        index: 0,
        kind,
        time,
        psn_no: psn_no.to_string(),
        name: name.to_string(),
        institution: usize::MAX,
        med_type: String::new(),
        amount: 0,
        medfee: 0,
        fund: 0,
        acct: 0,
        mulaid: 0,
        cash: 0,
        setl_id: String::new(),
        duplicate: false,
    }
}

/// The malformed records a history may carry: (json, code, field).
pub const MALFORMED: [(&str, &str, Option<&str>); 16] = [
    ("42", "LEDGER_RECORD_NOT_OBJECT", None),
    ("[1,[2,[3]]]", "LEDGER_RECORD_NOT_OBJECT", None),
    ("null", "LEDGER_RECORD_NOT_OBJECT", None),
    (r#"{"time":"2022-01-05 10:00:00","amount":"1.00"}"#, "LEDGER_RECORD_MISSING_FIELD", Some("type")),
    (r#"{"type":"bonus","time":"2022-01-05 10:00:00","amount":"1.00"}"#, "LEDGER_RECORD_UNKNOWN_TYPE", None),
    (r#"{"type":7,"time":"2022-01-05 10:00:00","amount":"1.00"}"#, "LEDGER_RECORD_BAD_FIELD", Some("type")),
    (r#"{"type":"credit","time":"2022-01-05 10:00:00"}"#, "LEDGER_RECORD_MISSING_FIELD", Some("amount")),
    (r#"{"type":"credit","time":"2022-01-05 10:00:00","amount":"12.345"}"#, "LEDGER_RECORD_BAD_AMOUNT", Some("amount")),
    (r#"{"type":"credit","time":"2022-01-05 10:00:00","amount":"abc"}"#, "LEDGER_RECORD_BAD_AMOUNT", Some("amount")),
    (
        r#"{"type":"credit","time":"2022-01-05 10:00:00","amount":1234567890123456789012345678901234567890}"#,
        "LEDGER_RECORD_BAD_AMOUNT",
        Some("amount"),
    ),
    (
        r#"{"type":"transfer","time":"2022-01-05 10:00:00","amount":true,"to_psn_no":"1"}"#,
        "LEDGER_RECORD_BAD_AMOUNT",
        Some("amount"),
    ),
    (r#"{"type":"credit","time":"2023-02-30 10:00:00","amount":"1.00"}"#, "LEDGER_RECORD_BAD_TIME", Some("time")),
    (r#"{"type":"credit","time":"2023-01-01","amount":"1.00"}"#, "LEDGER_RECORD_BAD_TIME", Some("time")),
    (
        r#"{"type":"contribution","time":"2022-01-05 25:00:00","amount":"1.00","psn_no":"1"}"#,
        "LEDGER_RECORD_BAD_TIME",
        Some("time"),
    ),
    (
        r#"{"type":"settlement","setl_id":"S-BAD-1","setl_time":"2022-01-05 10:00:00","med_type":"11","medfee_sumamt":"1","fund_pay_sumamt":"0","acct_pay":"1","acct_mulaid_pay":"0","psn_cash_pay":"0"}"#,
        "LEDGER_RECORD_MISSING_FIELD",
        Some("psn_no"),
    ),
    (
        r#"{"type":"settlement","setl_id":"S-BAD-2","setl_time":"2022-01-05 10:00:00","psn_no":"1","med_type":{"x":1},"medfee_sumamt":"1","fund_pay_sumamt":"0","acct_pay":"1","acct_mulaid_pay":"0","psn_cash_pay":"0"}"#,
        "LEDGER_RECORD_BAD_FIELD",
        Some("med_type"),
    ),
];

pub fn generate(plan: &Plan) -> History {
    let mut rng = Rng::new(plan.seed);
    let mut w = Writer { out: String::new(), count: 0 };
    let mut truths: Vec<Truth> = Vec::new();
    let mut malformed = Vec::new();
    let mut anomalies = Vec::new();
    let n = plan.records.max(1);
    // Spread over four years; roughly one credit a month.
    let span_days = 4 * 365i64;
    let mut settlements: Vec<usize> = Vec::new();
    let unbound_day = day_of("2023-06-30");
    let mut last_credit_month = String::new();
    let mut setl_counter = 0u64;
    let mut malformed_next = 0usize;
    for i in 0..n {
        let day = (i as i64 * span_days) / n as i64;
        let secs = rng.below(86_400) as i64;
        let mut time = time_text(day, secs);
        // Now and then a record out of order, to exercise the sort.
        if rng.chance(2) && day > 10 {
            time = time_text(day - 5, secs);
        }
        if plan.malformed && rng.chance(3) {
            let (json, code, field) = MALFORMED[malformed_next % MALFORMED.len()];
            malformed_next += 1;
            let index = w.push(json);
            malformed.push((index, code, field));
            continue;
        }
        let month = time[..7].to_string();
        if month != last_credit_month && time[8..10] >= *"05" {
            last_credit_month = month.clone();
            let mut t = blank("credit", time_text(day, 9 * 3600), HOLDER, HOLDER_NAME);
            t.amount = 20_000 + rng.below(30_000) as i64;
            let json = format!(
                r#"{{"type":"credit","time":"{}","amount":{},"period":"{}"}}"#,
                t.time,
                amount_json(&mut rng, t.amount, plan.numbers),
                month
            );
            t.index = w.push(&json);
            truths.push(t);
            continue;
        }
        let roll = rng.below(100);
        if roll < 8 {
            let (psn, name, _, _) = *rng.pick(&MEMBERS[..3]);
            let mut t = blank("transfer", time, psn, name);
            t.amount = 100 * (1 + rng.below(2000) as i64);
            let json = format!(
                r#"{{"type":"transfer","time":"{}","amount":{},"to_psn_no":"{}","to_psn_name":"{}"}}"#,
                t.time,
                amount_json(&mut rng, t.amount, plan.numbers),
                psn,
                name
            );
            t.index = w.push(&json);
            truths.push(t);
        } else if roll < 12 {
            let (psn, name, _, _) = *rng.pick(&MEMBERS[..3]);
            let mut t = blank("contribution", time, psn, name);
            t.amount = 38_000 + rng.below(4) as i64 * 1_000;
            let json = format!(
                r#"{{"type":"contribution","time":"{}","amount":{},"psn_no":"{}","psn_name":"{}","year":{}}}"#,
                t.time,
                amount_json(&mut rng, t.amount, plan.numbers),
                psn,
                name,
                &t.time[..4]
            );
            t.index = w.push(&json);
            truths.push(t);
        } else if roll < 16 && !settlements.is_empty() {
            let original = truths[*rng.pick(&settlements)].clone();
            let mut t = blank("refund", time, &original.psn_no, &original.name);
            t.setl_id = original.setl_id.clone();
            t.institution = original.institution;
            t.med_type = original.med_type.clone();
            t.medfee = -original.medfee;
            t.fund = -original.fund;
            t.acct = -original.acct;
            t.mulaid = -original.mulaid;
            t.cash = -original.cash;
            let json = refund_json(&mut rng, plan.numbers, &t);
            t.index = w.push(&json);
            truths.push(t);
        } else {
            // Settlement by the holder or a member; the unbound member only before unbinding.
            let who = rng.below(5) as usize;
            let (psn, name, unbound) = if who == 0 {
                (HOLDER, HOLDER_NAME, false)
            } else {
                let (p, nm, _, until) = MEMBERS[who - 1];
                (p, nm, until.is_some())
            };
            let (psn, name) = if unbound && day > unbound_day { (HOLDER, HOLDER_NAME) } else { (psn, name) };
            setl_counter += 1;
            let mut t = blank("settlement", time, psn, name);
            t.setl_id = format!("S{:012}", setl_counter + plan.seed * 1_000_000);
            t.institution = rng.below(INSTITUTIONS.len() as u64) as usize;
            t.med_type = rng.pick(&MED_TYPES).to_string();
            t.medfee = 500 + rng.below(200_000) as i64;
            t.fund = rng.below(t.medfee as u64 / 2) as i64;
            let rest = t.medfee - t.fund;
            let account = rng.below(rest as u64 + 1) as i64;
            if psn == HOLDER {
                t.acct = account;
            } else {
                t.mulaid = account;
            }
            t.cash = rest - account;
            let json = settlement_json(&mut rng, plan.numbers, &t);
            t.index = w.push(&json);
            settlements.push(truths.len());
            truths.push(t);
        }
        // Plant the anomalies once, a third of the way in.
        if plan.anomalies && i == n / 3 {
            let late = time_text(unbound_day + 10, 3600 * 10);
            let mut plant =
                |w: &mut Writer, rng: &mut Rng, mut t: Truth, code: &'static str, truths: &mut Vec<Truth>| {
                    let json = if t.kind == "refund" {
                        refund_json(rng, plan.numbers, &t)
                    } else {
                        settlement_json(rng, plan.numbers, &t)
                    };
                    t.index = w.push(&json);
                    anomalies.push((t.index, code));
                    truths.push(t);
                };
            let base = |psn: &str, name: &str, id: &str, time: &str| {
                let mut t = blank("settlement", time.to_string(), psn, name);
                t.setl_id = id.to_string();
                t.institution = 0;
                t.med_type = "11".to_string();
                t.medfee = 10_000;
                t.fund = 6_000;
                t.mulaid = 3_000;
                t.cash = 1_000;
                t
            };
            let (ub_psn, ub_name, _, _) = MEMBERS[3];
            plant(
                &mut w,
                &mut rng,
                base(ub_psn, ub_name, "A-UNBOUND", &late),
                "LEDGER_SPENT_AFTER_UNBINDING",
                &mut truths,
            );
            plant(
                &mut w,
                &mut rng,
                base(STRANGER, "赵某某", "A-STRANGER", &late),
                "LEDGER_UNKNOWN_PERSON",
                &mut truths,
            );
            let mut split = base(HOLDER, HOLDER_NAME, "A-SPLIT", &late);
            split.mulaid = 0;
            split.acct = 3_000;
            split.fund = 6_001;
            plant(&mut w, &mut rng, split, "LEDGER_SPLIT_MISMATCH", &mut truths);
            let mut orphan = base(HOLDER, HOLDER_NAME, "A-NO-SUCH-SETTLEMENT", &late);
            orphan.kind = "refund";
            orphan.psn_no = String::new();
            orphan.name = String::new();
            orphan.institution = usize::MAX;
            orphan.med_type = String::new();
            orphan.medfee = -10_000;
            orphan.fund = -6_000;
            orphan.mulaid = 0;
            orphan.acct = -3_000;
            orphan.cash = -1_000;
            plant(&mut w, &mut rng, orphan, "LEDGER_ORPHAN_REFUND", &mut truths);
            let first = truths[settlements[0]].clone();
            let mut dup = first;
            dup.duplicate = true;
            plant(&mut w, &mut rng, dup, "LEDGER_DUPLICATE_SETTLEMENT", &mut truths);
        }
    }
    let opening = 123_456;
    let total: i64 = truths.iter().filter(|t| !t.duplicate).map(Truth::change).sum();
    let balc = opening + total;
    let mut json = String::new();
    let members: Vec<String> = MEMBERS
        .iter()
        .map(|(psn, name, relation, until)| {
            let status = if until.is_some() { "unbound" } else { "active" };
            let unbound_at = until.map_or("null".to_string(), |d| format!("\"{d}\""));
            format!(
                r#"{{"psn_no":"{psn}","psn_name":"{name}","certno":"62110219800101123X","relation":"{relation}","status":"{status}","bound_at":"2021-01-01","unbound_at":{unbound_at}}}"#
            )
        })
        .collect();
    write!(
        json,
        r#"{{"account":{{"psn_no":"{HOLDER}","psn_name":"{HOLDER_NAME}","insutype":"310","insuplc_admdvs":"{}","balc":"{}","opening_balc":"{}","opening_date":"2021-01-01","as_of":"2025-01-02 08:00:00","source":"{}"}},
  "members":[{}],
  "records":[{}
  ]}}"#,
        plan.admdvs,
        fen_text(balc),
        fen_text(opening),
        plan.source,
        members.join(","),
        w.out
    )
    .unwrap();
    History { json, truths, malformed, anomalies, opening, balc }
}

/// "yyyy-MM-dd" of a day counted from 2021-01-01.
pub fn date_text(day: i64) -> String {
    time_text(day, 0)[..10].to_string()
}

/// The med_type group a record falls in, written independently of the core (the test
/// oracle): a listed national code is its own group, a 4–6 digit provincial sub-code of a
/// listed code falls in that code's group, anything else is "other".
pub fn group(med_type: &str) -> &str {
    let listed = ["11", "12", "13", "14", "15", "16", "19", "21", "22", "23", "24", "25", "26", "41", "51", "52"];
    if listed.contains(&med_type) {
        return med_type;
    }
    if (4..=6).contains(&med_type.len())
        && med_type.bytes().all(|b| b.is_ascii_digit())
        && listed.contains(&&med_type[..2])
    {
        return &med_type[..2];
    }
    "other"
}
