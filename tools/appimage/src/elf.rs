//! Where the ELF part of an AppImage ends, and the type 2 magic.
//!
//! A type 2 AppImage is the runtime's ELF file with a squashfs image appended. The runtime
//! finds the image by parsing its own ELF headers: the image starts where the furthest of
//! the section header table, the sections' contents and the segments' file contents ends,
//! the same rule as the official runtime's `get_elf_size` (which takes the later of the
//! section header table's end and the last section's end).

use std::io::{Read, Seek, SeekFrom};

/// The bytes a type 2 AppImage carries at [`MAGIC_OFFSET`] (`AI` and the type, 2). They
/// sit in `e_ident`'s padding, which loaders ignore, so the file stays a valid ELF.
pub const APPIMAGE_TYPE2_MAGIC: [u8; 3] = *b"AI\x02";

/// The offset of [`APPIMAGE_TYPE2_MAGIC`] in the file (`e_ident[EI_ABIVERSION]` onwards).
pub const MAGIC_OFFSET: u64 = 8;

/// `SHT_NOBITS`: a section (`.bss`) that takes no room in the file.
const SHT_NOBITS: u32 = 8;

/// Why a file's ELF size cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ElfError {
    #[error("no ELF magic")]
    NotElf,
    #[error("unknown ELF class (neither 32- nor 64-bit)")]
    BadClass,
    #[error("unknown ELF byte order")]
    BadByteOrder,
    #[error("a header table entry is smaller than the ELF format requires")]
    BadEntrySize,
    #[error("the headers point past the end of the file")]
    Truncated,
}

/// The parts of the ELF header that locate the tables, with the file's class and order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    is64: bool,
    little: bool,
    phoff: u64,
    phentsize: u64,
    phnum: u64,
    shoff: u64,
    shentsize: u64,
    shnum: u64,
}

impl Header {
    /// Parses the first 64 bytes of a file (a 32-bit header is 52 bytes; the rest is ignored).
    fn parse(bytes: &[u8; 64]) -> Result<Self, ElfError> {
        if bytes[..4] != *b"\x7fELF" {
            return Err(ElfError::NotElf);
        }
        let is64 = match bytes[4] {
            1 => false,
            2 => true,
            _ => return Err(ElfError::BadClass),
        };
        let little = match bytes[5] {
            1 => true,
            2 => false,
            _ => return Err(ElfError::BadByteOrder),
        };
        let field = Field { little };
        let header = if is64 {
            Self {
                is64,
                little,
                phoff: field.u64(bytes, 32),
                phentsize: field.u16(bytes, 54),
                phnum: field.u16(bytes, 56),
                shoff: field.u64(bytes, 40),
                shentsize: field.u16(bytes, 58),
                shnum: field.u16(bytes, 60),
            }
        } else {
            Self {
                is64,
                little,
                phoff: field.u32(bytes, 28),
                phentsize: field.u16(bytes, 42),
                phnum: field.u16(bytes, 44),
                shoff: field.u32(bytes, 32),
                shentsize: field.u16(bytes, 46),
                shnum: field.u16(bytes, 48),
            }
        };
        let (min_ph, min_sh) = if is64 { (56, 64) } else { (32, 40) };
        if (header.phnum > 0 && header.phentsize < min_ph)
            || (header.shoff > 0 && header.shentsize < min_sh)
        {
            return Err(ElfError::BadEntrySize);
        }
        Ok(header)
    }
}

/// Reads fixed-width integers in the file's byte order.
#[derive(Debug, Clone, Copy)]
struct Field {
    little: bool,
}

impl Field {
    fn u16(self, bytes: &[u8], at: usize) -> u64 {
        let raw = [bytes[at], bytes[at + 1]];
        u64::from(if self.little {
            u16::from_le_bytes(raw)
        } else {
            u16::from_be_bytes(raw)
        })
    }

    fn u32(self, bytes: &[u8], at: usize) -> u64 {
        let raw: [u8; 4] = bytes[at..at + 4].try_into().expect("4 bytes");
        u64::from(if self.little {
            u32::from_le_bytes(raw)
        } else {
            u32::from_be_bytes(raw)
        })
    }

    fn u64(self, bytes: &[u8], at: usize) -> u64 {
        let raw: [u8; 8] = bytes[at..at + 8].try_into().expect("8 bytes");
        if self.little {
            u64::from_le_bytes(raw)
        } else {
            u64::from_be_bytes(raw)
        }
    }
}

/// The size of the ELF file at the start of `file`: where an appended payload begins.
pub fn elf_size<F: Read + Seek>(file: &mut F) -> std::io::Result<Result<u64, ElfError>> {
    let file_len = file.seek(SeekFrom::End(0))?;
    let mut first = [0u8; 64];
    file.seek(SeekFrom::Start(0))?;
    if file_len < 64 {
        return Ok(Err(ElfError::Truncated));
    }
    file.read_exact(&mut first)?;
    let mut header = match Header::parse(&first) {
        Ok(header) => header,
        Err(error) => return Ok(Err(error)),
    };
    let field = Field {
        little: header.little,
    };

    // With more than 0xff00 sections, e_shnum is 0 and the count is in section 0's sh_size.
    if header.shnum == 0 && header.shoff != 0 {
        let Some((entry, _)) = read_table(file, file_len, header.shoff, header.shentsize, 1)?
        else {
            return Ok(Err(ElfError::Truncated));
        };
        header.shnum = if header.is64 {
            field.u64(&entry, 32)
        } else {
            field.u32(&entry, 20)
        };
    }

    let mut end = 64.min(file_len);
    if header.shoff != 0 {
        let Some((table, table_end)) =
            read_table(file, file_len, header.shoff, header.shentsize, header.shnum)?
        else {
            return Ok(Err(ElfError::Truncated));
        };
        end = end.max(table_end);
        for entry in table.chunks_exact(usize::try_from(header.shentsize).unwrap_or(usize::MAX)) {
            let kind = field.u32(entry, 4);
            let (offset, size) = if header.is64 {
                (field.u64(entry, 24), field.u64(entry, 32))
            } else {
                (field.u32(entry, 16), field.u32(entry, 20))
            };
            if kind != u64::from(SHT_NOBITS) {
                end = end.max(offset.saturating_add(size));
            }
        }
    }
    if header.phoff != 0 && header.phnum > 0 {
        let Some((table, table_end)) =
            read_table(file, file_len, header.phoff, header.phentsize, header.phnum)?
        else {
            return Ok(Err(ElfError::Truncated));
        };
        end = end.max(table_end);
        for entry in table.chunks_exact(usize::try_from(header.phentsize).unwrap_or(usize::MAX)) {
            let (offset, size) = if header.is64 {
                (field.u64(entry, 8), field.u64(entry, 32))
            } else {
                (field.u32(entry, 4), field.u32(entry, 16))
            };
            end = end.max(offset.saturating_add(size));
        }
    }
    if end > file_len {
        return Ok(Err(ElfError::Truncated));
    }
    Ok(Ok(end))
}

/// Reads `count` table entries of `size` bytes at `offset`, with the offset where the table
/// ends; `None` when they would run past the end of the file or past `u64::MAX` (a corrupt
/// header, or a huge extended section count, must neither overflow nor make us allocate
/// gigabytes).
fn read_table<F: Read + Seek>(
    file: &mut F,
    file_len: u64,
    offset: u64,
    size: u64,
    count: u64,
) -> std::io::Result<Option<(Vec<u8>, u64)>> {
    let Some(bytes) = size.checked_mul(count) else {
        return Ok(None);
    };
    let Some(end) = offset.checked_add(bytes).filter(|end| *end <= file_len) else {
        return Ok(None);
    };
    let mut table = vec![0u8; usize::try_from(bytes).unwrap_or(usize::MAX)];
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(&mut table)?;
    Ok(Some((table, end)))
}

/// Whether `first_bytes` (at least 11 of them) start a type 2 AppImage.
pub fn has_type2_magic(first_bytes: &[u8]) -> bool {
    first_bytes.len() >= 11
        && first_bytes[..4] == *b"\x7fELF"
        && first_bytes[8..11] == APPIMAGE_TYPE2_MAGIC
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A minimal little-endian ELF64: header, two program headers, three section headers
    /// (the last one `.bss`-like, taking no file space), then `payload` appended.
    fn elf64(payload: &[u8]) -> (Vec<u8>, u64) {
        let mut file = vec![0u8; 64];
        file[..4].copy_from_slice(b"\x7fELF");
        file[4] = 2;
        file[5] = 1;
        let phoff = 64u64;
        file[32..40].copy_from_slice(&phoff.to_le_bytes());
        file[54..56].copy_from_slice(&56u16.to_le_bytes());
        file[56..58].copy_from_slice(&2u16.to_le_bytes());
        // Program headers: one segment covering 64..400.
        let mut ph = vec![0u8; 112];
        ph[8..16].copy_from_slice(&64u64.to_le_bytes());
        ph[32..40].copy_from_slice(&336u64.to_le_bytes());
        file.extend_from_slice(&ph);
        // Section contents up to 1000; the section header table at 1000.
        file.resize(1000, 0xaa);
        let shoff = 1000u64;
        file[40..48].copy_from_slice(&shoff.to_le_bytes());
        file[58..60].copy_from_slice(&64u16.to_le_bytes());
        file[60..62].copy_from_slice(&3u16.to_le_bytes());
        let mut sh = vec![0u8; 192];
        // Section 1: PROGBITS 500..900.
        sh[64 + 4..64 + 8].copy_from_slice(&1u32.to_le_bytes());
        sh[64 + 24..64 + 32].copy_from_slice(&500u64.to_le_bytes());
        sh[64 + 32..64 + 40].copy_from_slice(&400u64.to_le_bytes());
        // Section 2: NOBITS "at" 900 with a huge size that must not count.
        sh[128 + 4..128 + 8].copy_from_slice(&SHT_NOBITS.to_le_bytes());
        sh[128 + 24..128 + 32].copy_from_slice(&900u64.to_le_bytes());
        sh[128 + 32..128 + 40].copy_from_slice(&1_000_000u64.to_le_bytes());
        file.extend_from_slice(&sh);
        let end = file.len() as u64;
        file.extend_from_slice(payload);
        (file, end)
    }

    #[test]
    fn the_payload_starts_after_the_section_header_table() {
        let (file, end) = elf64(b"hsqs and the rest of a squashfs image");
        assert_eq!(end, 1192);
        assert_eq!(elf_size(&mut Cursor::new(file)).unwrap(), Ok(1192));
    }

    #[test]
    fn a_section_past_the_table_extends_the_elf_part() {
        let (mut file, _) = elf64(&[0u8; 500]);
        // Move section 1 to 1300..1500, past the table (ends at 1192).
        file[1000 + 64 + 24..1000 + 64 + 32].copy_from_slice(&1300u64.to_le_bytes());
        file[1000 + 64 + 32..1000 + 64 + 40].copy_from_slice(&200u64.to_le_bytes());
        assert_eq!(elf_size(&mut Cursor::new(file)).unwrap(), Ok(1500));
    }

    #[test]
    fn a_segment_past_everything_else_extends_the_elf_part() {
        let (mut file, _) = elf64(&[0u8; 800]);
        file[64 + 32..64 + 40].copy_from_slice(&1800u64.to_le_bytes());
        assert_eq!(elf_size(&mut Cursor::new(file)).unwrap(), Ok(1864));
    }

    #[test]
    fn a_32_bit_big_endian_header_is_read_in_its_own_layout() {
        let mut file = vec![0u8; 52];
        file[..4].copy_from_slice(b"\x7fELF");
        file[4] = 1;
        file[5] = 2;
        file[32..36].copy_from_slice(&100u32.to_be_bytes());
        file[46..48].copy_from_slice(&40u16.to_be_bytes());
        file[48..50].copy_from_slice(&2u16.to_be_bytes());
        file.resize(180, 0);
        assert_eq!(elf_size(&mut Cursor::new(file)).unwrap(), Ok(180));
    }

    #[test]
    fn headers_pointing_past_the_file_are_refused() {
        let (file, _) = elf64(b"");
        let truncated = file[..1100].to_vec();
        assert_eq!(
            elf_size(&mut Cursor::new(truncated)).unwrap(),
            Err(ElfError::Truncated)
        );
    }

    #[test]
    fn a_huge_extended_section_count_is_refused_without_overflow() {
        let (mut file, _) = elf64(b"");
        // e_shnum 0: the count is section 0's sh_size, here large enough that count times
        // entry size overflows u64.
        file[60..62].copy_from_slice(&0u16.to_le_bytes());
        file[1000 + 32..1000 + 40].copy_from_slice(&(u64::MAX / 3).to_le_bytes());
        assert_eq!(
            elf_size(&mut Cursor::new(file)).unwrap(),
            Err(ElfError::Truncated)
        );
    }

    #[test]
    fn a_program_header_offset_near_the_top_is_refused_without_overflow() {
        let (mut file, _) = elf64(b"");
        file[32..40].copy_from_slice(&(u64::MAX - 8).to_le_bytes());
        assert_eq!(
            elf_size(&mut Cursor::new(file.clone())).unwrap(),
            Err(ElfError::Truncated)
        );
        // The same for the section header table.
        let (mut file, _) = elf64(b"");
        file[40..48].copy_from_slice(&(u64::MAX - 8).to_le_bytes());
        assert_eq!(
            elf_size(&mut Cursor::new(file)).unwrap(),
            Err(ElfError::Truncated)
        );
    }

    #[test]
    fn non_elf_input_is_refused() {
        let mut text = b"#!/bin/sh\necho hello\n".to_vec();
        text.resize(80, b' ');
        assert_eq!(
            elf_size(&mut Cursor::new(text)).unwrap(),
            Err(ElfError::NotElf)
        );
        assert_eq!(
            elf_size(&mut Cursor::new(vec![0x7f, b'E'])).unwrap(),
            Err(ElfError::Truncated)
        );
    }

    #[test]
    fn the_magic_sits_in_the_ident_padding() {
        let (mut file, _) = elf64(b"");
        assert!(!has_type2_magic(&file));
        file[8..11].copy_from_slice(&APPIMAGE_TYPE2_MAGIC);
        assert!(has_type2_magic(&file));
        // The magic does not change how the ELF part is measured.
        assert_eq!(elf_size(&mut Cursor::new(file)).unwrap(), Ok(1192));
    }

    #[test]
    fn the_test_binary_itself_measures_to_its_own_length() {
        // A real linker's output, with nothing appended, ends where its ELF part ends.
        let path = std::env::current_exe().unwrap();
        let mut file = std::fs::File::open(&path).unwrap();
        let len = file.metadata().unwrap().len();
        assert_eq!(elf_size(&mut file).unwrap(), Ok(len));
    }
}
