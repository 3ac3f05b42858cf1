//! Scoring extractions against gold annotation.
//!
//! * [`seed_gold`]: the shared seed gold format (entities, timexes, timeline
//!   rows, casualty figures), scored as `tests/score_seed.py` scores it;
//! * [`timeml`]: TimeML gold and the TempEval-3 timex measures;
//! * [`conll`]: CoNLL-2003 gold and exact-span entity scores.

pub mod conll;
pub mod metrics;
pub mod seed_gold;
pub mod timeml;

pub use metrics::Prf;
