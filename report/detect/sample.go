package detect

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// SampleSize is how much of a file (after decompression) a Sample holds:
// enough for every export's header rows and a few dozen records.
const SampleSize = 64 << 10

// Sample is the start of a file, decoded to UTF-8, for the families to
// look at.
type Sample struct {
	Path string
	// Text is the first SampleSize bytes after gunzip and decoding (UTF-16
	// by its byte-order mark; a UTF-8 byte-order mark dropped).
	Text []byte
	// Gzip says the file was gzip-compressed; Encoding names its text
	// encoding ("UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE").
	Gzip     bool
	Encoding string
	// Truncated says the file is longer than the sample.
	Truncated bool
	// Binary says the content is not text.
	Binary bool
}

// ReadSample reads the start of the file at path.
func ReadSample(path string) (*Sample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return NewSample(path, f)
}

// NewSample reads a sample from r; path is only recorded.
func NewSample(path string, r io.Reader) (*Sample, error) {
	s := &Sample{Path: path, Encoding: "UTF-8"}
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip header unreadable: %w", err)
		}
		s.Gzip = true
		br = bufio.NewReader(zr)
	}
	bom, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		s.Encoding = "UTF-8 with BOM"
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}):
		s.Encoding = "UTF-16LE"
	case bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		s.Encoding = "UTF-16BE"
	}
	// BOMOverride decodes UTF-16 by its byte-order mark and drops a
	// UTF-8 one; anything else passes through as UTF-8.
	dec := transform.NewReader(br, unicode.BOMOverride(unicode.UTF8.NewDecoder()))
	buf := make([]byte, SampleSize+1)
	n, err := io.ReadFull(dec, buf)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		if n == 0 {
			return nil, err
		}
		s.Truncated = true // a torn gzip stream: judge what was read
	}
	if n > SampleSize {
		n, s.Truncated = SampleSize, true
	}
	s.Text = buf[:n]
	s.Binary = isBinary(s.Text)
	return s, nil
}

// isBinary says whether text holds NUL bytes or is mostly not UTF-8.
func isBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 && len(b)-i >= utf8.UTFMax {
			bad++
		}
		i += size
	}
	return bad*20 > len(b)
}

// Lines returns the sample's complete lines (the last one too when the
// sample is the whole file), without line ends.
func (s *Sample) Lines() []string {
	text := string(s.Text)
	if s.Truncated {
		if i := strings.LastIndexByte(text, '\n'); i >= 0 {
			text = text[:i]
		}
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// Records parses text as delimited records, rows of any length, up to the
// first syntax error (enough for guessing what a file is; ingest reports
// errors precisely). lazy accepts quotes in unquoted fields.
func Records(text []byte, comma rune, lazy bool) [][]string {
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = lazy
	var rows [][]string
	for {
		rec, err := r.Read()
		if err != nil {
			return rows
		}
		rows = append(rows, rec)
	}
}

// Rows parses the sample as delimited text (the delimiter sniffed from the
// first line, as the survey readers do) and returns its complete records
// and the delimiter. A record the sample cuts off is left out; a syntax
// error ends the rows there.
func (s *Sample) Rows() ([][]string, rune) {
	comma := Delimiter(s.Text)
	rows := Records(s.Text, comma, false)
	if s.Truncated && len(rows) > 0 {
		rows = rows[:len(rows)-1]
	}
	return rows, comma
}

// Delimiter picks ',', ';' or tab, whichever occurs most outside quotes
// in the first line (ties: ',' first, then ';'), as ingest's survey
// readers sniff it.
func Delimiter(text []byte) rune {
	var n [3]int
	quoted := false
	for _, c := range text {
		if c == '"' {
			quoted = !quoted
		} else if !quoted && c == '\n' {
			break
		} else if !quoted {
			switch c {
			case ',':
				n[0]++
			case ';':
				n[1]++
			case '\t':
				n[2]++
			}
		}
	}
	best := 0
	for i := 1; i < 3; i++ {
		if n[i] > n[best] {
			best = i
		}
	}
	return [3]rune{',', ';', '\t'}[best]
}

// describe says what an unrecognised sample looks like, so the user knows
// why it was not taken.
func (s *Sample) describe() string {
	lines := s.Lines()
	switch {
	case len(bytes.TrimSpace(s.Text)) == 0:
		return "empty file"
	case strings.EqualFold(filepath.Ext(s.Path), ".yaml") || strings.EqualFold(filepath.Ext(s.Path), ".yml"):
		return "YAML (a study definition?), not an export"
	case strings.EqualFold(filepath.Ext(s.Path), ".md") || strings.HasPrefix(strings.TrimSpace(string(s.Text)), "# "):
		return "Markdown text, not an export"
	case bytes.HasPrefix(bytes.TrimSpace(s.Text), []byte("{")) || bytes.HasPrefix(bytes.TrimSpace(s.Text), []byte("[")):
		return "JSON, but neither tracking-log events, a course structure nor a Qualtrics survey definition"
	}
	rows, comma := s.Rows()
	if len(rows) > 0 && len(rows[0]) > 1 {
		return fmt.Sprintf("a table (%s-separated) whose header (%s) matches no known export", delimName(comma), list(rows[0], 6))
	}
	first := ""
	if len(lines) > 0 {
		first = lines[0]
		if len(first) > 60 {
			first = first[:60] + "…"
		}
	}
	return fmt.Sprintf("text that is neither a table nor JSON lines (first line %q)", first)
}

func delimName(r rune) string {
	switch r {
	case '\t':
		return "tab"
	case ';':
		return "semicolon"
	}
	return "comma"
}
