package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestReadManifestHead: a version's manifest read without its inputs has
// every other field as ReadManifest reads it, and no inputs.
func TestReadManifestHead(t *testing.T) {
	dir := t.TempDir()
	m := Manifest{Study: "s", Title: "T", Version: "1.0", Draft: true, Summary: "first", Tool: "moocreport v0", Built: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
		StudyFile: FileHash{Path: "study.yaml", SHA256: "ab", Bytes: 3}, Inputs: []FileHash{{Path: "data/a.csv", SHA256: "cd", Bytes: 9}}}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	full, err := ReadManifest(dir)
	if err != nil || !reflect.DeepEqual(*full, m) {
		t.Fatalf("ReadManifest = %+v, %v; want %+v", full, err, m)
	}
	head, err := readManifestHead(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := m
	want.StudyFile, want.Inputs = FileHash{}, nil
	if !reflect.DeepEqual(*head, want) {
		t.Errorf("readManifestHead = %+v, want %+v", *head, want)
	}
}
