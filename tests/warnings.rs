//! Warnings that keep a build going but must not go unsaid.

use crate::common::*;

#[test]
fn missing_applicable_rows_are_reported_once_per_year() {
    let s = scratch("tiny");
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let warnings: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    // Pattaya has a row only for 1.1 in 2566; 1.2 and 2.1 apply to it too.
    let w =
        warnings.iter().find(|w| w.contains("data/2566/results.csv") && w.contains("have no row")).expect("warning");
    assert!(w.contains("2 (LAO, indicator) pairs"), "{w}");
    assert!(w.contains("3200408 1.2") && w.contains("3200408 2.1"), "{w}");
}
