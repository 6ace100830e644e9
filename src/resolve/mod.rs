//! Validation and numbering: [`Source`](crate::source::Source) → [`Resolved`], the template
//! context.

pub mod context;
pub mod dates;
pub mod numbering;
pub mod typography;

pub use context::Resolved;
