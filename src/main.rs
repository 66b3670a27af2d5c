//! Command line: parse flags, load and validate the content, then serve (or only check).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use pychooser::catalog::{self, Catalog, ContentErrors};
use pychooser::serve::{self, ServeConfig};
use pychooser::store::{Compression, Store};
use pychooser::{AppState, app, site};
use tracing_subscriber::EnvFilter;

/// Python Web Framework Chooser: serves the comparison site.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Address to listen on (HOST:PORT); port 0 picks a free port.
    #[arg(long, env = "ADDR", default_value = "127.0.0.1:3000")]
    addr: String,

    /// Content directory to load instead of the content shipped with the binary.
    #[arg(long, env = "CONTENT_DIR")]
    content: Option<PathBuf>,

    /// The site's public address for shared links and previews, such as https://example.org
    /// (default: http:// and the address the server listens on).
    #[arg(long, env = "BASE_URL")]
    base_url: Option<String>,

    /// Memory for pages kept ready to send, in MiB (the page store's bound).
    #[arg(long, env = "STORE_MIB", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=65536))]
    store_mib: u64,

    /// Load and validate the content, print the problems or a summary, and exit.
    #[arg(long)]
    check: bool,

    /// Publish the content's scoring as a new scoring model: write models/{id}.toml into the
    /// content directory (--content, else the repository's content/), with this line on what
    /// it changes, dated today (UTC), and exit.
    #[arg(long, value_name = "SUMMARY", conflicts_with = "check")]
    freeze_model: Option<String>,
}

fn load(cli: &Cli) -> Result<Catalog, ContentErrors> {
    match &cli.content {
        Some(dir) => catalog::load_dir(dir),
        None => catalog::load_embedded(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();

    let started = std::time::Instant::now();
    let catalog = match load(&cli) {
        Ok(catalog) => catalog,
        Err(errors) => {
            eprintln!("{errors}");
            if !cli.check {
                eprintln!(
                    "refusing to start: fix the content and try again (--check lists the problems)"
                );
            }
            return ExitCode::FAILURE;
        }
    };
    if let Some(summary) = &cli.freeze_model {
        return freeze(&cli, &catalog, summary);
    }
    let latest = catalog.latest_model();
    let unpublished = latest.published.is_none().then(|| {
        format!(
            "the content's scoring differs from every published model, so new results links \
             are scored with it as unpublished model {id}; publish it with \
             --freeze-model \"what it changes\" (see the README, \"Scoring models\")",
            id = latest.id
        )
    });
    if cli.check {
        println!(
            "content OK: {} frameworks, {} features in {} categories, {} sources, {} scoring models (latest {}{})",
            catalog.frameworks().len(),
            catalog.features().len(),
            catalog.categories().len(),
            catalog.sources().len(),
            catalog.models().len(),
            latest.id,
            if unpublished.is_some() {
                ", unpublished"
            } else {
                ""
            }
        );
        if let Some(warning) = unpublished {
            println!("note: {warning}");
        }
        return ExitCode::SUCCESS;
    }
    if let Some(warning) = unpublished {
        tracing::warn!("{warning}");
    }

    // The main thread warms the store up and waits for signals; the workers serve.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match serve(&runtime, &cli, catalog, started) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the live scoring as the next model's snapshot (see `catalog::freeze`).
fn freeze(cli: &Cli, catalog: &Catalog, summary: &str) -> ExitCode {
    let dir = cli
        .content
        .clone()
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/content")));
    // The directory written to is the one read, even when the binary embeds another copy.
    let loaded;
    let catalog = if cli.content.is_some() {
        catalog
    } else {
        match catalog::load_dir(&dir) {
            Ok(fresh) => {
                loaded = fresh;
                &loaded
            }
            Err(errors) => {
                eprintln!("{errors}");
                return ExitCode::FAILURE;
            }
        }
    };
    let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
    match catalog::freeze(catalog, &dir, summary, &today) {
        Ok(path) => {
            println!(
                "published model {} as {}",
                catalog.latest_model().id,
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(
    runtime: &tokio::runtime::Runtime,
    cli: &Cli,
    catalog: Catalog,
    started: std::time::Instant,
) -> Result<(), String> {
    let addr = cli.addr.as_str();
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let listeners =
        serve::bind(addr, workers).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listeners[0]
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    let base_url = cli
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
        return Err(format!(
            "--base-url must start with http:// or https://, got {base_url}"
        ));
    }
    let store = Store::new(
        cli.store_mib * 1024 * 1024,
        Store::default_makers(),
        Compression::default(),
    );
    let state = AppState::new(catalog)
        .with_base_url(&base_url)
        .with_store(store);
    let catalog = std::sync::Arc::clone(&state.catalog);
    let app = app(&state);
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis(),
        "content loaded and validated"
    );
    tracing::info!(workers = listeners.len(), "listening on http://{local}");
    // The pages every visit starts from are made while the workers already answer.
    let warm = runtime.spawn({
        let app = app.clone();
        async move {
            let warming = std::time::Instant::now();
            site::warm_up(app, &catalog).await;
            tracing::info!(
                elapsed_ms = warming.elapsed().as_millis(),
                "pages warmed up"
            );
        }
    });
    serve::run(
        listeners,
        &app,
        ServeConfig::default(),
        shutdown_signal(),
        runtime,
    )
    .map_err(|e| format!("server error: {e}"))?;
    warm.abort();
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; the server then stops accepting and finishes in-flight work.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
