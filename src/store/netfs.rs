//! Concept files on network shares.
//!
//! SQLite's WAL mode keeps its index in a memory-mapped `-shm` file that every process using
//! the database maps, which works only when all of them run on one machine; and network file
//! systems' locks are not reliable enough for it either ("WAL does not work over a network
//! filesystem", sqlite.org/wal.html). Ministries keep their files on SMB shares, so a concept
//! file found on a network file system is opened without WAL: the rollback journal
//! (`journal_mode=DELETE`) with `locking_mode=EXCLUSIVE`, for one person at a time, on exactly
//! one connection (see `open.rs` and `Store::conn`). A concept several people work on belongs
//! in the team database (`konzeptstudio copy --to postgres://…`).
//!
//! What counts as a network share:
//! - Linux: the file system's `statfs` type: SMB/SMB2/CIFS, NFS, Ceph, AFS (OpenAFS and kAFS),
//!   9P (also WSL's and virtual machines' shared folders), Coda (also davfs2), NCP, Lustre,
//!   OrangeFS; the shared-disk cluster file systems OCFS2 and GFS2 (coherent locks, but no
//!   shared memory between their nodes); and every FUSE file system (sshfs, rclone, s3fs,
//!   GlusterFS, …): `statfs` cannot tell sshfs from a local FUSE file system such as ntfs-3g,
//!   and the exclusive mode is correct on both, it only keeps a second program out.
//! - Windows: UNC paths (`\\server\share\…`, `\\?\UNC\server\share\…`, `//server/share/…`)
//!   and drive letters the system reports as remote (`GetDriveTypeW` == `DRIVE_REMOTE`: mapped
//!   network drives).
//! - Elsewhere (macOS): not detected; `KONZEPTSTUDIO_NETWORK_SHARE=1` treats every concept file
//!   as on a share, `=0` as local (also an escape hatch where the detection is wrong).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The network (or FUSE) file system a concept file lies on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NetworkShare {
    /// What was found, as users and IT name it: the file system ("SMB/CIFS", "NFS", "FUSE"),
    /// the share (`\\server\share`) or the mapped drive ("Z:").
    pub kind: String,
}

/// How [`Store::open_with`](super::Store::open_with) decides whether a concept file is on a
/// network share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareMode {
    /// Look at the file system (see the module documentation).
    Detect,
    /// A local file system, whatever the detection says (WAL).
    Local,
    /// On this share, whatever the detection says (tests; `KONZEPTSTUDIO_NETWORK_SHARE=1`).
    Network(NetworkShare),
}

/// The environment variable that overrides the detection: `1` (also `ja`, `yes`, `true`) treats
/// every concept file as on a network share, `0` (`nein`, `no`, `false`) as local.
pub const OVERRIDE_VAR: &str = "KONZEPTSTUDIO_NETWORK_SHARE";

impl ShareMode {
    /// [`ShareMode::Detect`] unless [`OVERRIDE_VAR`] says otherwise.
    pub fn from_env() -> ShareMode {
        ShareMode::parse_override(std::env::var(OVERRIDE_VAR).ok().as_deref())
    }

    fn parse_override(value: Option<&str>) -> ShareMode {
        match value.map(|v| v.trim().to_lowercase()).as_deref() {
            Some("1" | "ja" | "yes" | "true") => ShareMode::Network(NetworkShare {
                kind: format!("{OVERRIDE_VAR}=1"),
            }),
            Some("0" | "nein" | "no" | "false") => ShareMode::Local,
            _ => ShareMode::Detect,
        }
    }

    /// The share `path` lies on, by this mode.
    pub fn resolve(&self, path: &Path) -> Option<NetworkShare> {
        match self {
            ShareMode::Detect => detect(path),
            ShareMode::Local => None,
            ShareMode::Network(share) => Some(share.clone()),
        }
    }
}

/// The network share `path` lies on, or None for a local file system (or where this platform
/// cannot tell). A file not created yet is judged by the nearest folder that exists.
pub fn detect(path: &Path) -> Option<NetworkShare> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    platform::detect(&path)
}

/// The network file system a Linux `statfs` type (`f_type`, linux/magic.h) stands for.
/// (Tested on every platform; called only on Linux.)
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub fn linux_network_fs(magic: u32) -> Option<&'static str> {
    LINUX_NETWORK_FS
        .iter()
        .find(|(m, _)| *m == magic)
        .map(|(_, name)| *name)
}

/// Network, cluster and FUSE file systems by their `statfs` magic number (linux/magic.h;
/// Lustre's and OrangeFS's from their own headers).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const LINUX_NETWORK_FS: &[(u32, &str)] = &[
    (0x0000_517B, "SMB"),      // SMB_SUPER_MAGIC (the old smbfs)
    (0xFF53_4D42, "SMB/CIFS"), // CIFS_SUPER_MAGIC
    (0xFE53_4D42, "SMB2"),     // SMB2_SUPER_MAGIC
    (0x0000_6969, "NFS"),      // NFS_SUPER_MAGIC
    (0x00C3_6400, "Ceph"),     // CEPH_SUPER_MAGIC
    (0x5346_414F, "AFS"),      // AFS_SUPER_MAGIC (OpenAFS)
    (0x6B41_4653, "AFS"),      // AFS_FS_MAGIC (kAFS)
    (0x0102_1997, "9P"),       // V9FS_MAGIC
    (0x7375_7245, "Coda"),     // CODA_SUPER_MAGIC (also davfs2)
    (0x0000_564C, "NCP"),      // NCP_SUPER_MAGIC (NetWare)
    (0x0BD0_0BD0, "Lustre"),   // LL_SUPER_MAGIC
    (0x2003_0528, "OrangeFS"), // ORANGEFS_DEVREQ_MAGIC
    (0x7461_636F, "OCFS2"),    // OCFS2_SUPER_MAGIC
    (0x0116_1970, "GFS2"),     // GFS2_MAGIC
    (0x6573_5546, "FUSE"),     // FUSE_SUPER_MAGIC (sshfs, rclone, s3fs, GlusterFS, ntfs-3g …)
];

/// Where a Windows path leads, read from its text alone.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    not(windows),
    allow(dead_code, reason = "used on Windows; tested everywhere")
)]
pub(crate) enum WindowsRoot {
    /// A UNC path: `\\server\share\…` and its long and device forms.
    Unc { server: String, share: String },
    /// A drive letter (`C:\…`, `\\?\C:\…`), upper case: local or mapped, the system knows.
    Drive(char),
    /// A relative path, a volume GUID path, a device: not a share by its text.
    Other,
}

#[cfg_attr(
    not(windows),
    allow(dead_code, reason = "used on Windows; tested everywhere")
)]
impl WindowsRoot {
    /// How a user names the share.
    fn label(&self) -> String {
        match self {
            WindowsRoot::Unc { server, share } => format!(r"\\{server}\{share}"),
            WindowsRoot::Drive(d) => format!("{d}:"),
            WindowsRoot::Other => String::new(),
        }
    }
}

#[cfg_attr(
    not(windows),
    allow(dead_code, reason = "used on Windows; tested everywhere")
)]
/// Reads a Windows path's root. Slashes count as backslashes, as Windows takes them; case does
/// not matter in prefixes.
pub(crate) fn windows_root(path: &str) -> WindowsRoot {
    let p = path.replace('/', "\\");
    let parts = |rest: &str| -> WindowsRoot {
        let mut it = rest.split('\\').filter(|s| !s.is_empty());
        match (it.next(), it.next()) {
            (Some(server), Some(share)) if !share.ends_with(':') => WindowsRoot::Unc {
                server: server.to_string(),
                share: share.to_string(),
            },
            _ => WindowsRoot::Other,
        }
    };
    let drive = |rest: &str| -> WindowsRoot {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(d), Some(':')) if d.is_ascii_alphabetic() => {
                WindowsRoot::Drive(d.to_ascii_uppercase())
            }
            _ => WindowsRoot::Other,
        }
    };
    let lower = p.to_ascii_lowercase();
    // \\?\ (verbatim) and \\.\ (device namespace): UNC\server\share, a drive, or a device.
    if let Some(rest) = ["\\\\?\\", "\\\\.\\", "\\??\\"]
        .iter()
        .find_map(|prefix| lower.starts_with(prefix).then(|| &p[prefix.len()..]))
    {
        let rest_lower = rest.to_ascii_lowercase();
        if rest_lower.starts_with("unc\\") {
            return parts(&rest[4..]);
        }
        // The network redirector's device (multiple UNC provider): \\?\GLOBALROOT\Device\Mup\server\share.
        const MUP: &str = "globalroot\\device\\mup\\";
        if rest_lower.starts_with(MUP) {
            return parts(&rest[MUP.len()..]);
        }
        return drive(rest);
    }
    if let Some(rest) = p.strip_prefix("\\\\") {
        return parts(rest);
    }
    drive(&p)
}

#[cfg(target_os = "linux")]
mod platform {
    use std::path::Path;

    use super::{NetworkShare, linux_network_fs};

    pub(super) fn detect(path: &Path) -> Option<NetworkShare> {
        // The file, or (not created yet) the nearest folder that exists.
        let stat = path.ancestors().find_map(|p| rustix::fs::statfs(p).ok())?;
        // `f_type`'s width differs between architectures; the magic numbers are 32 bits.
        #[allow(clippy::unnecessary_cast, reason = "i64 on x86_64, u32 elsewhere")]
        let magic = stat.f_type as u32;
        linux_network_fs(magic).map(|kind| NetworkShare {
            kind: kind.to_string(),
        })
    }
}

#[cfg(windows)]
mod platform {
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;

    use super::{NetworkShare, WindowsRoot, windows_root};

    pub(super) fn detect(path: &Path) -> Option<NetworkShare> {
        let root = windows_root(&path.to_string_lossy());
        match &root {
            WindowsRoot::Unc { .. } => Some(NetworkShare { kind: root.label() }),
            WindowsRoot::Drive(d) if drive_is_remote(*d) => {
                Some(NetworkShare { kind: root.label() })
            }
            _ => None,
        }
    }

    /// Whether Windows reports the drive as remote (a mapped network drive).
    #[allow(
        unsafe_code,
        reason = "GetDriveTypeW is a system call without a safe wrapper; see the SAFETY note"
    )]
    fn drive_is_remote(drive: char) -> bool {
        let root: Vec<u16> = std::ffi::OsStr::new(&format!("{drive}:\\"))
            .encode_wide()
            .chain(std::iter::once(0))
            .collect();
        // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call; the function
        // only reads it and returns a number.
        let kind = unsafe { windows_sys::Win32::Storage::FileSystem::GetDriveTypeW(root.as_ptr()) };
        kind == windows_sys::Win32::System::WindowsProgramming::DRIVE_REMOTE
    }
}

#[cfg(not(any(target_os = "linux", windows)))]
mod platform {
    use std::path::Path;

    use super::NetworkShare;

    pub(super) fn detect(_path: &Path) -> Option<NetworkShare> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_network_file_system_type_is_recognised() {
        for (magic, kind) in [
            (0x517B, "SMB"),
            (0xFF53_4D42, "SMB/CIFS"),
            (0xFE53_4D42, "SMB2"),
            (0x6969, "NFS"),
            (0x00C3_6400, "Ceph"),
            (0x5346_414F, "AFS"),
            (0x6B41_4653, "AFS"),
            (0x0102_1997, "9P"),
            (0x7375_7245, "Coda"),
            (0x564C, "NCP"),
            (0x0BD0_0BD0, "Lustre"),
            (0x2003_0528, "OrangeFS"),
            (0x7461_636F, "OCFS2"),
            (0x0116_1970, "GFS2"),
            (0x6573_5546, "FUSE"),
        ] {
            assert_eq!(linux_network_fs(magic), Some(kind), "{magic:#x}");
        }
        assert_eq!(
            LINUX_NETWORK_FS.len(),
            15,
            "a new entry needs its test line"
        );
    }

    #[test]
    fn local_file_system_types_are_not_shares() {
        for magic in [
            0xEF53,      // ext2/3/4
            0x5846_5342, // xfs
            0x9123_683E, // btrfs
            0x0102_1994, // tmpfs
            0x794C_7630, // overlayfs (containers)
            0x2FC1_2FC1, // zfs
            0x4D44,      // vfat
            0x5346_544E, // ntfs3 (the kernel's own NTFS driver)
            0xF15F,      // ecryptfs
        ] {
            assert_eq!(linux_network_fs(magic), None, "{magic:#x}");
        }
    }

    #[test]
    fn unc_paths_in_all_their_forms_are_shares() {
        let share = |server: &str, share: &str| WindowsRoot::Unc {
            server: server.into(),
            share: share.into(),
        };
        for (path, expected) in [
            (
                r"\\fileserver\Ressorts\SMWA\zik.konzept",
                share("fileserver", "Ressorts"),
            ),
            (r"\\fileserver\Ressorts", share("fileserver", "Ressorts")),
            (
                r"\\?\UNC\fileserver\Ressorts\zik.konzept",
                share("fileserver", "Ressorts"),
            ),
            (
                r"\\?\unc\fileserver\Ressorts\zik.konzept",
                share("fileserver", "Ressorts"),
            ),
            (
                r"\\.\UNC\fileserver\Ressorts\zik.konzept",
                share("fileserver", "Ressorts"),
            ),
            (
                "//fileserver/Ressorts/zik.konzept",
                share("fileserver", "Ressorts"),
            ),
            (
                r"\\10.1.2.3\d$\konzepte\zik.konzept",
                share("10.1.2.3", "d$"),
            ),
            (
                r"\\wsl.localhost\Debian\home\anna\zik.konzept",
                share("wsl.localhost", "Debian"),
            ),
            (
                r"\\?\GLOBALROOT\Device\Mup\fileserver\Ressorts\zik.konzept",
                share("fileserver", "Ressorts"),
            ),
        ] {
            assert_eq!(windows_root(path), expected, "{path}");
        }
        assert_eq!(
            windows_root(r"\\?\UNC\fileserver\Ressorts\zik.konzept").label(),
            r"\\fileserver\Ressorts"
        );
    }

    #[test]
    fn drive_paths_name_their_drive_and_the_rest_is_not_a_share() {
        for (path, expected) in [
            (r"C:\Users\anna\zik.konzept", WindowsRoot::Drive('C')),
            (r"z:\Konzepte\zik.konzept", WindowsRoot::Drive('Z')),
            ("Z:/Konzepte/zik.konzept", WindowsRoot::Drive('Z')),
            (r"\\?\Z:\Konzepte\zik.konzept", WindowsRoot::Drive('Z')),
            (r"\\.\Z:\Konzepte\zik.konzept", WindowsRoot::Drive('Z')),
            (r"\??\Z:\Konzepte\zik.konzept", WindowsRoot::Drive('Z')),
            ("Z:zik.konzept", WindowsRoot::Drive('Z')),
            (r"zik.konzept", WindowsRoot::Other),
            (r"Konzepte\zik.konzept", WindowsRoot::Other),
            (
                r"\\?\Volume{1b3b1146-4076-11e1-84aa-806e6f6e6963}\zik.konzept",
                WindowsRoot::Other,
            ),
            (r"\\.\pipe\konzeptstudio", WindowsRoot::Other),
            (r"\\fileserver", WindowsRoot::Other),
            (r"\\?\UNC\fileserver", WindowsRoot::Other),
            ("/home/anna/zik.konzept", WindowsRoot::Other),
        ] {
            assert_eq!(windows_root(path), expected, "{path}");
        }
        assert_eq!(windows_root(r"z:\zik.konzept").label(), "Z:");
    }

    #[test]
    fn the_override_forces_either_way_and_otherwise_detects() {
        assert_eq!(ShareMode::parse_override(None), ShareMode::Detect);
        assert_eq!(ShareMode::parse_override(Some("")), ShareMode::Detect);
        assert_eq!(
            ShareMode::parse_override(Some("vielleicht")),
            ShareMode::Detect
        );
        for off in ["0", "nein", "No", "false"] {
            assert_eq!(ShareMode::parse_override(Some(off)), ShareMode::Local);
        }
        for on in ["1", "ja", "YES", " true "] {
            let ShareMode::Network(share) = ShareMode::parse_override(Some(on)) else {
                panic!("{on} forces a share");
            };
            assert_eq!(share.kind, "KONZEPTSTUDIO_NETWORK_SHARE=1");
        }
        let forced = ShareMode::Network(NetworkShare { kind: "NFS".into() });
        assert_eq!(
            forced.resolve(Path::new("/tmp/x.konzept")),
            Some(NetworkShare { kind: "NFS".into() })
        );
        assert_eq!(ShareMode::Local.resolve(Path::new("/tmp/x.konzept")), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_local_temporary_folder_is_not_a_share_even_for_a_file_not_created_yet() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(detect(&dir.path().join("neu").join("zik.konzept")), None);
        assert_eq!(detect(Path::new("relativ/zik.konzept")), None);
    }
}
