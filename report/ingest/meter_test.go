package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/moocreport/moocreport/report/study"
)

// TestMeter: LoadMetered counts every byte of every data file it reads,
// gzipped logs by their stored size, against a total known before it
// starts; Load and a nil meter count nothing.
func TestMeter(t *testing.T) {
	s, err := study.Load("testdata/tiny/study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m Meter
	ds, err := LoadMetered(s, &m)
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	for _, in := range ds.Inputs {
		fi, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(in)))
		if err != nil {
			t.Fatal(err)
		}
		want += fi.Size()
	}
	read, total, reading := m.Progress()
	if read != want || total != want || reading {
		t.Errorf("meter: read %d of %d (reading %v), want %d of %d bytes of %d files, done", read, total, reading, want, want, len(ds.Inputs))
	}
	if _, err := LoadMetered(s, nil); err != nil {
		t.Fatal(err)
	}
}
