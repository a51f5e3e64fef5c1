//! Live reload: every served page carries a small script that opens a stream of
//! server-sent events, and reloads the page when a newer build is ready.
//!
//! Each open page holds one stream. At most [`MAX_STREAMS`] are open at once; past
//! that the server answers 503, and the page simply does not reload by itself.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::Bytes;
use tokio::sync::OwnedSemaphorePermit;

use super::live::Current;

pub use super::script::EVENTS;

/// How many event streams may be open at once (one per open page).
pub const MAX_STREAMS: usize = 64;

/// How often a quiet stream sends a comment, which also finds closed connections.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// Which build a page was made from, from the query of its event request
/// (`v=3`). Without one, the build being served now.
pub fn seen_version(query: Option<&str>, now: u64) -> u64 {
    query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| pair.strip_prefix("v="))
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|v| *v != 0)
        .unwrap_or(now)
}

/// What a stream says next.
enum Next {
    /// A newer build is ready: the page reloads, and the stream ends.
    Reload,
    /// Nothing new; a comment keeps the connection open.
    StillHere,
    /// The server is stopping.
    End,
}

type Waiting = Pin<Box<dyn Future<Output = (Current, Next)> + Send>>;

enum State {
    /// The stream has not sent anything yet.
    Start(Current),
    /// Waiting for a newer build or for the next heartbeat.
    Waiting(Waiting),
    /// The stream has ended.
    Done,
}

/// One page's stream of events. Dropping it (when the page closes) frees its place.
pub struct Events {
    state: State,
    seen: u64,
    _place: OwnedSemaphorePermit,
}

impl Events {
    /// A stream for a page made from build `seen`, holding one of the places.
    pub fn new(current: Current, seen: u64, place: OwnedSemaphorePermit) -> Events {
        Events {
            state: State::Start(current),
            seen,
            _place: place,
        }
    }

    /// True once the stream has ended.
    pub fn is_done(&self) -> bool {
        matches!(self.state, State::Done)
    }

    /// The next piece of the stream, when there is one.
    pub fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Bytes>> {
        let seen = self.seen;
        match std::mem::replace(&mut self.state, State::Done) {
            State::Done => Poll::Ready(None),
            State::Start(current) => {
                self.state = State::Waiting(Box::pin(next(current, seen)));
                // Browsers try again after half a second if the server restarts.
                Poll::Ready(Some(Bytes::from_static(b"retry: 500\n\n")))
            }
            State::Waiting(mut waiting) => match waiting.as_mut().poll(cx) {
                Poll::Pending => {
                    self.state = State::Waiting(waiting);
                    Poll::Pending
                }
                Poll::Ready((_, Next::Reload)) => {
                    Poll::Ready(Some(Bytes::from_static(b"data: reload\n\n")))
                }
                Poll::Ready((current, Next::StillHere)) => {
                    self.state = State::Waiting(Box::pin(next(current, seen)));
                    Poll::Ready(Some(Bytes::from_static(b": still here\n\n")))
                }
                Poll::Ready((_, Next::End)) => Poll::Ready(None),
            },
        }
    }
}

/// Waits for a build newer than `seen`, or for the heartbeat.
async fn next(mut current: Current, seen: u64) -> (Current, Next) {
    loop {
        let version = current.borrow_and_update().version;
        if version != seen {
            return (current, Next::Reload);
        }
        match tokio::time::timeout(HEARTBEAT, current.changed()).await {
            Err(_) => return (current, Next::StillHere),
            Ok(Err(_)) => return (current, Next::End),
            Ok(Ok(())) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_comes_from_the_query() {
        assert_eq!(seen_version(Some("v=3"), 9), 3);
        assert_eq!(seen_version(Some("x=1&v=12"), 9), 12);
        assert_eq!(seen_version(None, 9), 9);
        assert_eq!(seen_version(Some("v=0"), 9), 9);
        assert_eq!(seen_version(Some("v=abc"), 9), 9);
    }
}
