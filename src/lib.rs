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
pub mod hash;
pub mod history;
pub mod import;
pub mod messages;
pub mod model;
pub mod pdf;
pub mod render;
pub mod store;
pub mod synth;
pub mod workbook;

pub use error::{Error, Result};
pub use store::{Location, Store};
