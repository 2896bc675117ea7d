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

// rowFunc receives one row of a table: its values by the columns asked
// for ("" for NULL) and its line (CSV) or 1-based row number (Parquet).
type rowFunc func(vals []string, line int) error

// readTableFile reads one file of a result table, calling row for each
// row with the values of columns, which the file must all have.
func readTableFile(path, name string, lim study.Limits, columns []string, row rowFunc) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if tableFormat(name) == "parquet" {
		return readParquet(f, name, columns, row)
	}
	return readActivityCSV(f, name, lim, columns, row)
}

func readActivityCSV(f io.Reader, name string, lim study.Limits, columns []string, row rowFunc) error {
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, gzipMagic) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return &ParseError{File: name, Err: err}
		}
		defer gz.Close()
		r = gz
	}
	t := newTable(r, name, lim, ',')
	if err := t.readHeader(); err != nil {
		return err
	}
	col, err := t.columns(columns...)
	if err != nil {
		return err
	}
	vals := make([]string, len(columns))
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		for i, c := range col {
			vals[i] = rec[c]
		}
		if err := row(vals, t.line()); err != nil {
			return err
		}
	}
	return nil
}

// readParquet reads a flat Parquet file with parquet-go, every value as
// text: strings as they are, integers in decimal, NULL as "".
func readParquet(f *os.File, name string, columns []string, row rowFunc) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return &ParseError{File: name, Err: fmt.Errorf("want a Parquet file: %w", err)}
	}
	index := map[string]int{}
	for i, path := range pf.Schema().Columns() {
		index[strings.Join(path, ".")] = i
	}
	col := make([]int, len(columns))
	for i, c := range columns {
		j, ok := index[c]
		if !ok {
			return &ParseError{File: name, Field: columnField(c), Err: ErrMissingColumn}
		}
		col[i] = j
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	rows := make([]parquet.Row, 256)
	vals := make([]string, len(columns))
	n := 0
	for {
		k, err := r.ReadRows(rows)
		for _, rw := range rows[:k] {
			n++
			for i, c := range col {
				v, verr := parquetText(rw, c)
				if verr != nil {
					return &ParseError{File: name, Line: n, Field: columnField(columns[i]), Err: verr}
				}
				vals[i] = v
			}
			if rerr := row(vals, n); rerr != nil {
				return rerr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &ParseError{File: name, Line: n + 1, Err: err}
		}
	}
}

// parquetText is the value of column c of a flat row as text.
func parquetText(rw parquet.Row, c int) (string, error) {
	for _, v := range rw {
		if v.Column() != c {
			continue
		}
		switch {
		case v.IsNull():
			return "", nil
		case v.Kind() == parquet.ByteArray:
			return string(v.ByteArray()), nil
		case v.Kind() == parquet.Int64:
			return strconv.FormatInt(v.Int64(), 10), nil
		case v.Kind() == parquet.Int32:
			return strconv.FormatInt(int64(v.Int32()), 10), nil
		}
		return "", fmt.Errorf("want a string or an integer, got a %s", v.Kind())
	}
	return "", nil
}
