//! Loading a source file into the [`model`] types.

pub mod model;

pub use model::Source;
