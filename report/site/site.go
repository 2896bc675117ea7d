// Package site publishes built versions under public/ and keeps the
// published tree consistent: one immutable folder per version, an index of
// all versions, and latest/ mirroring the newest.
//
// Every change is staged in a folder beside its target and swapped in with
// renames, so a failed or interrupted build never damages a version that
// was already published.
package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Manifest is manifest.json: what a version was built from and by what.
type Manifest struct {
	Study     string     `json:"study"`
	Title     string     `json:"title"`
	Version   string     `json:"version"`
	Summary   string     `json:"summary,omitempty"`
	Tool      string     `json:"tool"`
	Built     time.Time  `json:"built"`
	StudyFile FileHash   `json:"study_file"`
	Inputs    []FileHash `json:"inputs"`
}

// FileHash identifies one input file by content.
type FileHash struct {
	Path   string `json:"path"` // relative to the study directory, slash-separated
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// ErrChanged is returned when a published version would change.
var ErrChanged = errors.New("version already published with different content")

// Outcome says what Publish did.
type Outcome int

// Outcomes of Publish.
const (
	Published Outcome = iota // a new version
	Unchanged                // identical to the published version: nothing written
	Replaced                 // different, replaced because force was set
)

func (o Outcome) String() string {
	return [...]string{"published", "unchanged (identical to the published version)", "replaced (--force)"}[o]
}

// Stage makes an empty folder in public for building version into; the
// caller fills it and passes it to Publish, or removes it on failure.
func Stage(public, version string) (string, error) {
	if err := os.MkdirAll(public, 0o755); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(public, ".staging-"+version+"-")
	if err != nil {
		return "", err
	}
	return dir, os.Chmod(dir, 0o755)
}

// Publish makes the staged folder public/<version>. A version that exists
// with identical files is left as it is; with different files, it is
// replaced only when force is set, otherwise ErrChanged names what differs.
// The staged folder is consumed either way.
func Publish(public, version, staged string, force bool) (Outcome, error) {
	defer os.RemoveAll(staged)
	target := filepath.Join(public, version)
	if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
		return Published, os.Rename(staged, target)
	}
	diff, err := Diff(target, staged)
	if err != nil {
		return 0, err
	}
	if len(diff) == 0 {
		return Unchanged, nil
	}
	if !force {
		more := ""
		if len(diff) > 5 {
			more = fmt.Sprintf(" and %d more", len(diff)-5)
			diff = diff[:5]
		}
		return 0, fmt.Errorf("%s: %w (%s%s); published versions are immutable: change version in study.yaml, or pass --force to replace it", target, ErrChanged, strings.Join(diff, ", "), more)
	}
	return Replaced, swap(staged, target)
}

// swap replaces target by staged with two renames, restoring target if the
// second fails.
func swap(staged, target string) error {
	old := target + ".old"
	os.RemoveAll(old)
	if err := os.Rename(target, old); err != nil {
		return err
	}
	if err := os.Rename(staged, target); err != nil {
		if rerr := os.Rename(old, target); rerr != nil {
			return fmt.Errorf("%w; restoring %s also failed: %v", err, target, rerr)
		}
		return err
	}
	return os.RemoveAll(old)
}

// Diff lists the relative paths that differ between two trees: missing on
// either side or with different bytes. It is empty for identical trees.
func Diff(a, b string) ([]string, error) {
	fa, err := files(a)
	if err != nil {
		return nil, err
	}
	fb, err := files(b)
	if err != nil {
		return nil, err
	}
	var diff []string
	for p := range union(fa, fb) {
		if _, ok := fa[p]; !ok {
			diff = append(diff, p+" (new)")
			continue
		}
		if _, ok := fb[p]; !ok {
			diff = append(diff, p+" (gone)")
			continue
		}
		x, err := os.ReadFile(filepath.Join(a, p))
		if err != nil {
			return nil, err
		}
		y, err := os.ReadFile(filepath.Join(b, p))
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(x, y) {
			diff = append(diff, p)
		}
	}
	sort.Strings(diff)
	return diff, nil
}

func files(root string) (map[string]bool, error) {
	out := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = true
		return nil
	})
	return out, err
}

func union(a, b map[string]bool) map[string]bool {
	u := map[string]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// ReadManifest reads a published version's manifest.json.
func ReadManifest(versionDir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(versionDir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(versionDir, "manifest.json"), err)
	}
	return &m, nil
}

// Versions lists the published versions, newest build first (ties by
// version, descending). Folders without a readable manifest are not
// versions (staging folders, latest/).
func Versions(public string) ([]Manifest, error) {
	entries, err := os.ReadDir(public)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var out []Manifest
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "latest" || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		m, err := ReadManifest(filepath.Join(public, e.Name()))
		if err != nil || m.Version != e.Name() {
			continue
		}
		out = append(out, *m)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Built.Equal(out[j].Built) {
			return out[i].Built.After(out[j].Built)
		}
		return out[i].Version > out[j].Version
	})
	return out, nil
}

// UpdateLatest makes public/latest a copy of public/<version>. A copy, not
// a symbolic link, so the tree survives being zipped, uploaded or opened
// from file://; pages link relatively, so the copy works as it is.
func UpdateLatest(public, version string) error {
	staged, err := Stage(public, "latest")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staged)
	src := filepath.Join(public, version)
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(staged, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return err
	}
	target := filepath.Join(public, "latest")
	if _, err := os.Stat(target); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staged, target)
	}
	return swap(staged, target)
}

// WriteFile writes a file by way of a temporary file and a rename, so a
// reader never sees half of it.
func WriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
