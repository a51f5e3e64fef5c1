//! Opening a file pawprint reads or copies without following a link: the one
//! opener that loading, the output and the preview server share.

use std::fs::{File, OpenOptions};
use std::path::Path;

/// Opens a file to read or copy, refusing anything but a plain file.
///
/// The check is made on what was opened, not only on the path: the last part of the
/// path is not followed if it is a symbolic link (`O_NOFOLLOW`), and the opened
/// handle must be a regular file. So a file that became a link, a folder or a pipe
/// after the project was read is never copied.
pub fn open(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // NONBLOCK: opening a named pipe must not wait for a writer.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let not_plain = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a plain file (it is a link, a folder or a device); pawprint reads only plain files",
        )
    };
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(not_plain());
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) => {
            let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            return Err(if is_link { not_plain() } else { e });
        }
    };
    if !file.metadata()?.is_file() {
        return Err(not_plain());
    }
    Ok(file)
}
