//! The web edition: the Langfassung (with the Kurzfassung) as a static, accessible website for
//! the ministry's web server, from the same [`Content`] and the same labels and values as the
//! printed documents.
//!
//! - [`html`]: escaping and Markdown (raw HTML as text, links only to http/https/mailto).
//! - [`pages`]: the pages: start page, one page per field of action, Kurzfassung, list of
//!   measures, search, imprint.
//! - [`search`]: the search index (`suchindex.js`, JSON assigned to a global, so it also loads
//!   from `file://`) and `suche.js`, which filters it in the browser.
//!
//! Every page carries a strict Content-Security-Policy (no inline script or style, nothing
//! from elsewhere). The site is written into a directory next to the target and renamed into
//! place; a directory is replaced only if it holds a previous web edition and nothing else
//! (the marker file [`MARKER`] lists what that edition wrote).

pub mod html;
pub mod pages;
pub mod search;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::Content;
use crate::error::{Error, Result};
use crate::messages::Message;
use crate::store::Store;

/// The file that marks a directory as a web edition; it lists the files the edition wrote.
pub const MARKER: &str = ".konzeptstudio-webfassung";

/// The stylesheet and the search script, shipped inside the binary.
pub const STYLE: &str = include_str!("style.css");
pub const SEARCH_SCRIPT: &str = include_str!("search.js");

/// A web edition in memory: relative path → content.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub files: BTreeMap<String, String>,
}

impl Site {
    /// The HTML pages' paths.
    pub fn pages(&self) -> impl Iterator<Item = &str> {
        self.files
            .keys()
            .map(String::as_str)
            .filter(|p| p.ends_with(".html"))
    }

    pub fn bytes(&self) -> usize {
        self.files.values().map(String::len).sum()
    }
}

/// The file name of each field's page, in the content's order: `feld-3.5.html`, or, for a
/// number with characters a file name or URL should not carry, `feld-N.html` by position.
pub fn field_files(content: &Content) -> Vec<String> {
    let mut used = HashSet::new();
    content
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let safe = !f.number.is_empty()
                && !f.number.starts_with('.')
                && f.number.len() <= 40
                && f.number
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
            let mut name = if safe {
                format!("feld-{}.html", f.number)
            } else {
                format!("feld-{}.html", i + 1)
            };
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("feld-{}-{n}.html", i + 1);
                n += 1;
            }
            name
        })
        .collect()
}

/// The whole site for `content`, stating `created` as its date where no edition gives one.
pub fn build(content: &Content, created: DateTime<FixedOffset>) -> Site {
    let mut site = Site::default();
    for (path, text) in pages::all(content, created) {
        site.files.insert(path, text);
    }
    site.files
        .insert("suchindex.js".into(), search::index_script(content));
    site.files.insert("suche.js".into(), SEARCH_SCRIPT.into());
    site.files.insert("style.css".into(), STYLE.into());
    let mut marker = String::from(
        "Webfassung von Konzeptstudio. Beim nächsten Erzeugen wird dieser Ordner ersetzt.\n\
         Geschriebene Dateien:\n",
    );
    for path in site.files.keys() {
        marker.push_str(path);
        marker.push('\n');
    }
    site.files.insert(MARKER.into(), marker);
    site
}

/// Loads the concept (now or the named edition), builds the site and writes it to `out`.
pub async fn render(store: &Store, edition: Option<&str>, out: &Path) -> Result<Site> {
    let content = Content::load(store, edition).await?;
    let site = build(&content, crate::pdf::creation_time());
    write(&site, out)?;
    Ok(site)
}

/// Writes the site into a new directory next to `out` and renames it to `out`, so that `out`
/// is either the old site or the whole new one. `out` may be missing, empty, or a previous
/// web edition (marked by [`MARKER`], nothing in it that edition did not write); anything else
/// is refused, so no hand-made file is lost.
pub fn write(site: &Site, out: &Path) -> Result<()> {
    let previous = check_target(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .ok_or_else(|| {
            Error::invalid(
                "out",
                Message::NotAFolderName {
                    path: out.display().to_string(),
                },
            )
        })?
        .to_string_lossy()
        .into_owned();
    let tmp = parent.join(format!(".{name}.entsteht-{}", std::process::id()));
    let result = (|| -> Result<()> {
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp)?;
        }
        std::fs::create_dir(&tmp)?;
        for (path, text) in &site.files {
            let file = tmp.join(path);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&file, text)?;
        }
        match previous {
            Target::Missing => std::fs::rename(&tmp, out)?,
            Target::Empty => {
                std::fs::remove_dir(out)?;
                std::fs::rename(&tmp, out)?;
            }
            Target::Previous => {
                let old = parent.join(format!(".{name}.alt-{}", std::process::id()));
                std::fs::rename(out, &old)?;
                if let Err(e) = std::fs::rename(&tmp, out) {
                    // Put the old site back rather than leave nothing.
                    let _ = std::fs::rename(&old, out);
                    return Err(e.into());
                }
                std::fs::remove_dir_all(&old)?;
            }
        }
        Ok(())
    })();
    if result.is_err() && tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

enum Target {
    Missing,
    Empty,
    Previous,
}

fn check_target(out: &Path) -> Result<Target> {
    let meta = match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(e) => return Err(e.into()),
        Ok(m) => m,
    };
    if meta.file_type().is_symlink() {
        // Renaming would replace the link, not the folder it points to.
        return Err(Error::invalid(
            "out",
            Message::OutIsLink {
                path: out.display().to_string(),
            },
        ));
    }
    if !meta.is_dir() {
        return Err(Error::invalid(
            "out",
            Message::OutNotAFolder {
                path: out.display().to_string(),
            },
        ));
    }
    let entries: Vec<String> = std::fs::read_dir(out)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<std::io::Result<_>>()?;
    if entries.is_empty() {
        return Ok(Target::Empty);
    }
    let marker = out.join(MARKER);
    let mut listed: HashSet<String> = match std::fs::read_to_string(&marker) {
        Ok(text) => text
            .lines()
            .skip(2)
            .filter_map(|l| l.split('/').next())
            .map(str::to_string)
            .collect(),
        Err(_) => {
            return Err(Error::invalid(
                "out",
                Message::OutNotEmpty {
                    path: out.display().to_string(),
                    marker: MARKER.to_string(),
                },
            ));
        }
    };
    listed.insert(MARKER.to_string());
    if let Some(foreign) = entries.iter().find(|e| !listed.contains(*e)) {
        return Err(Error::invalid(
            "out",
            Message::OutHasForeign {
                path: out.display().to_string(),
                foreign: foreign.clone(),
            },
        ));
    }
    Ok(Target::Previous)
}

#[cfg(test)]
mod tests {
    use super::STYLE;

    /// The custom properties of the stylesheet's `:root`.
    fn palette() -> std::collections::HashMap<String, (f64, f64, f64)> {
        let root = &STYLE[STYLE.find(":root").unwrap()..];
        let root = &root[..root.find('}').unwrap()];
        root.lines()
            .filter_map(|l| {
                let (name, value) = l.trim().strip_prefix("--")?.split_once(':')?;
                let hex = value.trim().trim_end_matches(';').strip_prefix('#')?;
                let c = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
                Some((name.to_string(), (c(0), c(2), c(4))))
            })
            .collect()
    }

    /// WCAG 2.1 contrast ratio.
    fn contrast(a: (f64, f64, f64), b: (f64, f64, f64)) -> f64 {
        let lum = |(r, g, b): (f64, f64, f64)| {
            let ch = |c: f64| {
                let c = c / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_text_colour_has_a_contrast_of_at_least_4_5() {
        let p = palette();
        // Every text colour on every background it is used on (style.css).
        let pairs = [
            ("text", "bg"),
            ("text", "nav-bg"),
            ("text", "box-bg"),
            ("muted", "bg"),
            ("muted", "nav-bg"),
            ("link", "bg"),
            ("link", "nav-bg"),
            ("link", "box-bg"),
            ("visited", "bg"),
            ("visited", "nav-bg"),
            ("visited", "box-bg"),
            ("head-text", "head-bg"),
        ];
        for (fg, bg) in pairs {
            let ratio = contrast(p[fg], p[bg]);
            assert!(ratio >= 4.5, "--{fg} on --{bg}: {ratio:.2}:1");
        }
        // Focus outlines against what surrounds them (non-text, WCAG 1.4.11: 3:1).
        assert!(contrast(p["focus"], p["bg"]) >= 3.0);
        assert!(contrast(p["head-text"], p["head-bg"]) >= 3.0);
        assert!(contrast(p["focus"], p["nav-bg"]) >= 3.0);
    }
}
