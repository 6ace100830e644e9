//! Validation and numbering: [`Source`](crate::source::Source) → [`Resolved`], the template
//! context.

pub mod context;

pub use context::Resolved;
