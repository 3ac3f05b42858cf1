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

use crate::document::Document;
use crate::schema::Timeline;
use crate::Extractor;
use chrono::NaiveDate;

/// Extracts a gold document's text as it is (no header line: the gold
/// supplies the publication date).
pub fn extract_text(
    extractor: &Extractor,
    id: &str,
    text: &str,
    published: Option<NaiveDate>,
) -> Timeline {
    extractor.extract(&Document {
        id: id.to_string(),
        source: id.to_string(),
        text: text.to_string(),
        published: published.map(|d| d.and_time(chrono::NaiveTime::MIN)),
        body_start: 0,
    })
}
