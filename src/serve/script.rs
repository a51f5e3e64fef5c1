//! The live-reload script that `serve` adds to every page it serves (never to
//! `build` output), and where it listens.
//!
//! The script is a file of its own, not inline script, so pages keep the same
//! script policy in `serve` as on the published site. The page tells it its build
//! number in a `data-version` attribute.

/// The address open pages listen on for "rebuilt" events.
pub const EVENTS: &str = "/__pawprint/events";

/// The address of the reload script.
pub const RELOAD_JS: &str = "/__pawprint/reload.js";

/// The address of the stylesheet of the page that lists a failed build's problems.
pub const PROBLEMS_CSS: &str = "/__pawprint/problems.css";

/// The reload script itself: listen for a build newer than the page's, then reload.
pub const RELOAD_JS_TEXT: &str = concat!(
    "(function(){var me=document.currentScript;",
    "var v=me?me.getAttribute(\"data-version\")||\"\":\"\";",
    "var s=new EventSource(\"/__pawprint/events?v=\"+encodeURIComponent(v));",
    "s.onmessage=function(){s.close();location.reload();};})();\n"
);

/// The look of the page that lists a failed build's problems.
pub const PROBLEMS_CSS_TEXT: &str = "body{font:1.15rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b2630}h1{color:#8c1d18}li{margin:0 0 1rem}code{background:#f3f4f4;padding:0 .25rem}.help{color:#3f4d58}\n";

/// The script tag added to served pages (never to `build` output): reload when
/// the site is rebuilt after build `version`.
pub fn reload_script(version: u64) -> String {
    format!("<script src=\"{RELOAD_JS}\" data-version=\"{version}\"></script>")
}

/// Adds the reload script to a page, before its last `</body>`.
pub fn with_reload_script(page: Vec<u8>, version: u64) -> Vec<u8> {
    let script = reload_script(version);
    let at = page
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + script.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}
