package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/moocreport/moocreport/report/study"
)

// Survey tools export CSV in several dialects: Qualtrics writes UTF-8 with
// a BOM, or UTF-16 (tab-separated) when asked for Excel; LimeSurvey and
// European Excel write ';'; Google Forms and SurveyMonkey ','. Survey
// readers therefore decode the text (UTF-8 or UTF-16 by its byte-order
// mark) and sniff the delimiter from the header row unless study.yaml
// names it. The edX exports keep the strict comma-only table.

// decodeText returns r as UTF-8: a UTF-16 file (told by its byte-order
// mark) is transcoded as it is read by x/text's unicode.BOMOverride,
// which picks the byte order from the mark and drops it (an unpaired
// surrogate becomes U+FFFD, as its decoder does). Anything else is passed
// through untouched, for the csvGuard to check it is UTF-8: BOMOverride
// would also take a UTF-8 mark and decode the rest with the UTF-8
// decoder, turning bytes that are not UTF-8 into U+FFFD without a word,
// where the guard names the line and byte.
func decodeText(r io.Reader, file string) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	bom, _ := br.Peek(2)
	if !bytes.Equal(bom, []byte{0xFF, 0xFE}) && !bytes.Equal(bom, []byte{0xFE, 0xFF}) {
		return br, nil
	}
	return transform.NewReader(&evenReader{r: br, file: file}, unicode.BOMOverride(transform.Nop)), nil
}

// evenReader passes a UTF-16 file through and, at its end, refuses an odd
// number of bytes: the last character was cut in half.
type evenReader struct {
	r    io.Reader
	file string
	n    int64
}

func (e *evenReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	e.n += int64(n)
	if err == io.EOF && e.n%2 != 0 {
		return n, &ParseError{File: e.file, Err: fmt.Errorf("UTF-16 file with an odd number of bytes (%d): truncated?", e.n)}
	}
	return n, err
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
func newSurveyTable(r io.Reader, file, delimiter string, lim study.Limits) (*table, error) {
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
	return newTable(br, file, lim, comma), nil
}
