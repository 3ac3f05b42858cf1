//! annalist: news articles in, an auditable timeline out.
//!
//! The pipeline, one module a stage:
//! load document → split sentences → match rules → resolve overlaps →
//! normalise dates → group mentions into entities → build events →
//! order, window and merge → write JSON.

pub mod schema;
