package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report/study"

	"github.com/klauspost/compress/gzip"
	"github.com/parquet-go/parquet-go"
)

// activityFiles finds the files of one result table of `moocreport sql`
// in the folder dir: <name>.parquet or <name>.csv, or a folder <name>/ of
// part files as Spark and BigQuery write them (every .parquet, .csv or
// .csv.gz file in it; _SUCCESS, checksums and other dot or underscore
// files are not data). Names are slash-separated, relative to the study
// folder base.
func activityFiles(base, dir, name string) ([]string, error) {
	full := filepath.Join(base, filepath.FromSlash(dir))
	var found []string
	for _, ext := range []string{".parquet", ".csv", ".csv.gz"} {
		if st, err := os.Stat(filepath.Join(full, name+ext)); err == nil && !st.IsDir() {
			found = append(found, dir+"/"+name+ext)
		}
	}
	if entries, err := os.ReadDir(filepath.Join(full, name)); err == nil {
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".") || tableFormat(n) == "" {
				continue
			}
			found = append(found, dir+"/"+name+"/"+n)
		}
		if len(found) == 0 {
			// An empty table: Spark writes a folder with _SUCCESS only.
			return nil, nil
		}
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("want the table %q as %s.parquet, %s.csv or a folder %s/ of part files, found none", name, name, name, name)
	}
	sort.Strings(found)
	if tableFormat(found[0]) != tableFormat(found[len(found)-1]) || len(found) > 1 && !strings.Contains(found[0], "/"+name+"/") {
		return nil, fmt.Errorf("table %q: want one format in one place, found %s", name, strings.Join(found, ", "))
	}
	return found, nil
}

// tableFormat is "parquet" or "csv" from a file name, "" for neither.
func tableFormat(name string) string {
	switch {
	case strings.HasSuffix(name, ".parquet"):
		return "parquet"
	case strings.HasSuffix(name, ".csv"), strings.HasSuffix(name, ".csv.gz"):
		return "csv"
	}
	return ""
}

// openResultTable opens one file of a result table (Parquet, CSV or
// gzipped CSV) with its header read; name is how errors call the file.
// The caller closes the file it returns.
func openResultTable(path, name string, lim study.Limits) (*table, io.Closer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	var t *table
	if tableFormat(name) == "parquet" {
		t, err = openParquet(f, name)
	} else {
		t, err = openActivityCSV(f, name, lim)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return t, f, nil
}

// openActivityCSV reads the header of a result table in CSV, gunzipped
// as it is read when it starts with gzip's magic bytes.
func openActivityCSV(f io.Reader, name string, lim study.Limits) (*table, error) {
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, gzipMagic) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, &ParseError{File: name, Err: err}
		}
		r = gz
	}
	t := newTable(r, name, lim, ',')
	return t, t.readHeader()
}

// openParquet opens a flat Parquet file with parquet-go: its schema's
// columns are the header.
func openParquet(f *os.File, name string) (*table, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, &ParseError{File: name, Err: fmt.Errorf("want a Parquet file: %w", err)}
	}
	var names []string
	for _, path := range pf.Schema().Columns() {
		names = append(names, strings.Join(path, "."))
	}
	t := &table{file: name}
	t.setHeader(names)
	t.src = &parquetRows{t: t, r: parquet.NewReader(pf), buf: make([]parquet.Row, 256)}
	return t, nil
}

// parquetRows are the rows of a Parquet file, every value of a column a
// reader asked for as text: strings as they are, integers in decimal,
// NULL as "". Line numbers are 1-based row numbers.
type parquetRows struct {
	t      *table
	r      *parquet.Reader
	buf    []parquet.Row
	k, at  int // rows in buf, next one to give
	n      int // rows given
	vals   []string
	nulls  []bool
	err    error // the reader's, given once buf is used up
	closed bool
}

func (p *parquetRows) next() ([]string, error) {
	for p.at == p.k {
		if p.err != nil {
			if !p.closed {
				p.closed = true
				p.r.Close()
			}
			if errors.Is(p.err, io.EOF) {
				return nil, io.EOF
			}
			return nil, &ParseError{File: p.t.file, Line: p.n + 1, Err: p.err}
		}
		p.k, p.err = p.r.ReadRows(p.buf)
		p.at = 0
		if p.k == 0 && p.err == nil {
			p.err = io.EOF
		}
	}
	rw := p.buf[p.at]
	p.at++
	p.n++
	if len(p.vals) != len(p.t.header) {
		p.vals, p.nulls = make([]string, len(p.t.header)), make([]bool, len(p.t.header))
	}
	clear(p.vals)
	clear(p.nulls)
	for _, c := range p.t.used {
		v, null, err := parquetText(rw, c)
		if err != nil {
			return nil, &ParseError{File: p.t.file, Line: p.n, Field: columnField(p.t.header[c]), Err: err}
		}
		p.vals[c], p.nulls[c] = v, null
	}
	return p.vals, nil
}

func (p *parquetRows) pos(int) (line, col int) { return p.n, 0 }

func (p *parquetRows) null(i int) bool { return p.nulls[i] }

// parquetText is the value of column c of a flat row as text, and
// whether it is NULL.
func parquetText(rw parquet.Row, c int) (s string, null bool, err error) {
	for _, v := range rw {
		if v.Column() != c {
			continue
		}
		switch {
		case v.IsNull():
			return "", true, nil
		case v.Kind() == parquet.ByteArray:
			return string(v.ByteArray()), false, nil
		case v.Kind() == parquet.Int64:
			return strconv.FormatInt(v.Int64(), 10), false, nil
		case v.Kind() == parquet.Int32:
			return strconv.FormatInt(int64(v.Int32()), 10), false, nil
		}
		return "", false, fmt.Errorf("want a string or an integer, got a %s", v.Kind())
	}
	return "", true, nil
}
