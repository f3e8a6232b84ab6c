//! The changed-number check on the bundled corpora: in every gold 1-1 pair whose sentences
//! both write a number in digits, one such number is changed on one side (36 → 37, 200 → 500,
//! 200 → 2000; side and change drawn from a fixed seed) and `hashi check` must report a
//! `number` (or, for a month, `date`) finding on that pair. The unchanged corpora must give no number finding at all.
//! `scripts/check_figures.py` does the same on the WMT21 evaluation cases.

#[macro_use]
mod common;
use common::{cmd, corpus, s};

use std::path::Path;

const CORPORA: [&str; 3] = ["jaxa-launch", "tokyo-budget", "shogi-record"];

/// A small linear congruential generator: the test must not depend on a crate's stream.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn digit(c: char) -> Option<u32> {
    c.to_digit(10)
        .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
}

/// Digit runs (with , and . inside) as (char start, char end, value with separators dropped).
fn numbers(text: &str) -> Vec<(usize, usize, String)> {
    let c: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if digit(c[i]).is_none() {
            i += 1;
            continue;
        }
        let s = i;
        while i < c.len()
            && (digit(c[i]).is_some()
                || (matches!(c[i], ',' | '.' | '，' | '．')
                    && c.get(i + 1).is_some_and(|&d| digit(d).is_some())))
        {
            i += 1;
        }
        let value: String = c[s..i]
            .iter()
            .filter_map(|&d| match d {
                '.' | '．' => Some('.'),
                d => digit(d).and_then(|v| char::from_digit(v, 10)),
            })
            .collect();
        out.push((s, i, value));
    }
    out
}

/// `text` with the number at chars `s..e` changed one of three ways.
fn change(text: &str, s: usize, e: usize, how: usize) -> String {
    let mut c: Vec<char> = text.chars().collect();
    let bump = |d: char, by: u32| {
        let v = (digit(d).unwrap() + by) % 10;
        if d.is_ascii_digit() {
            char::from_digit(v, 10).unwrap()
        } else {
            char::from_u32('０' as u32 + v).unwrap()
        }
    };
    let positions: Vec<usize> = (s..e).filter(|&k| digit(c[k]).is_some()).collect();
    match how {
        0 => {
            let k = *positions.last().unwrap();
            c[k] = bump(c[k], 1);
        }
        1 if digit(c[s]).unwrap() < 8 => c[s] = bump(c[s], 2),
        1 => c[s] = bump(c[s], 9),
        _ => {
            // Ten times the value: a zero before the decimal point (3.5 → 30.5), as one
            // after a decimal (3.50) would not change it.
            let at = (s..e).find(|&k| matches!(c[k], '.' | '．')).unwrap_or(e);
            let zero = bump(c[at - 1], 10 - digit(c[at - 1]).unwrap());
            c.insert(at, zero);
        }
    }
    c.into_iter().collect()
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_ids(s: &str) -> Vec<usize> {
    s.trim()
        .trim_matches(['[', ']'])
        .split(',')
        .filter(|x| !x.trim().is_empty())
        .map(|x| x.trim().parse().unwrap())
        .collect()
}

/// Number and date findings as (English ids, Japanese ids, detail).
fn number_findings(en: &Path, ja: &Path) -> Vec<(Vec<usize>, Vec<usize>, String)> {
    let out = cmd(["check", "--presegmented", "--format", "json", s(en), s(ja)]).stdout();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "number" || f["kind"] == "date")
        .map(|f| {
            let ids = |k: &str| -> Vec<usize> {
                f[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_u64().unwrap() as usize)
                    .collect()
            };
            (ids("en_ids"), ids("ja_ids"), f["detail"].to_string())
        })
        .collect()
}

#[test]
fn unchanged_corpora_have_no_number_or_date_finding() {
    for name in CORPORA {
        let dir = corpus(name);
        let f = number_findings(&dir.join("en.sent"), &dir.join("ja.sent"));
        assert!(f.is_empty(), "{name}: {f:?}");
    }
}

hashi_test!(every_changed_number_is_reported_on_its_pair, |tmp, cmd| {
    let mut rng = Lcg(2026);
    let mut cases = 0;
    let mut missed = Vec::new();
    for name in CORPORA {
        let dir = corpus(name);
        let en = lines(&dir.join("en.sent"));
        let ja = lines(&dir.join("ja.sent"));
        let gold = std::fs::read_to_string(dir.join("gold.align")).unwrap();
        for bead in gold.lines().filter(|l| !l.trim().is_empty()) {
            let (e, j) = bead.split_once(':').unwrap();
            let (e, j) = (parse_ids(e), parse_ids(j));
            if e.len() != 1 || j.len() != 1 {
                continue;
            }
            let (e, j) = (e[0], j[0]);
            let side = rng.below(2);
            let (mine, theirs) = if side == 0 {
                (&en[e], &ja[j])
            } else {
                (&ja[j], &en[e])
            };
            let shared: Vec<(usize, usize, String)> = numbers(mine)
                .into_iter()
                .filter(|(_, _, v)| numbers(theirs).iter().any(|(_, _, w)| w == v))
                .collect();
            if shared.is_empty() {
                continue;
            }
            let (s, t, _) = shared[rng.below(shared.len())].clone();
            let changed = change(mine, s, t, rng.below(3));
            let (mut en2, mut ja2) = (en.clone(), ja.clone());
            if side == 0 {
                en2[e] = changed.clone();
            } else {
                ja2[j] = changed.clone();
            }
            let case = format!("{name}-{e}");
            let en_path = tmp.create(format!("{case}/en.sent"), en2.join("\n"));
            let ja_path = tmp.create(format!("{case}/ja.sent"), ja2.join("\n"));
            cases += 1;
            let f = number_findings(&en_path, &ja_path);
            if !f
                .iter()
                .any(|(fe, fj, _)| fe.contains(&e) && fj.contains(&j))
            {
                missed.push(format!("{name} en {e} ja {j}: {changed} → {f:?}"));
            }
        }
    }
    assert!(
        cases >= 15,
        "only {cases} pairs write a number on both sides"
    );
    assert!(
        missed.is_empty(),
        "{} of {cases} missed: {missed:#?}",
        missed.len()
    );
});
