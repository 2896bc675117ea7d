package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestHolds: holds compares a file with bytes a buffer at a time, so the
// sizes around the buffer's (64 KiB) and a difference in any piece count.
func TestHolds(t *testing.T) {
	const buf = 64 << 10
	dir := t.TempDir()
	for _, tc := range []struct {
		name       string
		size       int
		differAt   int // -1: the same bytes
		longerFile bool
		want       bool
	}{
		{"empty", 0, -1, false, true},
		{"small, same", 100, -1, false, true},
		{"exactly one buffer", buf, -1, false, true},
		{"two buffers and a byte", 2*buf + 1, -1, false, true},
		{"last byte of the first buffer differs", 2 * buf, buf - 1, false, false},
		{"last byte differs", 2*buf + 1, 2 * buf, false, false},
		{"file one byte longer", buf, -1, true, false},
	} {
		data := bytes.Repeat([]byte("abcdefg"), tc.size/7+1)[:tc.size]
		file := bytes.Clone(data)
		if tc.differAt >= 0 {
			file[tc.differAt] ^= 1
		}
		if tc.longerFile {
			file = append(file, 'x')
		}
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, file, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, got := holds(path, data); got != tc.want {
			t.Errorf("%s: holds = %t, want %t", tc.name, got, tc.want)
		}
	}
	if _, got := holds(filepath.Join(dir, "missing"), nil); got {
		t.Error("a missing file holds nothing")
	}
}
