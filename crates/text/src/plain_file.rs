//! Opening a file pawprint reads or copies without following a link: the one
//! opener that loading, the output and the preview server share.

use std::fs::{File, OpenOptions};
use std::path::{Component, Path};

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

/// Opens `base/relative` as [`open`] does, and also refuses it when a folder on the
/// way from `base` is a link, or when `relative` climbs out of `base` (`..`): a
/// logo or font named inside the project cannot be read from elsewhere through a
/// linked folder.
pub fn open_below(base: &Path, relative: &Path) -> std::io::Result<File> {
    let mut path = base.to_path_buf();
    let parts: Vec<Component<'_>> = relative.components().collect();
    for (i, part) in parts.iter().enumerate() {
        let Component::Normal(name) = part else {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "the name leaves its folder (it has .. or starts at /); name a file inside the project",
            ));
        };
        path.push(name);
        let folder = i + 1 < parts.len();
        if folder && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!(
                    "the folder {} on its way is a link; pawprint does not follow links, so copy the file into the project",
                    path.display()
                ),
            ));
        }
    }
    open(&path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_linked_folder_on_the_way_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.png"), b"secret").unwrap();
        let project = tempfile::tempdir().unwrap();
        std::fs::create_dir(project.path().join("real")).unwrap();
        std::fs::write(project.path().join("real/logo.png"), b"logo").unwrap();
        std::os::unix::fs::symlink(outside.path(), project.path().join("linkdir")).unwrap();
        assert!(open_below(project.path(), Path::new("real/logo.png")).is_ok());
        let refused = open_below(project.path(), Path::new("linkdir/secret.png")).unwrap_err();
        assert!(refused.to_string().contains("is a link"), "{refused}");
        assert!(open_below(project.path(), Path::new("../x/secret.png")).is_err());
        // A plain open of the same path follows the folder: the reason for open_below.
        assert!(open(&project.path().join("linkdir/secret.png")).is_ok());
    }
}
