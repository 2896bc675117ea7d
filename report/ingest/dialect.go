package ingest

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// Survey tools export CSV in several dialects: Qualtrics writes UTF-8 with
// a BOM, or UTF-16 (tab-separated) when asked for Excel; LimeSurvey and
// European Excel write ';'; Google Forms and SurveyMonkey ','. Survey
// readers therefore decode the text (UTF-8 or UTF-16 by its byte-order
// mark) and sniff the delimiter from the header row unless study.yaml
// names it. The edX exports keep the strict comma-only table.

// decodeText returns r as UTF-8: a UTF-16 file (told by its byte-order
// mark) is transcoded whole, which is fine for survey exports (a few MB at
// most); anything else is passed through.
func decodeText(r io.Reader, file string) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	bom, _ := br.Peek(2)
	var order binary.ByteOrder
	switch {
	case bytes.Equal(bom, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.Equal(bom, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	default:
		return br, nil
	}
	b, err := io.ReadAll(br)
	if err != nil {
		return nil, &ParseError{File: file, Err: err}
	}
	b = b[2:]
	if len(b)%2 != 0 {
		return nil, &ParseError{File: file, Err: fmt.Errorf("UTF-16 file with an odd number of bytes (%d): truncated?", len(b)+2)}
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = order.Uint16(b[2*i:])
	}
	out := make([]byte, 0, len(units))
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return bytes.NewReader(out), nil
}

// Delimiters names the delimiters study.yaml may give ("tab" for '\t').
var Delimiters = map[string]rune{",": ',', ";": ';', "tab": '\t', "\t": '\t'}

// sniffDelimiter picks ',', ';' or tab, whichever occurs most outside
// quotes in the first line (ties: ',' first, then ';'). A header row is
// the one line every export has, and column names rarely hold delimiters.
func sniffDelimiter(first []byte) rune {
	var n [3]int
	quoted := false
	for _, c := range first {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			goto done
		case c == ',':
			n[0]++
		case c == ';':
			n[1]++
		case c == '\t':
			n[2]++
		}
	}
done:
	best := 0
	for i := 1; i < 3; i++ {
		if n[i] > n[best] {
			best = i
		}
	}
	return [3]rune{',', ';', '\t'}[best]
}

// newSurveyTable opens a survey export: text decoded, BOM dropped, the
// delimiter named in study.yaml ("" to sniff it), quoted newlines and CRLF
// as encoding/csv reads them.
func newSurveyTable(r io.Reader, file, delimiter string) (*table, error) {
	text, err := decodeText(r, file)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(text, 64<<10)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	comma, ok := Delimiters[delimiter]
	if delimiter == "" {
		head, _ := br.Peek(br.Size())
		comma, ok = sniffDelimiter(head), true
	}
	if !ok {
		return nil, &ParseError{File: file, Err: fmt.Errorf("unknown delimiter %q: want \",\", \";\" or \"tab\"", delimiter)}
	}
	t := newTable(br, file)
	t.r.Comma = comma
	return t, nil
}
