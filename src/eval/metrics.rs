//! Precision, recall and F1 counts.

use serde::Serialize;
use std::fmt;

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    /// Found and right.
    pub tp: usize,
    /// Found and wrong.
    pub fp: usize,
    /// Missed.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Prf {
    /// Counts from the three numbers.
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        Prf { tp, fp, fn_ }
    }

    /// tp / (tp + fp), 0 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), 0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Sum of two counts.
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// a / b, 0 when b is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Counted diagnostics, commonest first, then alphabetical.
pub fn commonest(counts: impl IntoIterator<Item = (String, usize)>) -> Vec<(String, usize)> {
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        let prf = Prf::new(8, 2, 8);
        assert!((prf.precision() - 0.8).abs() < 1e-9);
        assert!((prf.recall() - 0.5).abs() < 1e-9);
        assert!((prf.f1() - 0.615_384_6).abs() < 1e-6);
        assert_eq!(Prf::default().f1(), 0.0);
    }
}
