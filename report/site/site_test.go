package site

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stageWith stages a version holding the given files (path → content).
func stageWith(t *testing.T, public, version string, files map[string]string) string {
	t.Helper()
	dir, err := Stage(public, version)
	if err != nil {
		t.Fatal(err)
	}
	for p, c := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func manifest(version string, built time.Time) string {
	b, _ := json.Marshal(Manifest{Version: version, Built: built, Title: "T"})
	return string(b)
}

func TestPublish(t *testing.T) {
	day := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	v1 := map[string]string{"index.html": "one", "manifest.json": manifest("1.0", day), "figures/a.svg": "<svg/>"}
	tests := []struct {
		name    string
		second  map[string]string
		force   bool
		want    Outcome
		wantErr bool
		content string // index.html after the second publish
	}{
		{name: "identical rebuild is a no-op", second: v1, want: Unchanged, content: "one"},
		{name: "different rebuild is refused and the published version stays", second: map[string]string{"index.html": "two", "manifest.json": manifest("1.0", day), "figures/a.svg": "<svg/>"}, wantErr: true, content: "one"},
		{name: "a file gone counts as a difference", second: map[string]string{"index.html": "one", "manifest.json": manifest("1.0", day)}, wantErr: true, content: "one"},
		{name: "force replaces a different version", second: map[string]string{"index.html": "two", "manifest.json": manifest("1.0", day)}, force: true, want: Replaced, content: "two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			public := t.TempDir()
			out, err := Publish(public, "1.0", stageWith(t, public, "1.0", v1), false)
			if err != nil || out != Published {
				t.Fatalf("first publish: %v, %v", out, err)
			}
			out, err = Publish(public, "1.0", stageWith(t, public, "1.0", tt.second), tt.force)
			if tt.wantErr {
				if !errors.Is(err, ErrChanged) {
					t.Fatalf("err = %v, want ErrChanged", err)
				}
				if !strings.Contains(err.Error(), "--force") {
					t.Errorf("error %q does not tell how to proceed", err)
				}
			} else if err != nil || out != tt.want {
				t.Fatalf("second publish: %v, %v; want %v", out, err, tt.want)
			}
			b, err := os.ReadFile(filepath.Join(public, "1.0", "index.html"))
			if err != nil || string(b) != tt.content {
				t.Errorf("index.html = %q, %v; want %q", b, err, tt.content)
			}
			left, _ := filepath.Glob(filepath.Join(public, ".staging-*"))
			if len(left) != 0 {
				t.Errorf("staging folders left behind: %v", left)
			}
		})
	}
}

func TestVersionsNewestFirstAndLatest(t *testing.T) {
	public := t.TempDir()
	for i, v := range []string{"1.0", "2.0", "1.1"} {
		built := time.Date(2026, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC)
		if _, err := Publish(public, v, stageWith(t, public, v, map[string]string{"manifest.json": manifest(v, built), "index.html": v}), false); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(public, "not-a-version"), 0o755); err != nil {
		t.Fatal(err)
	}
	vs, err := Versions(public)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range vs {
		got = append(got, m.Version)
	}
	if strings.Join(got, " ") != "1.1 2.0 1.0" {
		t.Fatalf("versions = %v, want newest build first: 1.1 2.0 1.0", got)
	}
	for _, v := range []string{"2.0", "1.1"} {
		if err := UpdateLatest(public, v); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(public, "latest", "index.html"))
		if err != nil || string(b) != v {
			t.Errorf("latest/index.html = %q, %v; want %q", b, err, v)
		}
	}
}

func TestWriteFileReplacesWhole(t *testing.T) {
	p := filepath.Join(t.TempDir(), "index.html")
	for _, c := range []string{"first, longer content", "second"} {
		if err := WriteFile(p, []byte(c)); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != c {
			t.Errorf("content = %q, want %q", b, c)
		}
	}
}
