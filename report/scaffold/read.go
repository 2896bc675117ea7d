package scaffold

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"os"

	"github.com/moocreport/moocreport/report/detect"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// open returns the decoded text of a file: gunzipped when compressed,
// UTF-16 transcoded and a byte-order mark dropped, as the readers do.
func open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	var r io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, err
		}
		r = zr
	}
	return struct {
		io.Reader
		io.Closer
	}{transform.NewReader(r, unicode.BOMOverride(unicode.UTF8.NewDecoder())), f}, nil
}

// readTable reads a whole delimited file (delimiter sniffed from its first
// line). Rows may differ in length; a syntax error ends the table there,
// which is enough for guessing (ingest reports it precisely at check).
func readTable(path string) ([][]string, error) {
	rc, err := open(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return detect.Records(b, detect.Delimiter(b), true), nil
}

// column returns the index of name in header, or -1.
func column(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}
