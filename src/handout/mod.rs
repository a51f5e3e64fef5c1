//! The one-page printable handout.

pub mod paper;
