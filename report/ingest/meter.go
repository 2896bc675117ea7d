package ingest

import (
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/moocreport/moocreport/report/study"
)

// Meter counts the bytes Load reads from a study's data files, as stored
// (a gzipped log counts its compressed bytes), against the size of every
// file the study's sources match, so a long ingest can show how far it is
// and how long is left. It is safe for concurrent use: tracking logs are
// read in parallel. OULAD folders are neither counted nor in the total.
type Meter struct {
	read, total atomic.Int64
	reading     atomic.Bool
}

// Progress returns the bytes read so far, the bytes of all the files to
// read, and whether Load is still reading.
func (m *Meter) Progress() (read, total int64, reading bool) {
	return m.read.Load(), m.total.Load(), m.reading.Load()
}

// reader counts what is read through r on m; with a nil m it is r.
func (m *Meter) reader(r io.Reader) io.Reader {
	if m == nil {
		return r
	}
	return &counting{r: r, m: m}
}

type counting struct {
	r io.Reader
	m *Meter
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.m.read.Add(int64(n))
	return n, err
}

// sourceBytes adds up the sizes of the files the study's course sources
// (but OULAD folders) and surveys match, each file once. Problems are left
// to Load to report: here they only make the total smaller.
func sourceBytes(s *study.Study) int64 {
	patterns := []string{}
	for _, c := range s.Courses {
		for _, src := range c.Sources {
			if src.Format != "oulad" {
				patterns = append(patterns, src.Path)
			}
		}
	}
	for _, sv := range s.Surveys {
		patterns = append(patterns, sv.Path)
	}
	seen := map[string]bool{}
	var total int64
	for _, p := range patterns {
		paths, _ := filepath.Glob(filepath.Join(s.Dir, filepath.FromSlash(p)))
		for _, path := range paths {
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && !seen[path] {
				seen[path] = true
				total += fi.Size()
			}
		}
	}
	return total
}
