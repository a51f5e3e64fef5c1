//! Answering one request: a file of the built site, the event stream, the theme's
//! 404 page, or the list of problems while the build is broken. A request for any
//! host but the preview's own is refused. Every answer carries the site's script
//! policy as a header; a picture in SVG gets one that runs no script at all.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;

use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use tokio::sync::Semaphore;

use super::address::safe_path;
use super::asset::{Asset, Refusal};
use super::body::Body;
use super::editor::{self, Token};
use super::host::{Names, Refusal as HostRefusal};
use super::live::{Current, ERROR_PAGE_POLICY, Live, Site, SiteFile};
use super::media::{content_type, is_html};
use super::places::{Answer, Answering};
use super::reload::{EVENTS, Events, seen_version};
use super::script::{
    PROBLEMS_CSS, PROBLEMS_CSS_TEXT, RELOAD_JS, RELOAD_JS_TEXT, with_reload_script,
};

/// A page copied from the theme is read whole to add the reload script, up to
/// this size; a larger one is sent as it is.
const MAX_COPIED_PAGE: u64 = 4 * 1024 * 1024;

/// What every connection shares.
pub struct Server {
    /// The newest build.
    pub current: Current,
    /// The places for event streams.
    pub streams: Arc<Semaphore>,
    /// The names the preview answers to.
    pub names: Names,
    /// The project folder, for the content editor's backend.
    pub root: std::path::PathBuf,
    /// The secret the content editor's page gets as a cookie.
    pub token: Token,
}

/// Answers one request that came in on the address `local`, while `answering`
/// is held (with the body, until it is sent). Every answer is a response; nothing
/// here fails the connection.
pub async fn handle(
    request: Request<Incoming>,
    server: Arc<Server>,
    local: IpAddr,
    answering: Answering,
) -> Result<Response<Answer>, Infallible> {
    let live = Arc::clone(&server.current.borrow());
    // Pages under the editor's folder get the editor's own policy.
    let editor_policy = match &live.site {
        Ok(site) if in_editor(site, request.uri().path()) => site.editor_policy.clone(),
        _ => None,
    };
    let mut response = match server.names.check(&request, local) {
        Ok(()) if request.uri().path() == editor::API => editor::answer(request, &server).await,
        Ok(()) => answer(&request, &server, &live).await,
        Err(refusal) => wrong_host(refusal, &server.names, request.method() == Method::HEAD),
    };
    // The editor's pages hand it the token, as a cookie that only `serve`'s own
    // paths get back.
    if editor_policy.is_some() && response.status().is_success() {
        response
            .headers_mut()
            .insert(header::SET_COOKIE, server.token.cookie());
    }
    let policy = match response.headers().get(header::CONTENT_TYPE) {
        Some(kind) if kind.as_bytes().starts_with(b"image/svg+xml") => {
            HeaderValue::from_static(pawprint_site::policy::SVG_POLICY)
        }
        _ => match (&live.site, editor_policy) {
            (Ok(_), Some(policy)) => policy,
            (Ok(site), None) => site.policy.clone(),
            (Err(_), _) => HeaderValue::from_static(ERROR_PAGE_POLICY),
        },
    };
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, policy);
    Ok(response.map(|body| Answer::new(body, answering)))
}

/// True when the request path `raw` names a file under the site's editor
/// folder (`admin/` inside its base path).
fn in_editor(site: &Site, raw: &str) -> bool {
    let Ok(path) = safe_path(raw) else {
        return false;
    };
    let base = site.base_path.trim_start_matches('/');
    path.strip_prefix(base)
        .is_some_and(|inside| inside.starts_with(pawprint_site::editor::FOLDER))
}

/// The answer to a request that names no host, or another host than the preview's.
fn wrong_host(refusal: HostRefusal, names: &Names, head: bool) -> Response<Body> {
    let (status, message) = match refusal {
        HostRefusal::Missing => (
            StatusCode::BAD_REQUEST,
            "Bad request: a request must name one host.\n".to_string(),
        ),
        HostRefusal::Other => (
            StatusCode::FORBIDDEN,
            format!(
                "Refused: this preview answers only at its own address. Open {} instead.\n",
                names.address()
            ),
        ),
    };
    let len = message.len() as u64;
    respond(
        status,
        "text/plain; charset=utf-8",
        Body::bytes(message),
        len,
        head,
    )
}

async fn answer(request: &Request<Incoming>, server: &Server, live: &Arc<Live>) -> Response<Body> {
    let head = request.method() == Method::HEAD;
    if request.method() != Method::GET && !head {
        let mut response = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are supported.\n",
            false,
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let raw = request.uri().path();
    if raw == EVENTS {
        return events(server, request.uri().query(), head);
    }
    if raw == RELOAD_JS {
        return own_file("text/javascript; charset=utf-8", RELOAD_JS_TEXT, head);
    }
    if raw == PROBLEMS_CSS {
        return own_file("text/css; charset=utf-8", PROBLEMS_CSS_TEXT, head);
    }
    let path = match safe_path(raw) {
        Ok(path) => path,
        Err(403) => {
            return text(
                StatusCode::FORBIDDEN,
                "Refused: that path leaves the site.\n",
                head,
            );
        }
        Err(_) => return text(StatusCode::BAD_REQUEST, "Bad request.\n", head),
    };

    let site = match &live.site {
        Ok(site) => site,
        Err(failed) if looks_like_page(&path) => {
            return respond(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/html; charset=utf-8",
                Body::bytes(failed.page.clone()),
                failed.page.len() as u64,
                head,
            );
        }
        Err(_) => {
            return text(StatusCode::SERVICE_UNAVAILABLE, "The build failed.\n", head);
        }
    };
    let base = site.base_path.trim_start_matches('/');
    if !base.is_empty() && format!("{path}/") == base {
        return redirect(&format!("{raw}/"));
    }
    let inside = match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() => rest,
        _ => path.as_str(),
    };
    let key = if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_string()
    };
    if let Some(file) = site.files.get(&key) {
        return serve(site, &key, file, StatusCode::OK, live.version, head).await;
    }
    if let Some(search) = site.search.as_ref().filter(|search| search.holds(&key)) {
        let (search, wanted) = (Arc::clone(search), key.clone());
        // Made on a thread of its own: it takes a second or two for a big library.
        let found = tokio::task::spawn_blocking(move || search.file(&wanted)).await;
        match found {
            Ok(Ok(Some(bytes))) => {
                let file = SiteFile::Made(bytes);
                return serve(site, &key, &file, StatusCode::OK, live.version, head).await;
            }
            Ok(Ok(None)) => {}
            Ok(Err(why)) => {
                eprintln!("{why}");
                return text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "The search index could not be made.\n",
                    head,
                );
            }
            Err(_) => {
                return text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "The search index could not be made.\n",
                    head,
                );
            }
        }
    }
    if site.files.contains_key(&format!("{inside}/index.html")) {
        return redirect(&format!("{raw}/"));
    }
    not_found_in(site, inside, live.version, head).await
}

/// The 404 page of the language whose folder `inside` is in (`es/404.html` for a
/// missing `/es/...` page), or the main one.
async fn not_found_in(site: &Site, inside: &str, version: u64, head: bool) -> Response<Body> {
    if let Some((folder, _)) = inside.split_once('/') {
        let page = format!("{folder}/404.html");
        if let Some(file) = site.files.get(&page) {
            return serve(site, &page, file, StatusCode::NOT_FOUND, version, head).await;
        }
    }
    not_found(site, version, head).await
}

/// Sends one file of the site with `status`.
async fn serve(
    site: &Site,
    name: &str,
    file: &SiteFile,
    status: StatusCode,
    version: u64,
    head: bool,
) -> Response<Body> {
    let kind = &content_type(name);
    // The content editor's pages never reload themselves: a reload after a save
    // would throw away what the editor is doing.
    let reloads = !name.starts_with(pawprint_site::editor::FOLDER);
    let asset = match file {
        SiteFile::Made(bytes) => {
            return respond(
                status,
                kind,
                Body::bytes(bytes.clone()),
                bytes.len() as u64,
                head,
            );
        }
        SiteFile::Page(bytes) => {
            let page = match reloads {
                true => Bytes::from(with_reload_script(bytes.to_vec(), version)),
                false => bytes.clone(),
            };
            let len = page.len() as u64;
            return respond(status, kind, Body::bytes(page), len, head);
        }
        SiteFile::Copied(asset) => Arc::clone(asset),
    };
    let page = is_html(name) && reloads;
    // Opening touches the disk, so it runs off the threads that serve connections.
    let opened = tokio::task::spawn_blocking(move || open(&asset, page, version)).await;
    match opened {
        Ok(Ok(Opened::Stream(file, len))) => {
            respond(status, kind, Body::file(file, len), len, head)
        }
        Ok(Ok(Opened::Page(bytes))) => {
            let len = bytes.len() as u64;
            respond(status, kind, Body::bytes(bytes), len, head)
        }
        Ok(Err(Refusal::Missing)) if status != StatusCode::NOT_FOUND => {
            Box::pin(not_found(site, version, head)).await
        }
        Ok(Err(Refusal::Missing)) => text(StatusCode::NOT_FOUND, "Not found.\n", head),
        Ok(Err(Refusal::Changed)) => text(
            StatusCode::FORBIDDEN,
            "Refused: this file is a link now, or another file than the build saw.\n",
            head,
        ),
        Ok(Err(Refusal::Unreadable)) | Err(_) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Cannot read that file.\n",
            head,
        ),
    }
}

/// A copied file, ready to send.
enum Opened {
    /// Streamed from the open file: its length.
    Stream(std::fs::File, u64),
    /// A page read whole, with the reload script added.
    Page(Vec<u8>),
}

fn open(asset: &Asset, page: bool, version: u64) -> Result<Opened, Refusal> {
    use std::io::Read;
    let (file, len) = asset.open()?;
    if !page || len > MAX_COPIED_PAGE {
        return Ok(Opened::Stream(file, len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(len)
        .read_to_end(&mut bytes)
        .map_err(|_| Refusal::Unreadable)?;
    Ok(Opened::Page(with_reload_script(bytes, version)))
}

/// The theme's 404 page, or a line of text when there is none.
async fn not_found(site: &Site, version: u64, head: bool) -> Response<Body> {
    match site.files.get("404.html") {
        Some(file) => serve(site, "404.html", file, StatusCode::NOT_FOUND, version, head).await,
        None => text(StatusCode::NOT_FOUND, "Not found.\n", head),
    }
}

/// The event stream for one open page, or 503 when too many are open.
fn events(server: &Server, query: Option<&str>, head: bool) -> Response<Body> {
    let Ok(place) = Arc::clone(&server.streams).try_acquire_owned() else {
        let mut response = text(
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many pages are open. Close some tabs, then reload this page.\n",
            head,
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        return response;
    };
    let current = server.current.clone();
    let seen = seen_version(query, current.borrow().version);
    let body = if head {
        Body::empty()
    } else {
        Body::Events(Events::new(current, seen, place))
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn redirect(location: &str) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
    // The path came in as a valid request target, so it is a valid header value.
    if let Ok(location) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// A file of `serve` itself, such as the reload script.
fn own_file(kind: &'static str, contents: &'static str, head: bool) -> Response<Body> {
    respond(
        StatusCode::OK,
        kind,
        Body::bytes(Bytes::from_static(contents.as_bytes())),
        contents.len() as u64,
        head,
    )
}

fn text(status: StatusCode, message: &'static str, head: bool) -> Response<Body> {
    respond(
        status,
        "text/plain; charset=utf-8",
        Body::bytes(Bytes::from_static(message.as_bytes())),
        message.len() as u64,
        head,
    )
}

/// An answer with the headers every answer gets. For HEAD the body is left out,
/// but its length is still told.
pub(super) fn respond(
    status: StatusCode,
    kind: &str,
    body: Body,
    len: u64,
    head: bool,
) -> Response<Body> {
    let mut response = Response::new(if head { Body::empty() } else { body });
    *response.status_mut() = status;
    let headers = response.headers_mut();
    // Every kind is a media type from `media::content_type`, which are plain ASCII.
    let kind = HeaderValue::from_str(kind)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, kind);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if head {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    response
}

fn looks_like_page(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    path.is_empty() || path.ends_with('/') || name.ends_with(".html") || !name.contains('.')
}
