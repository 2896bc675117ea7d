package ingest

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/moocreport/moocreport/report/study"
)

// csvGuard sits between a CSV file and encoding/csv, which reads a whole
// line, and then a whole record, into memory before looking at it: a
// 500 MB line would take gigabytes. The guard follows the file's quoting
// byte by byte (an RFC 4180 quote toggles "inside a quoted field"; a
// doubled quote toggles twice) and stops the stream, with a *ParseError
// naming the line and byte column, as soon as one field or one record is
// longer than the study's limits, before encoding/csv has buffered it. It
// also refuses bytes that are not UTF-8, at the place they are, because
// text copied raw from such a file would make the published HTML and CSV
// invalid.
//
// It is hand-written because no library offers a size-capped CSV reader:
// encoding/csv has no limit, and the limit must act before buffering.
type csvGuard struct {
	r     io.Reader
	file  string
	lim   study.Limits
	comma byte // delimiter; 0 when it is not one byte (never split fields)

	line, col  int // position of the next byte, 1-based
	quoted     bool
	field, rec int64 // bytes of the current field and record so far
	fields     int64 // fields of the current record so far, less one
	fLine      int   // where the current field and record start
	fCol, rLn  int
	utf        utf8State
	err        error
	maxFields  int64
	// special marks the bytes step must see one by one: quote, newline,
	// delimiter and every non-ASCII byte.
	special [256]bool
}

// utf8State checks UTF-8 across Read calls: the start of a pending
// multi-byte sequence and the bytes seen of it.
type utf8State struct {
	buf       [utf8.UTFMax]byte
	n, need   int
	line, col int
}

func newCSVGuard(r io.Reader, file string, lim study.Limits, comma rune) *csvGuard {
	g := &csvGuard{r: r, file: file, lim: lim.Or(), line: 1, col: 1}
	g.maxFields = maxFields(g.lim)
	if comma < utf8.RuneSelf {
		g.comma = byte(comma)
		g.special[g.comma] = true
	}
	g.special['"'], g.special['\n'] = true, true
	for b := utf8.RuneSelf; b < 256; b++ {
		g.special[b] = true
	}
	return g
}

// Read passes bytes through until the first one that breaks a limit or
// is not UTF-8; the error then stays.
func (g *csvGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; {
		if b := p[i]; g.utf.need == 0 {
			switch {
			case !g.special[b]:
				j := i + 1
				for j < n && !g.special[p[j]] {
					j++
				}
				if g.err = g.plain(j - i); g.err != nil {
					return i, g.err
				}
				i = j
				continue
			case g.quoted:
			case b == '\n': // ends a record: step's work, without the call
				g.field, g.rec, g.fields = 0, 0, 0
				g.line++
				g.col = 1
				i++
				continue
			case b == g.comma && g.comma != 0 && g.fields+1 < g.maxFields:
				g.field = 0
				g.fields++
				g.col++
				i++
				continue
			}
		}
		if g.err = g.step(p[i]); g.err != nil {
			return i, g.err
		}
		i++
	}
	if err == io.EOF && g.utf.need > 0 {
		g.err = notUTF8(g.file, g.utf.line, g.utf.col, g.utf.buf[0])
		return n, g.err
	}
	return n, err
}

// plain takes a run of k bytes none of which is special: ASCII, not a
// quote, newline or delimiter. It is step for all of them at once, the
// path nearly every byte of a file takes.
func (g *csvGuard) plain(k int) error {
	if g.field == 0 {
		g.fLine, g.fCol = g.line, g.col
	}
	if g.rec == 0 {
		g.rLn = g.line
	}
	g.field += int64(k)
	g.rec += int64(k)
	g.col += k
	switch {
	case g.field > int64(g.lim.MaxField):
		return tooLong(g.file, g.fLine, g.fCol, "field", "max_field", g.lim.MaxField)
	case g.rec > int64(g.lim.MaxRecord):
		return tooLong(g.file, g.rLn, 0, "record", "max_record", g.lim.MaxRecord)
	}
	return nil
}

// step takes one byte.
func (g *csvGuard) step(b byte) error {
	if b >= utf8.RuneSelf || g.utf.need > 0 {
		if err := g.utf8(b); err != nil {
			return err
		}
	}
	end := !g.quoted && (b == '\n' || b == g.comma && g.comma != 0)
	if !end {
		if g.field == 0 {
			g.fLine, g.fCol = g.line, g.col
		}
		if g.rec == 0 {
			g.rLn = g.line
		}
		g.field++
		g.rec++
		if b == '"' {
			g.quoted = !g.quoted
		}
	}
	switch {
	case g.field > int64(g.lim.MaxField):
		return tooLong(g.file, g.fLine, g.fCol, "field", "max_field", g.lim.MaxField)
	case g.rec > int64(g.lim.MaxRecord):
		return tooLong(g.file, g.rLn, 0, "record", "max_record", g.lim.MaxRecord)
	}
	if end {
		g.field = 0
		g.fields++
		if b == '\n' {
			g.rec, g.fields = 0, 0
		} else if g.fields >= maxFields(g.lim) {
			return tooMany(g.file, g.line, "record", "fields", g.lim)
		}
	}
	if b == '\n' {
		g.line++
		g.col = 1
	} else {
		g.col++
	}
	return nil
}

// utf8 takes one byte of a multi-byte sequence (or its lead byte).
func (g *csvGuard) utf8(b byte) error {
	u := &g.utf
	if u.need == 0 {
		switch {
		case b >= 0xC2 && b <= 0xDF:
			u.need = 2
		case b >= 0xE0 && b <= 0xEF:
			u.need = 3
		case b >= 0xF0 && b <= 0xF4:
			u.need = 4
		default:
			return notUTF8(g.file, g.line, g.col, b)
		}
		u.buf[0], u.n, u.line, u.col = b, 1, g.line, g.col
		return nil
	}
	if b&0xC0 != 0x80 {
		return notUTF8(g.file, u.line, u.col, u.buf[0])
	}
	u.buf[u.n] = b
	u.n++
	if u.n < u.need {
		return nil
	}
	u.need = 0
	if !utf8.Valid(u.buf[:u.n]) { // overlong forms, surrogates, beyond U+10FFFF
		return notUTF8(g.file, u.line, u.col, u.buf[0])
	}
	return nil
}

// tooLong is the error for a field, record or line over its limit.
func tooLong(file string, line, col int, what, key string, max study.Size) error {
	return &ParseError{File: file, Line: line, Column: col,
		Err: fmt.Errorf("%w: a %s longer than %s, refused (a damaged file? if it is genuine, raise limits.%s in study.yaml)", ErrTooLong, what, max, key)}
}

// maxFields caps the fields of one record (or values of one SQL row):
// a record of many empty fields is short in bytes but costs a reader
// some 48 bytes of bookkeeping per field, so a record may hold one field
// per 64 bytes of limits.max_record (262,144 with the default 16 MiB).
func maxFields(lim study.Limits) int64 { return int64(lim.MaxRecord) / 64 }

// tooMany is the error for a record or row with too many fields.
func tooMany(file string, line int, what, parts string, lim study.Limits) error {
	return &ParseError{File: file, Line: line,
		Err: fmt.Errorf("%w: a %s of more than %d %s, refused (a damaged file? if it is genuine, raise limits.max_record in study.yaml)", ErrTooLong, what, maxFields(lim), parts)}
}

// notUTF8 is the error for a byte that does not start valid UTF-8 text.
func notUTF8(file string, line, col int, b byte) error {
	return &ParseError{File: file, Line: line, Column: col,
		Err: fmt.Errorf("%w: byte 0x%02X does not start a UTF-8 character (save the file as UTF-8 or UTF-16)", ErrNotUTF8, b)}
}

// firstInvalidUTF8 returns the byte offset of the first byte of s that is
// not valid UTF-8, or -1.
func firstInvalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
