//! Konzeptstudio core: the domain model of an immigration and integration concept, its storage
//! on SQLite or PostgreSQL, revision history, editions, search and the demo concept. Never
//! depends on Tauri or any UI. With the default feature `cli`: the `konzeptstudio` command line
//! and the developer tools (`bench`, `synth`; feature `devtools`), which the desktop shell
//! does not link.

pub mod access;
#[cfg(feature = "devtools")]
pub mod bench;
#[cfg(feature = "cli")]
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
pub mod render;
pub mod store;
#[cfg(feature = "devtools")]
pub mod synth;
pub mod workbook;

pub use error::{Error, Result};
/// The typesetting layer, a crate of its own (`crates/pdf`): the render modules set pages with it.
pub use konzeptstudio_pdf as pdf;
pub use store::{Location, Store};
