//! `pawprint serve`: builds the site in memory, serves it on the local machine, and
//! rebuilds when `content/`, `themes/`, `templates/`, `static/` or `site.toml`
//! change. Open pages reload themselves (server-sent events). A failed build does
//! not stop the server: pages show the list of problems until they are fixed.
//!
//! HTTP is spoken by hyper on a small tokio runtime: two threads serve every
//! connection, so idle connections cost a little memory and no thread. Only files
//! of the built site are served; files copied from the project are streamed from
//! disk a piece at a time, and `output/` is never touched. Only requests that name
//! the preview's own address are answered ([`host`]), and every answer carries the
//! site's script policy.

mod address;
mod asset;
mod body;
mod editor;
mod host;
mod live;
mod media;
mod places;
mod reload;
mod respond;
mod script;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use places::{Place, Places};

pub use address::safe_path;
pub use media::content_type;

use live::Live;
use pawprint_content::Drafts;
use pawprint_text::problem::{Code, Problem};
use respond::Server;

/// Where problems of the command itself (not of the project) are reported.
const COMMAND: &str = "pawprint serve";

/// How many connections are served at once. Past that, a new one takes the place
/// of the connection that has waited longest for a request; when every one is
/// being answered, it gets a short 503.
pub const MAX_CONNECTIONS: usize = 512;

/// How many connections past the cap are told "busy" at once; past that they are
/// closed without a word.
const MAX_REFUSALS: usize = 64;

/// How long a connection may take to send a request's first line and headers, and
/// how long an open connection may stay quiet between requests. A browser sends
/// them at once; a program that sends them a byte at a time is cut off.
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// The answer to a connection past [`MAX_CONNECTIONS`].
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 44\r\nRetry-After: 1\r\nConnection: close\r\n\r\nThe preview is busy. Try again in a moment.\n";

/// Serves the project at `root` on `bind:port` until the process is stopped,
/// showing drafts (marked as such) or leaving them out as `build` does.
pub fn run(root: &Path, bind: IpAddr, port: u16, drafts: Drafts) -> Result<(), Problem> {
    // The watcher reports absolute paths; compare them with an absolute root.
    let root = root.canonicalize().map_err(|e| {
        Problem::error(root, format!("cannot open the project folder: {e}")).code(Code::IoRead)
    })?;
    let listener = std::net::TcpListener::bind(SocketAddr::new(bind, port))
        .map_err(|e| listen_problem(bind, port, &e))?;
    let address = listener
        .local_addr()
        .and_then(|address| listener.set_nonblocking(true).map(|()| address))
        .map_err(|e| {
            Problem::error(COMMAND, format!("cannot listen: {e}")).code(Code::ServeCannotListen)
        })?;
    if !bind.is_loopback() {
        eprintln!(
            "warning: serving on {bind}, so other machines on your network can see this preview. \
             Use the default 127.0.0.1 to keep it on this computer."
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .thread_name("pawprint-serve")
        .enable_all()
        .build()
        .map_err(|e| {
            Problem::error(COMMAND, format!("cannot start the server: {e}"))
                .code(Code::ServeCannotStart)
        })?;

    let token = editor::Token::new()?;
    let started = Instant::now();
    let mut memory = live::Memory::default();
    let first = Live::build(&root, 1, drafts, &mut memory);
    live::report(&first, started.elapsed());
    // Where the content editor is, when site.toml turns it on.
    let editor_at = first
        .site
        .as_ref()
        .ok()
        .filter(|site| site.editor_policy.is_some())
        .map(|site| format!("{}{}", site.base_path, pawprint_site::editor::FOLDER));
    let (builds, current) = tokio::sync::watch::channel(Arc::new(first));
    // Watch before saying the address, so no change made after it is missed.
    let _watcher = live::watch(root.clone(), drafts, builds, memory)?;
    let shown = if bind.is_unspecified() {
        SocketAddr::new(IpAddr::from([127, 0, 0, 1]), address.port())
    } else {
        address
    };
    println!("Serving at http://{shown}/ (press Ctrl+C to stop)");
    if let Some(path) = editor_at {
        println!(
            "The content editor is at http://{shown}{path}: what it saves goes into this project"
        );
    }
    let _ = std::io::stdout().flush();

    let server = Arc::new(Server {
        root,
        token,
        current,
        streams: Arc::new(Semaphore::new(reload::MAX_STREAMS)),
        names: host::Names {
            port: address.port(),
            bind,
        },
    });
    runtime.block_on(accept(listener, server))
}

/// Says why the server cannot listen, and what to do.
fn listen_problem(bind: IpAddr, port: u16, e: &std::io::Error) -> Problem {
    use std::io::ErrorKind;
    let at = SocketAddr::new(bind, port);
    match e.kind() {
        ErrorKind::AddrInUse => Problem::error(
            COMMAND,
            format!("cannot listen on {at}: another program is using port {port}"),
        ).code(Code::ServePortInUse)
        .help(format!(
            "stop the other program (perhaps another `pawprint serve`), or choose another port, such as --port {}",
            port.wrapping_add(1).max(1024)
        )),
        ErrorKind::PermissionDenied => Problem::error(
            COMMAND,
            format!("cannot listen on {at}: this user may not use port {port}"),
        ).code(Code::ServePortNotAllowed)
        .help("choose a port above 1023, such as --port 1111"),
        ErrorKind::AddrNotAvailable => Problem::error(
            COMMAND,
            format!("cannot listen on {at}: {bind} is not an address of this computer"),
        ).code(Code::ServeBadBindAddress)
        .help("leave out --bind to use 127.0.0.1"),
        _ => Problem::error(COMMAND, format!("cannot listen on {at}: {e}")).code(Code::ServeCannotListen)
            .help("choose another port with --port, or another address with --bind"),
    }
}

/// Accepts connections and serves each one on its own task.
async fn accept(listener: std::net::TcpListener, server: Arc<Server>) -> Result<(), Problem> {
    let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| {
        Problem::error(COMMAND, format!("cannot listen: {e}")).code(Code::ServeCannotListen)
    })?;
    let places = Places::new(MAX_CONNECTIONS);
    let refusals = Arc::new(Semaphore::new(MAX_REFUSALS));
    let mut warned = false;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file handles, say. Wait a moment and go on: the
                // connections being served will finish and free some.
                if !warned && !is_connection_error(&e) {
                    eprintln!("warning: cannot accept a connection for now: {e}");
                    warned = true;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        if let Some(place) = places.take_free() {
            tokio::spawn(connection(stream, place, Arc::clone(&server)));
            continue;
        }
        // Past the cap: close the connection that has waited longest for a
        // request, and take its place once it is free.
        if places.make_room() {
            let (places, server) = (Arc::clone(&places), Arc::clone(&server));
            tokio::spawn(async move {
                if let Some(place) = places.take_made_room().await {
                    connection(stream, place, server).await;
                }
            });
            continue;
        }
        // Every connection is being answered: say so briefly, with a few places
        // for saying it.
        if let Ok(refusal) = Arc::clone(&refusals).try_acquire_owned() {
            tokio::spawn(refuse(stream, refusal));
        }
    }
}

/// Serves one connection in its place, until it closes or its place is wanted.
async fn connection(stream: tokio::net::TcpStream, place: Place, server: Arc<Server>) {
    let _ = stream.set_nodelay(true);
    let local = stream
        .local_addr()
        .map_or(IpAddr::from([127, 0, 0, 1]), |a| a.ip());
    let place = Arc::new(place);
    let service = {
        let place = Arc::clone(&place);
        service_fn(move |request| {
            let answering = place.answering();
            respond::handle(request, Arc::clone(&server), local, answering)
        })
    };
    // Errors here are the client's (it went away, or sent nonsense, which hyper
    // has already answered); the server goes on either way.
    let served = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(64 * 1024)
        .serve_connection(TokioIo::new(stream), service);
    let served = std::pin::pin!(served);
    places::until_closed(&place, served, |served| served.graceful_shutdown()).await;
}

/// Answers a connection past the cap with 503 and closes it, within a second.
async fn refuse(mut stream: tokio::net::TcpStream, _place: OwnedSemaphorePermit) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        stream.write_all(BUSY).await?;
        stream.shutdown().await?;
        // Read what the client sent until it closes: closing a socket with unread
        // data resets it, and the client might lose the answer.
        let mut sink = [0; 4096];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<_, std::io::Error>(())
    })
    .await;
}

fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    )
}
