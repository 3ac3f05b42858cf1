//! Scoring extractions against gold annotation.
//!
//! * [`seed_gold`]: the shared seed gold format (entities, timexes, timeline
//!   rows, casualty figures), scored as `tests/score_seed.py` scores it.

pub mod metrics;
pub mod seed_gold;

pub use metrics::Prf;
