//! The content editor's local backend: with `[editor] enabled = true`, the editor
//! page under `admin/` saves into the project through `POST /__pawprint/editor/api`,
//! in the JSON protocol of Decap CMS's proxy backend (the one `decap-server`
//! speaks).
//!
//! Only the page `serve` itself sent may use it. A request must name the preview's
//! own host (checked before it gets here), come from the preview's own origin
//! (`Origin`), be JSON (`Content-Type`, which a plain form cannot send), and carry
//! the cookie `serve` sets on the editor's page: a token made anew for each run
//! and never printed. Only `info`, which says there is a local backend, is
//! answered without the cookie.
//!
//! Files are written only inside `content/` (Markdown files) and the picture
//! folder, never through a link, always whole: a temporary file beside the real
//! one, synced, then renamed over it. An article is read as `check` reads it
//! before it is written; one with errors is not written, and the editor shows the
//! errors. The watcher then rebuilds the preview as for any save.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{Value, json};

use super::body::Body;
use super::respond::{Server, respond};
use pawprint_content::library::CONTENT_DIR;
use pawprint_content::picture;
use pawprint_text::problem::{Code, Problem};

/// Where the editor talks to `serve`, at the root of the server whatever the
/// site's base path.
pub const API: &str = "/__pawprint/editor/api";

/// The name of the cookie that holds the token.
pub const COOKIE: &str = "pawprint_editor";

/// The largest request the editor may send: an article, or a picture in base64.
pub const MAX_REQUEST: usize = 16 * 1024 * 1024;

/// How long a request's body may take to arrive.
const BODY_TIMEOUT: Duration = Duration::from_secs(60);

/// The deepest folder `entriesByFolder` looks into.
const MAX_DEPTH: u64 = 16;

/// The secret of one `serve` run, handed to the editor's page as a cookie. It is
/// never printed, and its `Debug` hides it.
pub struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(..)")
    }
}

impl Token {
    /// A new token: 32 random bytes from the system, as hex.
    pub fn new() -> Result<Token, Problem> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| {
            Problem::error(
                super::COMMAND,
                format!("cannot make the content editor's secret: {e}"),
            )
            .code(Code::ServeCannotStart)
        })?;
        Ok(Token(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The `Set-Cookie` value that hands the token to the editor's page: only
    /// for `serve`'s own paths, never readable by scripts, never sent by
    /// another site.
    pub fn cookie(&self) -> HeaderValue {
        HeaderValue::from_str(&format!(
            "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/__pawprint/",
            self.0
        ))
        .unwrap_or_else(|_| HeaderValue::from_static("pawprint_editor=; Path=/__pawprint/"))
    }

    /// True when one of the request's cookies is the token.
    fn sent_in(&self, headers: &HeaderMap) -> bool {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == COOKIE && same(value.as_bytes(), self.0.as_bytes()))
    }
}

/// Compares two secrets in a time that does not tell how much of them matched.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// Why a request was not done: the status and a plain message for the editor.
#[derive(Debug)]
pub struct Refused {
    status: StatusCode,
    message: String,
}

impl Refused {
    fn new(status: StatusCode, message: impl Into<String>) -> Refused {
        Refused {
            status,
            message: message.into(),
        }
    }

    /// 422: the request cannot be done as it is.
    fn unfit(message: impl Into<String>) -> Refused {
        Refused::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// 403: a path the editor may not use.
    fn path(path: &str, why: &str) -> Refused {
        Refused::new(
            StatusCode::FORBIDDEN,
            format!(
                "Refused {path:?}: {why}. The editor saves only Markdown files inside content/ and pictures inside {}/.",
                picture::FOLDER
            ),
        )
    }

    fn io(path: &str, e: &io::Error) -> Refused {
        Refused::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "Cannot use {path}: {e}. Check that the file and its folder may be written, then try again."
            ),
        )
    }
}

/// Answers one request to [`API`]. `server.names` has already checked its host.
pub async fn answer(request: Request<Incoming>, server: &Server) -> Response<Body> {
    match handle(request, server).await {
        Ok(value) => json(StatusCode::OK, &value),
        Err(refused) if refused.status == StatusCode::NOT_FOUND && refused.message.is_empty() => {
            let message = "Not found.\n";
            respond(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                Body::bytes(Bytes::from_static(message.as_bytes())),
                message.len() as u64,
                false,
            )
        }
        Err(refused) => {
            let mut response = json(refused.status, &json!({ "error": refused.message }));
            if refused.status == StatusCode::METHOD_NOT_ALLOWED {
                response
                    .headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static("POST"));
            }
            response
        }
    }
}

fn json(status: StatusCode, value: &Value) -> Response<Body> {
    let text = value.to_string();
    let len = text.len() as u64;
    respond(
        status,
        "application/json; charset=utf-8",
        Body::bytes(text),
        len,
        false,
    )
}

async fn handle(request: Request<Incoming>, server: &Server) -> Result<Value, Refused> {
    let root = server.root.clone();
    let settings = tokio::task::spawn_blocking(move || pawprint_settings::config::load(&root))
        .await
        .map_err(|_| Refused::new(StatusCode::INTERNAL_SERVER_ERROR, "The server failed."))?;
    let config = match settings {
        Ok(config) => config,
        Err(problems) => {
            let first = problems
                .iter()
                .find(|p| p.is_error())
                .map(Problem::one_line)
                .unwrap_or_default();
            return Err(Refused::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "site.toml has a problem, so nothing can be saved: {first}. Fix site.toml, then try again."
                ),
            ));
        }
    };
    if !config.editor.enabled {
        // As if the path were unknown: the editor is off.
        return Err(Refused::new(StatusCode::NOT_FOUND, ""));
    }
    if request.method() != Method::POST {
        return Err(Refused::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "The editor's backend takes POST requests only.",
        ));
    }
    check_origin(&request)?;
    check_kind(request.headers())?;
    let token_sent = server.token.sent_in(request.headers());
    let bytes = read_body(request.into_body()).await?;
    let call: Value = serde_json::from_slice(&bytes).map_err(|e| {
        Refused::new(
            StatusCode::BAD_REQUEST,
            format!("The request is not valid JSON: {e}."),
        )
    })?;
    let action = call
        .get("action")
        .and_then(Value::as_str)
        .ok_or_else(|| Refused::unfit("The request names no \"action\"."))?
        .to_string();
    if action != "info" && !token_sent {
        return Err(Refused::new(
            StatusCode::FORBIDDEN,
            "Refused: this request does not come from the editor page that pawprint serve opened. Reload the editor page, then try again.",
        ));
    }
    let params = call.get("params").cloned().unwrap_or(Value::Null);
    let project = Project {
        root: server.root.clone(),
        names: FileNames::of(&config),
        base_path: config.site.base_path.clone(),
    };
    tokio::task::spawn_blocking(move || project.act(&action, &params))
        .await
        .map_err(|_| Refused::new(StatusCode::INTERNAL_SERVER_ERROR, "The server failed."))?
}

/// The `Origin` must be the preview's own: `http://` and the host the request
/// names (which `serve` has already checked is one of its own names).
fn check_origin<B>(request: &Request<B>) -> Result<(), Refused> {
    let refused = |why: &str| {
        Refused::new(
            StatusCode::FORBIDDEN,
            format!(
                "Refused: {why}. Open the editor from the address pawprint serve printed, then try again."
            ),
        )
    };
    let host = match request.uri().authority() {
        Some(authority) => authority.as_str().to_string(),
        None => request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default()
            .to_string(),
    };
    let mut origins = request.headers().get_all(header::ORIGIN).iter();
    let (Some(origin), None) = (origins.next(), origins.next()) else {
        return Err(refused("the request does not say which page sent it"));
    };
    let origin = origin.to_str().unwrap_or_default();
    if host.is_empty() || !origin.eq_ignore_ascii_case(&format!("http://{}", host.trim())) {
        return Err(refused("the request comes from another site"));
    }
    Ok(())
}

/// The request must say it is JSON, which a plain HTML form cannot.
fn check_kind(headers: &HeaderMap) -> Result<(), Refused> {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let media = kind.split(';').next().unwrap_or_default().trim();
    if media.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(Refused::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The editor's backend takes JSON only (Content-Type: application/json).",
        ))
    }
}

/// Reads the body, up to [`MAX_REQUEST`] bytes.
async fn read_body(mut body: Incoming) -> Result<Vec<u8>, Refused> {
    use hyper::body::Body as _;
    let too_big = || {
        Refused::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "The request is larger than {} MB. Save a smaller file.",
                MAX_REQUEST / 1024 / 1024
            ),
        )
    };
    if body.size_hint().lower() > MAX_REQUEST as u64 {
        return Err(too_big());
    }
    let read = async {
        let mut bytes = Vec::new();
        while let Some(frame) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
        {
            let frame = frame
                .map_err(|_| Refused::new(StatusCode::BAD_REQUEST, "The request was cut off."))?;
            if let Ok(data) = frame.into_data() {
                if bytes.len() + data.len() > MAX_REQUEST {
                    return Err(too_big());
                }
                bytes.extend_from_slice(&data);
            }
        }
        Ok(bytes)
    };
    tokio::time::timeout(BODY_TIMEOUT, read)
        .await
        .map_err(|_| Refused::new(StatusCode::REQUEST_TIMEOUT, "The request took too long."))?
}

/// How the editor names files: Decap names the main language's file of an
/// article in several languages `name.<main>.md`, where pawprint names it
/// `name.md`. A site in one language needs no mapping.
#[derive(Debug, Clone)]
struct FileNames {
    /// The main language's code, such as `en`.
    main: String,
    /// The further languages' codes; empty for a site in one language.
    further: Vec<String>,
}

impl FileNames {
    fn of(config: &pawprint_settings::config::SiteConfig) -> FileNames {
        FileNames {
            main: config.site.language.clone(),
            further: config.languages.iter().map(|l| l.code.clone()).collect(),
        }
    }

    /// The file on disk for a name the editor uses.
    fn to_disk(&self, path: &str) -> String {
        if self.further.is_empty() {
            return path.to_string();
        }
        match path.strip_suffix(&format!(".{}.md", self.main)) {
            Some(stem) => format!("{stem}.md"),
            None => path.to_string(),
        }
    }

    /// True when `path` (a name on disk) is an article in a further language,
    /// such as `content/dogs/ears.es.md`.
    fn is_translation(&self, path: &str) -> bool {
        path.strip_suffix(".md").is_some_and(|stem| {
            self.further
                .iter()
                .any(|code| stem.ends_with(&format!(".{code}")))
        })
    }

    /// The name the editor uses for a file on disk.
    fn to_editor(&self, path: &str) -> String {
        if self.further.is_empty() {
            return path.to_string();
        }
        let Some(stem) = path.strip_suffix(".md") else {
            return path.to_string();
        };
        let named = std::iter::once(&self.main)
            .chain(&self.further)
            .any(|code| stem.ends_with(&format!(".{code}")));
        if named {
            path.to_string()
        } else {
            format!("{stem}.{}.md", self.main)
        }
    }
}

/// What a path may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    /// A Markdown file in `content/`.
    Entry,
    /// A folder in `content/`.
    EntryFolder,
    /// A file in the picture folder.
    Media,
    /// The picture folder, or a folder in it.
    MediaFolder,
    /// A file in either.
    Either,
}

/// A file to write: where, its path in the project, and its bytes.
type Save = (PathBuf, String, Vec<u8>);

/// The project the editor works on.
struct Project {
    root: PathBuf,
    names: FileNames,
    base_path: String,
}

impl Project {
    fn act(&self, action: &str, params: &Value) -> Result<Value, Refused> {
        match action {
            "info" => Ok(json!({
                "repo": self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                "publish_modes": ["simple"],
                "type": "local_fs",
            })),
            "entriesByFolder" => self.entries_by_folder(params),
            "entriesByFiles" => self.entries_by_files(params),
            "getEntry" => {
                let path = text(params, "path")?;
                self.entry(path, None)
            }
            "persistEntry" => self.persist_entry(params),
            "getMedia" => self.media_list(params),
            "getMediaFile" => {
                let path = text(params, "path")?;
                let file = self.resolve(path, Area::Media)?;
                match fs::read(&file) {
                    Ok(bytes) => Ok(media(path, &bytes)),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Refused::new(
                        StatusCode::NOT_FOUND,
                        format!("There is no picture at {path}."),
                    )),
                    Err(e) => Err(Refused::io(path, &e)),
                }
            }
            "persistMedia" => self.persist_media(params),
            "deleteFiles" => self.delete_files(params),
            "sheetPreview" => self.sheet_preview(params),
            other => Err(Refused::unfit(format!(
                "The editor asked for \"{other}\", which pawprint serve does not do. Use the editor that pawprint built for this site."
            ))),
        }
    }

    /// The sheet of the article being edited, drawn from the words in the form
    /// (`raw`), not from the file: `{svg, fits, paper, message}` for the
    /// editor's preview. Writes nothing.
    fn sheet_preview(&self, params: &Value) -> Result<Value, Refused> {
        let path = self.names.to_disk(text(params, "path")?);
        let raw = text(params, "raw")?;
        self.resolve(&path, Area::Entry)?;
        let rel = path
            .strip_prefix(pawprint_content::library::CONTENT_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
            .ok_or_else(|| Refused::path(&path, "an article is a file in content/"))?;
        let preview = pawprint_review::editor::sheet_preview(&self.root, rel, raw.as_bytes());
        serde_json::to_value(preview)
            .map_err(|e| Refused::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
    }

    /// Checks `path` (relative to the project, with `/`) and returns the file it
    /// names. Refused: an empty part, `.` or `..`, a leading `/`, `\`, `:`, NUL or
    /// another control character, a hidden name, a path outside the area, and any
    /// part that is a link (never followed, even to a place inside the project).
    fn resolve(&self, path: &str, area: Area) -> Result<PathBuf, Refused> {
        if path.is_empty() {
            return Err(Refused::path(path, "the path is empty"));
        }
        if path.starts_with('/') {
            return Err(Refused::path(
                path,
                "the path starts at the top of the disk",
            ));
        }
        if path.contains('\\') || path.contains(':') || path.chars().any(char::is_control) {
            return Err(Refused::path(
                path,
                "the path has a character that is not allowed (\\, :, or a control character)",
            ));
        }
        let parts: Vec<&str> = path.split('/').collect();
        for part in &parts {
            if part.is_empty() || *part == "." || *part == ".." {
                return Err(Refused::path(path, "the path leaves its folder"));
            }
            if part.starts_with('.') {
                return Err(Refused::path(
                    path,
                    "the path names a hidden file or folder",
                ));
            }
        }
        let top = parts[0];
        let inside = parts.len() > 1;
        let fits = match area {
            Area::Entry => top == CONTENT_DIR && inside && path.ends_with(".md"),
            Area::EntryFolder => top == CONTENT_DIR,
            Area::Media => top == picture::FOLDER && inside,
            Area::MediaFolder => top == picture::FOLDER,
            Area::Either => (top == CONTENT_DIR || top == picture::FOLDER) && inside,
        };
        if !fits {
            let why = match area {
                Area::Entry | Area::EntryFolder => {
                    "an article must be a Markdown file (.md) inside content/"
                }
                Area::Media | Area::MediaFolder => "a picture must be inside the picture folder",
                Area::Either => "only files inside content/ or the picture folder may be deleted",
            };
            return Err(Refused::path(path, why));
        }
        let mut at = self.root.clone();
        for (n, part) in parts.iter().enumerate() {
            at.push(part);
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(Refused::path(
                        path,
                        "a part of it is a link, and pawprint never follows links",
                    ));
                }
                Ok(meta) if n + 1 < parts.len() && !meta.is_dir() => {
                    return Err(Refused::path(path, "a part of it is a file, not a folder"));
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => break,
                Err(e) => return Err(Refused::io(path, &e)),
            }
        }
        Ok(self.root.join(path))
    }

    /// One entry as the editor names it (`path`), read from its file on disk.
    fn entry(&self, path: &str, label: Option<&Value>) -> Result<Value, Refused> {
        let disk = self.names.to_disk(path);
        let file = self.resolve(&disk, Area::Entry)?;
        let mut found = match read_file(&file, &disk)? {
            Some(bytes) => json!({
                "data": String::from_utf8_lossy(&bytes),
                "file": { "path": path, "id": id(&bytes) },
            }),
            None => json!({ "data": null, "file": { "path": path, "id": null } }),
        };
        if let Some(label) = label {
            found["file"]["label"] = label.clone();
        }
        Ok(found)
    }

    fn entries_by_files(&self, params: &Value) -> Result<Value, Refused> {
        let files = params
            .get("files")
            .and_then(Value::as_array)
            .ok_or_else(|| Refused::unfit("The request names no \"files\"."))?;
        let mut entries = Vec::with_capacity(files.len());
        for file in files {
            let path = text(file, "path")?;
            entries.push(self.entry(path, file.get("label"))?);
        }
        Ok(Value::Array(entries))
    }

    /// The entries of a folder of `content/`, `depth` levels deep (1: the
    /// folder alone), leaving out the sections' own pages (`_index*.md`).
    fn entries_by_folder(&self, params: &Value) -> Result<Value, Refused> {
        let folder = text(params, "folder")?.trim_end_matches('/');
        let extension = params
            .get("extension")
            .and_then(Value::as_str)
            .unwrap_or("md");
        let depth = params
            .get("depth")
            .and_then(Value::as_u64)
            .unwrap_or(1)
            .clamp(1, MAX_DEPTH);
        let start = self.resolve(folder, Area::EntryFolder)?;
        let mut found = Vec::new();
        list_files(&start, folder, depth, &mut found).map_err(|e| Refused::io(folder, &e))?;
        // In the order of the names the editor sees.
        let mut named: Vec<(String, String)> = found
            .into_iter()
            .map(|rel| (self.names.to_editor(&rel), rel))
            .collect();
        named.sort();
        let mut entries = Vec::new();
        for (shown, rel) in named {
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            if name.starts_with("_index") || !name.ends_with(&format!(".{extension}")) {
                continue;
            }
            let Some(bytes) = read_file(&self.root.join(&rel), &rel)? else {
                continue;
            };
            entries.push(json!({
                "data": String::from_utf8_lossy(&bytes),
                "file": { "path": shown, "id": id(&bytes) },
            }));
        }
        Ok(Value::Array(entries))
    }

    /// Checks every file of the entry as `check` reads it, then writes them all.
    fn persist_entry(&self, params: &Value) -> Result<Value, Refused> {
        let files: Vec<&Value> = match (params.get("dataFiles"), params.get("entry")) {
            (Some(Value::Array(files)), _) => files.iter().collect(),
            (_, Some(entry)) => vec![entry],
            _ => return Err(Refused::unfit("The request has no files to save.")),
        };
        if files.is_empty() {
            return Err(Refused::unfit("The request has no files to save."));
        }
        let further: Vec<&str> = self.names.further.iter().map(String::as_str).collect();
        let mut writes: Vec<Save> = Vec::new();
        let mut removals: Vec<PathBuf> = Vec::new();
        let mut problems: Vec<String> = Vec::new();
        for file in files {
            let path = self.names.to_disk(text(file, "path")?);
            let raw = text(file, "raw")?;
            let old = self.resolve(&path, Area::Entry)?;
            // The editor sends a file for every language of an entry. A
            // translation that is not on disk yet and has no title of its own
            // has not been written: it is left out, not saved half empty.
            if self.names.is_translation(&path)
                && fs::symlink_metadata(&old).is_err()
                && pawprint_content::front_matter::title_of(raw).is_none()
            {
                continue;
            }
            let (target, rel) = match file.get("newPath").and_then(Value::as_str) {
                Some(new) if self.names.to_disk(new) != path => {
                    let new = self.names.to_disk(new);
                    let target = self.resolve(&new, Area::Entry)?;
                    if fs::symlink_metadata(&target).is_ok() {
                        return Err(Refused::unfit(format!(
                            "There is already a file at {new}. Choose another name."
                        )));
                    }
                    removals.push(old);
                    (target, new)
                }
                _ => (old, path),
            };
            let inside = rel.strip_prefix(&format!("{CONTENT_DIR}/")).unwrap_or(&rel);
            let parsed = pawprint_content::load::parse_content_file(
                PathBuf::from(&rel),
                inside,
                raw.as_bytes().to_vec(),
                &self.base_path,
                &further,
            );
            if let Err(found) = parsed {
                problems.extend(found.iter().filter(|p| p.is_error()).map(Problem::one_line));
            }
            writes.push((target, rel, raw.as_bytes().to_vec()));
        }
        let mut pictures = Vec::new();
        for asset in params
            .get("assets")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            match self.checked_media(asset)? {
                Ok(picture) => pictures.push(picture),
                Err(problem) => problems.push(problem),
            }
        }
        if problems.is_empty() {
            // Each file read well on its own: now the whole project, as `check`
            // checks it, as if they were saved (links, species, pictures,
            // translations, whether the sheet fits). Only errors in the files
            // being saved stop them; a draft's problems are warnings.
            let given: Vec<(&str, &[u8])> = writes
                .iter()
                .map(|(_, rel, bytes)| {
                    let inside = rel.strip_prefix(&format!("{CONTENT_DIR}/")).unwrap_or(rel);
                    (inside, bytes.as_slice())
                })
                .collect();
            let report = pawprint_review::check::check_as_if_all(&self.root, &given);
            for file in report.files.iter().filter(|file| !file.draft) {
                if writes.iter().any(|(_, rel, _)| file.file == Path::new(rel)) {
                    problems.extend(
                        file.problems
                            .iter()
                            .filter(|p| p.is_error())
                            .map(Problem::one_line),
                    );
                }
            }
        }
        if !problems.is_empty() {
            return Err(Refused::unfit(format!(
                "Nothing was saved. Fix this, then save again:\n{}",
                problems.join("\n")
            )));
        }
        for (target, rel, bytes) in pictures.into_iter().chain(writes) {
            self.write(&target, &rel, &bytes)?;
        }
        for old in removals {
            match fs::remove_file(&old) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(Refused::io(&old.display().to_string(), &e)),
            }
        }
        Ok(json!({ "message": "entry persisted" }))
    }

    /// A picture the editor sends, checked as `check` checks the sheet's
    /// pictures: its file, its name, and its bytes. The outer error refuses
    /// the request; the inner one is a problem with the picture.
    fn checked_media(&self, asset: &Value) -> Result<Result<Save, String>, Refused> {
        let path = text(asset, "path")?;
        let target = self.resolve(path, Area::Media)?;
        let encoding = asset
            .get("encoding")
            .and_then(Value::as_str)
            .unwrap_or("base64");
        if encoding != "base64" {
            return Err(Refused::unfit(format!(
                "{path}: the picture is sent as {encoding}, and pawprint takes base64 only."
            )));
        }
        let content = text(asset, "content")?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(content.trim())
            .map_err(|e| {
                Refused::unfit(format!("{path}: the picture is not valid base64: {e}."))
            })?;
        let name = path
            .strip_prefix(&format!("{}/", picture::FOLDER))
            .unwrap_or(path);
        if let Some(fault) = picture::name_fault(name) {
            return Ok(Err(format!("{path}: the picture's name {fault}")));
        }
        if bytes.len() > picture::MAX_BYTES {
            return Ok(Err(picture::too_big(bytes.len() as u64)
                .problem(Path::new(path))
                .one_line()));
        }
        if let Err(refusal) = picture::read_svg(&bytes) {
            return Ok(Err(refusal.problem(Path::new(path)).one_line()));
        }
        Ok(Ok((target, path.to_string(), bytes)))
    }

    fn persist_media(&self, params: &Value) -> Result<Value, Refused> {
        let asset = params
            .get("asset")
            .ok_or_else(|| Refused::unfit("The request has no picture to save."))?;
        match self.checked_media(asset)? {
            Ok((target, rel, bytes)) => {
                self.write(&target, &rel, &bytes)?;
                Ok(media(&rel, &bytes))
            }
            Err(problem) => Err(Refused::unfit(format!(
                "Nothing was saved. Fix this, then save again:\n{problem}"
            ))),
        }
    }

    /// The pictures of the picture folder (or a folder in it), one level deep.
    fn media_list(&self, params: &Value) -> Result<Value, Refused> {
        let folder = params
            .get("mediaFolder")
            .and_then(Value::as_str)
            .unwrap_or(picture::FOLDER)
            .trim_end_matches('/');
        let start = self.resolve(folder, Area::MediaFolder)?;
        let mut found = Vec::new();
        list_files(&start, folder, 1, &mut found).map_err(|e| Refused::io(folder, &e))?;
        found.sort();
        let mut list = Vec::new();
        for rel in found {
            if let Some(bytes) = read_file(&self.root.join(&rel), &rel)? {
                list.push(media(&rel, &bytes));
            }
        }
        Ok(Value::Array(list))
    }

    /// Removes files (never folders) inside `content/` or the picture folder.
    /// Every path is checked before any file is removed.
    fn delete_files(&self, params: &Value) -> Result<Value, Refused> {
        let paths = params
            .get("paths")
            .and_then(Value::as_array)
            .filter(|paths| !paths.is_empty())
            .ok_or_else(|| Refused::unfit("The request names no files to delete."))?;
        let mut files = Vec::new();
        for path in paths {
            let path = path
                .as_str()
                .ok_or_else(|| Refused::unfit("A path to delete is not text."))?;
            let disk = self.names.to_disk(path);
            let file = self.resolve(&disk, Area::Either)?;
            match fs::symlink_metadata(&file) {
                Ok(meta) if !meta.is_file() => {
                    return Err(Refused::path(
                        &disk,
                        "it is a folder, and only files are deleted",
                    ));
                }
                Ok(_) => files.push((file, disk)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(Refused::io(&disk, &e)),
            }
        }
        let mut deleted = Vec::new();
        for (file, disk) in files {
            match fs::remove_file(&file) {
                Ok(()) => deleted.push(disk),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(Refused::io(&disk, &e)),
            }
        }
        Ok(json!({ "message": format!("deleted files {}", deleted.join(", ")) }))
    }

    /// Writes `bytes` to `target` (the project's `rel`) whole: a new temporary
    /// file in the same folder, synced, then renamed over the old one. Missing
    /// folders are made one at a time, each checked not to be a link.
    fn write(&self, target: &Path, rel: &str, bytes: &[u8]) -> Result<(), Refused> {
        let parts: Vec<&str> = rel.split('/').collect();
        let mut folder = self.root.clone();
        for part in &parts[..parts.len() - 1] {
            folder.push(part);
            match fs::create_dir(&folder) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Refused::io(rel, &e)),
            }
            match fs::symlink_metadata(&folder) {
                Ok(meta) if meta.is_dir() && !meta.file_type().is_symlink() => {}
                Ok(_) => {
                    return Err(Refused::path(rel, "a part of it is a link or a file"));
                }
                Err(e) => return Err(Refused::io(rel, &e)),
            }
        }
        if let Ok(meta) = fs::symlink_metadata(target)
            && meta.is_dir()
        {
            return Err(Refused::path(rel, "it is a folder"));
        }
        let name = parts[parts.len() - 1];
        let mut n = 0u32;
        let (temp, mut file) = loop {
            let temp = folder.join(format!(".{name}.pawprint-{}-{n}.tmp", std::process::id()));
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)
            {
                Ok(file) => break (temp, file),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => return Err(Refused::io(rel, &e)),
            }
        };
        let written = file
            .write_all(bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| {
                drop(file);
                fs::rename(&temp, target)
            });
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(Refused::io(rel, &e));
        }
        // The rename itself is kept once the folder is synced (where the system
        // allows opening a folder).
        if let Ok(dir) = fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// The text of `key` in `value`, or a 422 that names it.
fn text<'v>(value: &'v Value, key: &str) -> Result<&'v str, Refused> {
    value
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| Refused::unfit(format!("The request has no \"{key}\".")))
}

/// A file's id: the hash of its bytes.
fn id(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// A picture as the editor takes it.
fn media(path: &str, bytes: &[u8]) -> Value {
    json!({
        "id": id(bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(bytes),
        "encoding": "base64",
        "path": path,
        "name": path.rsplit('/').next().unwrap_or(path),
    })
}

/// Reads a file already checked with [`Project::resolve`]; `None` when it is
/// not there. A link put in its place since is refused.
fn read_file(file: &Path, rel: &str) -> Result<Option<Vec<u8>>, Refused> {
    match fs::symlink_metadata(file) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Refused::path(
            rel,
            "it is a link, and pawprint never follows links",
        )),
        Ok(meta) if !meta.is_file() => Ok(None),
        Ok(_) => fs::read(file).map(Some).map_err(|e| Refused::io(rel, &e)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Refused::io(rel, &e)),
    }
}

/// The files under `folder` (the project's `rel`), `depth` levels deep, by
/// their paths in the project; hidden files and links are left out.
fn list_files(folder: &Path, rel: &str, depth: u64, found: &mut Vec<String>) -> io::Result<()> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        let path = format!("{rel}/{name}");
        if kind.is_file() {
            found.push(path);
        } else if kind.is_dir() && depth > 1 {
            list_files(&entry.path(), &path, depth - 1, found)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(further: &[&str]) -> FileNames {
        FileNames {
            main: "en".into(),
            further: further.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_translation_is_known_by_its_language_code() {
        let names = names(&["es"]);
        assert!(names.is_translation("content/dogs/ears.es.md"));
        assert!(!names.is_translation("content/dogs/ears.md"));
        assert!(!names.is_translation("content/dogs/ears.fr.md"));
    }

    #[test]
    fn the_main_language_file_is_named_for_the_editor_both_ways() {
        let two = names(&["es"]);
        assert_eq!(two.to_editor("content/dogs/a.md"), "content/dogs/a.en.md");
        assert_eq!(
            two.to_editor("content/dogs/a.es.md"),
            "content/dogs/a.es.md"
        );
        assert_eq!(two.to_disk("content/dogs/a.en.md"), "content/dogs/a.md");
        assert_eq!(two.to_disk("content/dogs/a.es.md"), "content/dogs/a.es.md");
        let one = names(&[]);
        assert_eq!(one.to_editor("content/dogs/a.md"), "content/dogs/a.md");
        assert_eq!(one.to_disk("content/dogs/a.en.md"), "content/dogs/a.en.md");
    }

    #[test]
    fn the_token_is_compared_whole_and_never_shown() {
        let token = Token("ab12".into());
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("x=1; pawprint_editor=ab12"),
        );
        assert!(token.sent_in(&headers));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("pawprint_editor=ab1"),
        );
        assert!(!token.sent_in(&headers));
        assert_eq!(format!("{token:?}"), "Token(..)");
        let cookie = token.cookie();
        assert_eq!(
            cookie.to_str().unwrap(),
            "pawprint_editor=ab12; HttpOnly; SameSite=Strict; Path=/__pawprint/"
        );
    }

    #[test]
    fn paths_outside_the_two_folders_are_refused() {
        let project = Project {
            root: std::env::temp_dir(),
            names: names(&[]),
            base_path: "/".into(),
        };
        for (path, area) in [
            ("content/../site.toml", Area::Entry),
            ("/etc/passwd", Area::Entry),
            ("content/dogs/a.html", Area::Entry),
            ("content\\dogs\\a.md", Area::Entry),
            ("content/dogs/a\0.md", Area::Entry),
            ("content//a.md", Area::Entry),
            ("content/./a.md", Area::Entry),
            ("content/.git/a.md", Area::Entry),
            ("site.toml", Area::Either),
            ("themes/x.md", Area::Entry),
            ("content/a.svg", Area::Media),
            ("pictures", Area::Either),
            ("C:/content/a.md", Area::Entry),
        ] {
            assert!(project.resolve(path, area).is_err(), "{path:?}");
        }
    }
}
