//! Konzeptstudio core: the domain model of an immigration and integration concept, its storage
//! on SQLite or PostgreSQL, revision history, editions, search, demo and synthetic data, and the
//! `konzeptstudio` command line. Never depends on Tauri or any UI.

pub mod access;
pub mod bench;
pub mod cli;
pub mod cluster;
pub mod demo;
pub mod error;
pub mod export;
pub mod format;
pub mod history;
pub mod import;
pub mod model;
pub mod render;
pub mod store;
pub mod synth;
pub mod workbook;

pub use error::{Error, Result};
/// The typesetting layer, a crate of its own (`crates/pdf`): the render modules set pages with it.
pub use konzeptstudio_pdf as pdf;
pub use store::{Location, Store};
