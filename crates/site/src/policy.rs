//! The Content Security Policy every page carries, as a `<meta http-equiv>` tag
//! (a static host may not let the clinic set headers), and the `_headers` file
//! that sends it as a real header, with the headers a tag cannot set, from the
//! hosts that read one (Netlify, Cloudflare Pages).
//!
//! The policy lets the browser load only the site's own files. No inline script,
//! no inline event handler and no `style=""` attribute runs. The JSON-LD block
//! (`<script type="application/ld+json">`) is data, not script, so the policy
//! does not touch it. Pictures may also come from `data:` addresses and from the
//! other sites that articles really take pictures from.

use std::collections::BTreeSet;

use pawprint_content::Library;
use pawprint_content::markdown::{LinkKind, Target};
use pawprint_settings::config::ForgeKind;

/// Where scripts may come from: only the site's own files (the search box's
/// `search.js`, the handouts page's `handouts.js` and the search index's
/// `pagefind.js`), never an inline script.
///
/// `'wasm-unsafe-eval'` lets those files compile WebAssembly: the search index's
/// reader (`wasm.<language>.pagefind`, a file of the site) is WebAssembly, and a
/// browser refuses `WebAssembly.instantiate` under a policy without it. It does not
/// allow `eval()` or `new Function()` in JavaScript, which `'unsafe-eval'` would.
/// A site with its search turned off (`[search] enabled = false`) has no reader,
/// and its policy leaves `'wasm-unsafe-eval'` out.
pub(crate) const SCRIPT_SOURCES: &[&str] = &["'self'", "'wasm-unsafe-eval'"];

/// The policy for an SVG picture opened on its own (not through `<img>`, where it
/// runs nothing anyway): no script, nothing loaded from anywhere, and a sandbox
/// that keeps it out of the site's origin. Its own inline styles still apply.
pub const SVG_POLICY: &str =
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/// The file of the site that tells Netlify and Cloudflare Pages which headers to send.
pub const HEADERS_FILE: &str = "_headers";

/// The part of the policy only a header can carry: no other site may show the
/// pages in a frame (a `<meta>` policy cannot say `frame-ancestors`).
pub const FRAME_ANCESTORS: &str = "frame-ancestors 'none'";

/// The folders of the search index whose files have their contents' hash in their
/// names, so a browser may keep them for a year: a change makes new names.
const FINGERPRINTED: &[&str] = &[
    "pagefind/fragment/*",
    "pagefind/index/*",
    "pagefind/filter/*",
];

/// The `_headers` file for a site whose pages carry `policy`: every page gets the
/// policy with [`FRAME_ANCESTORS`], `nosniff` and a referrer policy; the search
/// index's fingerprinted files get long caching, in each language's folder
/// (`languages` are the further languages' codes, whose pages live under
/// `/<code>/`). With the content editor on, `editor` is its policy
/// ([`editor_policy`]), sent for the pages under [`crate::editor::FOLDER`]
/// instead of the site's.
pub fn headers_file(
    policy: &str,
    search: bool,
    languages: &[&str],
    editor: Option<&str>,
) -> String {
    let mut file = String::from(
        "# The headers for every file of the site, read by Netlify and Cloudflare Pages.\n\
         # pawprint build writes this file; [publish] headers = false in site.toml turns it off.\n",
    );
    file.push_str(&format!(
        "/*\n  Content-Security-Policy: {policy}; {FRAME_ANCESTORS}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"
    ));
    if let Some(editor) = editor {
        // Netlify keeps the last rule's value of a header that two rules set;
        // Cloudflare Pages sends both, and a browser keeps to both policies, so
        // the site's is detached first (`! name`, a line Netlify passes over).
        file.push_str(&format!(
            "/{}*\n  ! Content-Security-Policy\n  Content-Security-Policy: {editor}; {FRAME_ANCESTORS}\n",
            crate::editor::FOLDER
        ));
    }
    if search {
        let prefixes =
            std::iter::once(String::new()).chain(languages.iter().map(|code| format!("{code}/")));
        for prefix in prefixes {
            for folder in FINGERPRINTED {
                file.push_str(&format!(
                    "/{prefix}{folder}\n  Cache-Control: public, max-age=31536000, immutable\n"
                ));
            }
        }
    }
    file
}

/// The policy for a site, such as
/// `default-src 'self'; script-src 'self'; ...`: one policy for the pages of every
/// language. The same library gives the same policy, byte for byte.
pub fn policy(library: &Library) -> String {
    let mut pictures = BTreeSet::new();
    let bodies = library.editions().flat_map(|edition| {
        edition
            .articles
            .iter()
            .map(|article| &article.body)
            .chain(edition.sections.iter().filter_map(|s| s.intro.as_ref()))
    });
    for body in bodies {
        for link in &body.links {
            if link.kind == LinkKind::Image
                && link.target == Target::External
                && let Some(origin) = origin(&link.dest)
            {
                pictures.insert(origin);
            }
        }
    }
    let mut img = String::from("'self' data:");
    for origin in pictures {
        img.push(' ');
        img.push_str(&origin);
    }
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src {img}; object-src 'none'; base-uri 'none'; form-action 'self'",
        match library.config.search.enabled {
            true => SCRIPT_SOURCES.join(" "),
            false => SCRIPT_SOURCES[0].to_string(),
        }
    )
}

/// The script policy of the content editor's pages under [`crate::editor::FOLDER`],
/// as strict as the editor allows: its script compiles code as it runs
/// (`'unsafe-eval'`) and sets styles inline (`'unsafe-inline'`), and it shows
/// pictures being uploaded from `blob:` and `data:` addresses. It talks to the
/// site itself and, when site.toml names a forge, to that forge's API (and shows
/// the forge's pictures of the people logged in). Every other page keeps
/// [`policy`].
pub fn editor_policy(library: &Library) -> String {
    let mut connect = BTreeSet::new();
    let mut img = BTreeSet::new();
    if let Some(forge) = &library.config.editor.forge {
        let (api, login, avatars) = match forge.kind {
            ForgeKind::GitHub => (
                "https://api.github.com",
                None,
                Some("https://avatars.githubusercontent.com"),
            ),
            ForgeKind::GitLab => (
                "https://gitlab.com/api/v4",
                Some(forge.base_url.as_deref().unwrap_or("https://gitlab.com")),
                None,
            ),
        };
        let api = forge.api_root.as_deref().unwrap_or(api);
        // GitLab's login trades its code for a key at the server itself.
        for address in [Some(api), login].into_iter().flatten() {
            if let Some(origin) = origin(address) {
                connect.insert(origin.clone());
                img.insert(origin);
            }
        }
        img.extend(avatars.map(str::to_string));
    }
    let more =
        |origins: &BTreeSet<String>| origins.iter().map(|o| format!(" {o}")).collect::<String>();
    format!(
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{}; connect-src 'self'{}; font-src 'self' data:; frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'",
        more(&img),
        more(&connect)
    )
}

/// The origin of a web address (`https://example.org:8080`), or `None` when it is
/// not a plain `http` or `https` address. Only letters, digits, `-`, `.` and a
/// port pass, so nothing read from an article can change the policy's meaning.
fn origin(address: &str) -> Option<String> {
    let address = address.trim();
    let (scheme, rest) = address.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !host_ok || !port_ok {
        return None;
    }
    let host = host.to_ascii_lowercase();
    Some(match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_plain_or_left_out() {
        assert_eq!(
            origin("https://Pics.Example.org/a/b.png?x=1").as_deref(),
            Some("https://pics.example.org")
        );
        assert_eq!(
            origin("http://example.org:8080/a.png").as_deref(),
            Some("http://example.org:8080")
        );
        for bad in [
            "https://a.org;script-src/x.png",
            "https://user@a.org/x.png",
            "https://a.org:80x/x.png",
            "ftp://a.org/x.png",
            "https://'unsafe-inline'/x.png",
            "https:///x.png",
            "data:image/png;base64,AA",
        ] {
            assert_eq!(origin(bad), None, "{bad}");
        }
    }
}
