//! annalist: news articles in, an auditable timeline out.
//!
//! The pipeline, one module a stage:
//! load document ([`document`]) → split sentences ([`sentence`]) → match
//! rules ([`matcher`]) → resolve overlaps ([`overlap`]) → normalise dates
//! ([`normalise`], [`calendar`]) → group mentions into entities
//! ([`entities`]) → build events ([`events`]) → order, window and merge
//! ([`timeline`]) → write JSON ([`output`], [`json`]). [`Extractor`] runs the
//! per-document stages; [`timeline::merge`] joins documents.
//!
//! ```no_run
//! use annalist::{Extractor, RuleSet};
//! let extractor = Extractor::new(RuleSet::embedded().unwrap()).unwrap();
//! ```
#![warn(missing_docs)]

pub mod analysis;
pub mod audit;
pub mod calendar;
pub mod document;
pub mod entities;
pub mod eval;
pub mod events;
pub mod examples;
pub mod export;
pub mod harness;
pub mod intern;
pub mod json;
pub mod matcher;
pub mod normalise;
pub mod offsets;
pub mod output;
pub mod overlap;
pub mod pipeline;
pub mod rules;
pub mod run;
pub mod schema;
pub mod sentence;
pub mod text;
pub mod timeline;
pub mod timexes;

pub use pipeline::Extractor;
pub use rules::{RuleError, RuleErrors, RuleSet};
