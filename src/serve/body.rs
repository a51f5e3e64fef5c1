//! The bodies of the server's answers: bytes from memory, a file read a piece at a
//! time, or a stream of reload events.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use hyper::body::{Bytes, Frame, SizeHint};
use tokio::io::{AsyncRead, ReadBuf};

use super::reload::Events;

/// How much of a file is read at a time. Twenty downloads of a large picture hold
/// about twenty of these, never the whole file.
const PIECE: usize = 64 * 1024;

/// The body of an answer.
pub enum Body {
    /// Bytes held in memory (pages, handouts, messages), sent at once.
    Bytes(Option<Bytes>),
    /// A file streamed from disk, `left` bytes of it at most.
    File {
        /// The open file.
        file: tokio::fs::File,
        /// How many bytes are still to be sent.
        left: u64,
        /// Where the piece being read goes.
        piece: Vec<u8>,
    },
    /// Server-sent events, one at a time, until the stream ends.
    Events(Events),
}

impl Body {
    /// A body of bytes.
    pub fn bytes(bytes: impl Into<Bytes>) -> Body {
        Body::Bytes(Some(bytes.into()))
    }

    /// An empty body (HEAD, redirects).
    pub fn empty() -> Body {
        Body::Bytes(None)
    }

    /// A body that streams `len` bytes of `file`.
    pub fn file(file: std::fs::File, len: u64) -> Body {
        Body::File {
            file: tokio::fs::File::from_std(file),
            left: len,
            piece: Vec::new(),
        }
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            Body::Bytes(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::File { file, left, piece } => {
                if *left == 0 {
                    return Poll::Ready(None);
                }
                let want = usize::try_from(*left).map_or(PIECE, |left| left.min(PIECE));
                if piece.len() != want {
                    piece.resize(want, 0);
                }
                let mut buf = ReadBuf::new(piece);
                match Pin::new(file).poll_read(cx, &mut buf) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready(Err(e)) => Poll::Ready(Some(Err(e))),
                    Poll::Ready(Ok(())) => {
                        let n = buf.filled().len();
                        if n == 0 {
                            // The file got shorter than it was when the answer
                            // started; end the connection rather than send less.
                            return Poll::Ready(Some(Err(io::Error::new(
                                io::ErrorKind::UnexpectedEof,
                                "the file got shorter while it was sent",
                            ))));
                        }
                        *left -= n as u64;
                        let mut sent = std::mem::take(piece);
                        sent.truncate(n);
                        Poll::Ready(Some(Ok(Frame::data(Bytes::from(sent)))))
                    }
                }
            }
            Body::Events(events) => events
                .poll_next(cx)
                .map(|event| event.map(|bytes| Ok(Frame::data(bytes)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Body::Bytes(bytes) => bytes.is_none(),
            Body::File { left, .. } => *left == 0,
            Body::Events(events) => events.is_done(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Bytes(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            Body::File { left, .. } => SizeHint::with_exact(*left),
            Body::Events(_) => SizeHint::default(),
        }
    }
}
