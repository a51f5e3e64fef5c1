//! Files that the site copies as they are (theme static files, pictures beside
//! articles), opened safely each time they are served.
//!
//! The build saw each of them as a plain file. Between that build and a request, the
//! file may have been swapped for a symbolic link to somewhere else, or a folder on
//! its path may have been. So a file is opened without following a link at its
//! last step (`O_NOFOLLOW`), and then the handle that was actually opened is checked:
//! it must be a plain file, and the same file (device and inode) that the build saw.

use std::fs::File;
use std::path::PathBuf;

/// A file of the site that is served from the project, as the build saw it.
#[derive(Debug)]
pub struct Asset {
    /// Where it is in the project.
    pub source: PathBuf,
    /// Which file it was when the site was built; `None` when it was not a plain
    /// file even then.
    seen: Option<FileId>,
}

/// The identity of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    device: u64,
    inode: u64,
}

/// Why an asset was not opened.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It is gone (a rebuild is probably on its way).
    Missing,
    /// It is a link now, or not a plain file, or another file than the build saw.
    Changed,
    /// It could not be read.
    Unreadable,
}

impl Asset {
    /// Notes which file `source` is now, at build time. A link or anything but a
    /// plain file is never served.
    pub fn seen(source: PathBuf) -> Asset {
        let seen = std::fs::symlink_metadata(&source)
            .ok()
            .filter(|m| m.file_type().is_file())
            .and_then(|m| file_id(&m));
        Asset { source, seen }
    }

    /// Opens the file for reading and returns it with its length, or says why not.
    pub fn open(&self) -> Result<(File, u64), Refusal> {
        let Some(seen) = self.seen else {
            return Err(Refusal::Changed);
        };
        // The same opener as `build` uses: links are not followed, and only a plain
        // file is opened (see `output::open_source`).
        let file = pawprint_output::open_source(&self.source).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Refusal::Missing,
            std::io::ErrorKind::InvalidInput => Refusal::Changed,
            _ => Refusal::Unreadable,
        })?;
        // Check what was opened, not the path: the path may have changed since.
        let opened = file.metadata().map_err(|_| Refusal::Unreadable)?;
        if !opened.file_type().is_file() || file_id(&opened) != Some(seen) {
            return Err(Refusal::Changed);
        }
        Ok((file, opened.len()))
    }
}

#[cfg(unix)]
fn file_id(metadata: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some(FileId {
        device: metadata.dev(),
        inode: metadata.ino(),
    })
}

#[cfg(not(unix))]
fn file_id(_metadata: &std::fs::Metadata) -> Option<FileId> {
    // Without inode numbers, every plain file counts as the one the build saw.
    Some(FileId {
        device: 0,
        inode: 0,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_plain_file_opens_and_a_link_put_in_its_place_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let picture = dir.path().join("ear.png");
        let secret = dir.path().join("secret.txt");
        std::fs::write(&picture, b"picture").unwrap();
        std::fs::write(&secret, b"secret").unwrap();
        let asset = Asset::seen(picture.clone());
        let (_, len) = asset.open().unwrap();
        assert_eq!(len, 7);

        std::fs::remove_file(&picture).unwrap();
        std::os::unix::fs::symlink(&secret, &picture).unwrap();
        assert_eq!(asset.open().unwrap_err(), Refusal::Changed);

        // A plain file that is not the one the build saw (a hard link to
        // something else, or a folder on the way swapped for a link).
        std::fs::remove_file(&picture).unwrap();
        std::fs::hard_link(&secret, &picture).unwrap();
        assert_eq!(asset.open().unwrap_err(), Refusal::Changed);

        std::fs::remove_file(&picture).unwrap();
        assert_eq!(asset.open().unwrap_err(), Refusal::Missing);
    }

    #[test]
    fn a_folder_on_the_way_swapped_for_a_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("dogs");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(folder.join("ear.png"), b"picture").unwrap();
        std::fs::write(elsewhere.join("ear.png"), b"secret").unwrap();
        let asset = Asset::seen(folder.join("ear.png"));
        assert!(asset.open().is_ok());
        std::fs::rename(&folder, dir.path().join("old")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &folder).unwrap();
        assert_eq!(asset.open().unwrap_err(), Refusal::Changed);
    }

    #[test]
    fn a_named_pipe_is_refused_without_hanging() {
        let dir = tempfile::tempdir().unwrap();
        let picture = dir.path().join("ear.png");
        std::fs::write(&picture, b"picture").unwrap();
        let asset = Asset::seen(picture.clone());
        std::fs::remove_file(&picture).unwrap();
        let status = std::process::Command::new("mkfifo").arg(&picture).status();
        if !status.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this machine
        }
        assert_eq!(asset.open().unwrap_err(), Refusal::Changed);
    }

    #[test]
    fn a_link_at_build_time_is_never_served() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, b"secret").unwrap();
        let link = dir.path().join("ear.png");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        assert_eq!(Asset::seen(link).open().unwrap_err(), Refusal::Changed);
    }
}
