//! `konzeptstudio bench --render`: the Langfassung at scale S (300 measures) and M (3,000),
//! render time, file size and peak memory, side by side with typst setting the same content
//! (see [`super::typst`]). Peak memory is measured on a separate process for each (GNU time's
//! maximum resident set size), so neither counts the other's allocations.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::render::{self, Content, Kind};
use crate::store::{Location, Store};

const SCALES: [(&str, usize); 2] = [("S", 300), ("M", 3_000)];

/// Peak resident memory in MB of `cmd`, run under GNU time, and its output files' check.
fn peak_mb(cmd: &[&str]) -> Option<f64> {
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .args(cmd)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kb: f64 = stderr.lines().last()?.trim().parse().ok()?;
    Some(kb / 1024.0)
}

const TYPST: &str = "import sys, time, typst\n\
t = time.perf_counter()\n\
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])\n\
print(time.perf_counter() - t)\n";

/// typst's compile time (measured inside Python, without interpreter start), or why not.
fn typst_time(typ: &Path, pdf: &Path, fonts: &Path) -> std::result::Result<f64, String> {
    let out = Command::new("python3")
        .args(["-c", TYPST])
        .arg(typ)
        .arg(pdf)
        .arg(fonts)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .unwrap_or("typst fehlgeschlagen")
            .to_string());
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("{e}"))
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_048_576.0)
}

fn opt_mb(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".into(), |v| format!("{v:.0} MB"))
}

pub async fn run(dir: &Path) -> Result<()> {
    let exe = std::env::current_exe()?;
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    println!("Drucksatz-Benchmark: Langfassung, Konzeptstudio gegen typst (gleicher Inhalt)");
    println!("Ziele: S mindestens 5× schneller als typst und kleiner; M < 2 s und < 150 MB");
    for (name, measures) in SCALES {
        let db = dir.join(format!("render-{name}.sqlite"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let location = Location::File(db.clone());
        let store = Store::init(&location, &super::empty_concept()).await?;
        crate::synth::generate(&store, measures, 0, 7).await?;
        let content = Content::load(&store, None).await?;
        store.close().await;

        let t = Instant::now();
        let bytes = render::render_content(&content, Kind::Long, crate::pdf::creation_time())?;
        let ours = t.elapsed().as_secs_f64();
        let ours_pdf = dir.join(format!("lang-{name}.pdf"));
        std::fs::write(&ours_pdf, &bytes)?;
        let db_arg = db.display().to_string();
        let out_arg = dir
            .join(format!("lang-{name}-mem.pdf"))
            .display()
            .to_string();
        let exe_arg = exe.display().to_string();
        let ours_peak = peak_mb(&[
            &exe_arg, "--db", &db_arg, "render", "long", "--out", &out_arg,
        ]);

        let typ = dir.join(format!("lang-{name}.typ"));
        std::fs::write(&typ, super::typst::source(&content))?;
        let typst_pdf_path = dir.join(format!("lang-{name}-typst.pdf"));
        let typst_pdf = dir.join(format!("lang-{name}-typst.pdf"));
        println!("\n== Größe {name}: {measures} Maßnahmen ==");
        println!(
            "Konzeptstudio  {:>8.3} s  {:>9}  Spitze {}",
            ours,
            mb(bytes.len() as u64),
            opt_mb(ours_peak)
        );
        match typst_time(&typ, &typst_pdf, &fonts) {
            Ok(theirs) => {
                let size = std::fs::metadata(&typst_pdf)?.len();
                let typ_arg = typ.display().to_string();
                let pdf_arg = typst_pdf.display().to_string();
                let fonts_arg = fonts.display().to_string();
                let theirs_peak =
                    peak_mb(&["python3", "-c", TYPST, &typ_arg, &pdf_arg, &fonts_arg]);
                println!(
                    "typst          {:>8.3} s  {:>9}  Spitze {}",
                    theirs,
                    mb(size),
                    opt_mb(theirs_peak)
                );
                println!(
                    "Verhältnis     {:.1}× schneller, Datei {:.0} % der typst-Datei",
                    theirs / ours,
                    100.0 * bytes.len() as f64 / size as f64
                );
                // Hyphenation on the same text column, read the same way from both files.
                match (
                    super::lines::figures(&ours_pdf),
                    super::lines::figures(&typst_pdf_path),
                ) {
                    (Ok(a), Ok(b)) => {
                        println!(
                            "Satz des Fließtexts (beide Dateien mit pdftotext -bbox-layout gelesen):"
                        );
                        println!("{}", super::lines::Figures::header());
                        println!("{}", a.row("Konzeptstudio"));
                        println!("{}", b.row("typst"));
                    }
                    (Err(e), _) | (_, Err(e)) => println!("Satz nicht verglichen: {e}"),
                }
            }
            Err(why) => println!("typst          nicht gemessen: {why} (pip install typst)"),
        }
    }
    if !Path::new("/usr/bin/time").exists() {
        return Err(Error::invalid(
            "time",
            "Spitzenspeicher braucht GNU time (/usr/bin/time; Paket „time“)",
        ));
    }
    Ok(())
}
