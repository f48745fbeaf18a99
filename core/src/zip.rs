//! A minimal zip writer and reader for packages (QTI, SCORM): stored entries
//! only (no compression), pure Rust, no file system, so it also runs in wasm.
//!
//! The writer is deterministic: every entry carries the same timestamp
//! (1980-01-01 00:00, the earliest a zip can hold), so the same files give the
//! same bytes. Names are written as UTF-8 (general purpose flag bit 11).
//! No zip64: an entry over 4 GiB, more than 65,535 entries or a name over
//! 65,535 bytes is beyond this writer (a quiz package is kilobytes).

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// General purpose flag bit 11: the name is UTF-8.
const UTF8: u16 = 1 << 11;
/// 1980-01-01 in MS-DOS date form (day 1, month 1, year 0 = 1980).
const DOS_DATE: u16 = (1 << 5) | 1;
/// Version needed to extract: 1.0 (stored entries).
const NEEDED: u16 = 10;
/// Version made by: 2.0, MS-DOS attributes.
const MADE_BY: u16 = 20;

/// CRC-32 (IEEE 802.3, as zip uses it), bitwise: small and fast enough for
/// packages of a few hundred kilobytes.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

fn u16_of(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// The zip archive holding `files` (name, contents) in the order given,
/// every entry stored uncompressed. Names use `/` between folders.
pub fn write_zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let crc = crc32(data);
        let size = u32_of(data.len());
        let offset = u32_of(out.len());
        // Local file header.
        put32(&mut out, LOCAL);
        put16(&mut out, NEEDED);
        put16(&mut out, UTF8);
        put16(&mut out, 0); // method: stored
        put16(&mut out, 0); // time 00:00
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, size); // compressed
        put32(&mut out, size); // uncompressed
        put16(&mut out, u16_of(name.len()));
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory record.
        put32(&mut central, CENTRAL);
        put16(&mut central, MADE_BY);
        put16(&mut central, NEEDED);
        put16(&mut central, UTF8);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, size);
        put32(&mut central, size);
        put16(&mut central, u16_of(name.len()));
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = u32_of(out.len());
    let central_size = u32_of(central.len());
    out.extend_from_slice(&central);
    put32(&mut out, END);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk with the central directory
    put16(&mut out, u16_of(files.len()));
    put16(&mut out, u16_of(files.len()));
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment length
    out
}

fn get16(bytes: &[u8], at: usize) -> Result<u16, String> {
    bytes
        .get(at..at.saturating_add(2))
        .and_then(|b| b.try_into().ok())
        .map(u16::from_le_bytes)
        .ok_or_else(|| format!("zip is cut short at byte {at}"))
}

fn get32(bytes: &[u8], at: usize) -> Result<u32, String> {
    bytes
        .get(at..at.saturating_add(4))
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| format!("zip is cut short at byte {at}"))
}

fn slice(bytes: &[u8], at: usize, len: usize) -> Result<&[u8], String> {
    bytes
        .get(at..at.saturating_add(len))
        .ok_or_else(|| format!("zip is cut short at byte {at}"))
}

/// The entries of a zip archive (name, contents), in central directory
/// order. Reads stored entries only (what [`write_zip`] writes); a
/// compressed entry, a bad checksum or a truncated archive is an error.
pub fn read_zip(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    // The end record is the last 22 bytes, unless a comment follows it.
    let min = bytes
        .len()
        .checked_sub(22)
        .ok_or("not a zip: too short for an end of central directory record")?;
    let floor = min.saturating_sub(0xFFFF);
    let end = (floor..=min)
        .rev()
        .find(|&at| get32(bytes, at) == Ok(END))
        .ok_or("not a zip: no end of central directory record")?;
    let count = usize::from(get16(bytes, end + 10)?);
    let mut at = get32(bytes, end + 16)? as usize;
    let mut files = Vec::with_capacity(count);
    for _ in 0..count {
        if get32(bytes, at)? != CENTRAL {
            return Err(format!("bad central directory record at byte {at}"));
        }
        // Offsets come from the file: add without overflow (wasm is 32-bit).
        let field = |n: usize| at.saturating_add(n);
        let method = get16(bytes, field(10))?;
        let crc = get32(bytes, field(16))?;
        let size = get32(bytes, field(20))? as usize;
        let name_len = usize::from(get16(bytes, field(28))?);
        let extra_len = usize::from(get16(bytes, field(30))?);
        let comment_len = usize::from(get16(bytes, field(32))?);
        let local = get32(bytes, field(42))? as usize;
        let name = String::from_utf8_lossy(slice(bytes, field(46), name_len)?).into_owned();
        at = field(46 + name_len + extra_len + comment_len);
        if method != 0 {
            return Err(format!(
                "{name}: compressed (method {method}); only stored entries are read"
            ));
        }
        if get32(bytes, local)? != LOCAL {
            return Err(format!("{name}: bad local header at byte {local}"));
        }
        let skip = usize::from(get16(bytes, local.saturating_add(26))?)
            + usize::from(get16(bytes, local.saturating_add(28))?);
        let data = slice(bytes, local.saturating_add(30 + skip), size)?;
        if crc32(data) != crc {
            return Err(format!("{name}: checksum does not match"));
        }
        files.push((name, data.to_vec()));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<(String, Vec<u8>)> {
        vec![
            ("imsmanifest.xml".into(), b"<manifest/>".to_vec()),
            ("folder/é.txt".into(), "accentué\n".as_bytes().to_vec()),
            ("empty".into(), Vec::new()),
        ]
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn round_trips_and_is_deterministic() {
        let bytes = write_zip(&sample());
        assert_eq!(read_zip(&bytes), Ok(sample()));
        assert_eq!(bytes, write_zip(&sample()));
        assert_eq!(read_zip(&write_zip(&[])), Ok(Vec::new()));
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let bytes = write_zip(&sample());
        for cut in 0..bytes.len() {
            let _ = read_zip(&bytes[..cut]);
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0xFF;
            let _ = read_zip(&flipped);
        }
        assert!(read_zip(b"hello").is_err());
        let mut bad = bytes.clone();
        let at = 30 + "imsmanifest.xml".len();
        bad[at] = b'X';
        assert_eq!(
            read_zip(&bad),
            Err("imsmanifest.xml: checksum does not match".into())
        );
    }

    /// Another implementation reads what we write: Python's `zipfile` and
    /// `unzip -t`, when the machine has them.
    #[test]
    fn other_tools_read_it() {
        let dir = std::env::temp_dir().join(format!("quiz-zip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tmp");
        let path = dir.join("t.zip");
        std::fs::write(&path, write_zip(&sample())).expect("write");
        let script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint('|'.join(z.namelist()))\nprint(z.read('folder/é.txt').decode())";
        if let Ok(out) = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(&path)
            .output()
        {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.starts_with("imsmanifest.xml|folder/é.txt|empty\naccentué"),
                "{text}"
            );
        }
        if let Ok(out) = std::process::Command::new("unzip")
            .arg("-t")
            .arg(&path)
            .output()
        {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{text}");
            assert!(text.contains("No errors detected"), "{text}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
