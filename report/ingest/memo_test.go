package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fakeHasher answers HashFile from a table, as a build that hashed its
// inputs already does.
type fakeHasher map[string]string

func (h fakeHasher) HashFile(name string) (string, int64, error) {
	sum, ok := h[name]
	if !ok {
		return "", 0, errors.New("no such input")
	}
	return sum, int64(len(sum)), nil
}

// TestTrackingKeyTakesHashes: given a FileHasher, the tracking memo's key
// is made of the files' hashes, without opening the files (those named
// here do not exist), and changes when a hash does; without one, it reads
// the files and gives no key for a missing one.
func TestTrackingKeyTakesHashes(t *testing.T) {
	dir := t.TempDir()
	c := &Course{Key: "k", ID: "course-v1:X+Y+Z", Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Salt: "s"}
	names := []string{"logs/a.gz", "logs/b.gz"}
	h := fakeHasher{"logs/a.gz": "aa", "logs/b.gz": "bb"}
	key, size := trackingKey(dir, names, c, TrackingOptions{}, h)
	if key == "" || size != 4 {
		t.Fatalf("key %q, size %d from hashes alone; want a key and 4 bytes", key, size)
	}
	h["logs/b.gz"] = "bc"
	if other, _ := trackingKey(dir, names, c, TrackingOptions{}, h); other == key {
		t.Error("the key did not change with a file's hash")
	}
	delete(h, "logs/b.gz")
	if k, _ := trackingKey(dir, names, c, TrackingOptions{}, h); k != "" {
		t.Errorf("key %q when a file cannot be hashed; want none", k)
	}
	if k, _ := trackingKey(dir, names, c, TrackingOptions{}, nil); k != "" {
		t.Errorf("key %q without a hasher for missing files; want none", k)
	}
	for _, n := range names {
		os.MkdirAll(filepath.Join(dir, "logs"), 0o755)
		os.WriteFile(filepath.Join(dir, n), []byte(n), 0o644)
	}
	if k, size := trackingKey(dir, names, c, TrackingOptions{}, nil); k == "" || size != 18 {
		t.Errorf("key %q, size %d reading the files; want a key and 18 bytes", k, size)
	}
}
