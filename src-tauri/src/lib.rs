//! Konzeptstudio's desktop shell: a Tauri window around the UI in `ui/`, and IPC commands that
//! call the core. The shell holds the open concept and nothing else; see ARCHITECTURE.md.

pub mod backups;
pub mod bindings;
pub mod commands;
pub mod cosign;
pub mod documents;
pub mod feedback;
pub mod ipc;
pub mod reports;
pub mod session;
pub mod workbook;

use tauri::Manager;
use tokio::sync::RwLock;

use session::AppState;

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let result = tauri::Builder::default()
        // The system's file dialog; the UI may only open it (capabilities/default.json).
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let paths = app.path();
            let state = AppState {
                session: RwLock::new(None),
                backups: backups::Backups::new(
                    paths
                        .app_config_dir()
                        .ok()
                        .map(|d| d.join("einstellungen.json")),
                ),
                settings_file: paths.app_config_dir().ok().map(|d| d.join("zuletzt.json")),
                demo_file: paths
                    .app_data_dir()
                    .map(|d| d.join("zik2-demo.sqlite"))
                    .unwrap_or_else(|_| "zik2-demo.sqlite".into()),
                export_dir: std::env::var_os("KONZEPTSTUDIO_EXPORT_DIR")
                    .map(std::path::PathBuf::from)
                    .or_else(|| paths.document_dir().ok().map(|d| d.join("Konzeptstudio")))
                    .unwrap_or_else(|| "Konzeptstudio-Exporte".into()),
                import_progress: Default::default(),
            };
            // Like the CLI, the app opens the concept named by KONZEPTSTUDIO_DB directly.
            if let Ok(db) = std::env::var("KONZEPTSTUDIO_DB")
                && !db.is_empty()
            {
                let user = std::env::var("KONZEPTSTUDIO_USER").ok();
                if let Err(e) = tauri::async_runtime::block_on(state.open(&db, user.as_deref())) {
                    // The start screen shows the error and lets the user choose another concept.
                    tracing::error!(error = %e, "KONZEPTSTUDIO_DB could not be opened");
                }
            }
            app.manage(state);
            Ok(())
        })
        .invoke_handler(ipc::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Konzeptstudio konnte nicht starten: {e}");
        std::process::exit(1);
    }
}
