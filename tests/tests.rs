//! The integration-test binary: one module per area, listed below.
mod resolve;
