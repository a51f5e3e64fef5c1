//! The live-reload script that `serve` adds to every page it serves (never to
//! `build` output), and where it listens.

/// The address open pages listen on for "rebuilt" events.
pub const EVENTS: &str = "/__pawprint/events";

/// The script added to served pages (never to `build` output): reload when the
/// site is rebuilt after build `version`.
pub fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var s=new EventSource(\"{EVENTS}?v={version}\");s.onmessage=function(){{s.close();location.reload();}};}})();</script>"
    )
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
