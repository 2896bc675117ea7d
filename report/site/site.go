// Package site publishes built versions under public/ and keeps the
// published tree consistent: one immutable folder per version, an index of
// all versions, latest/ mirroring the newest, and draft/ for previews.
//
// A build renders into a Stage, a hidden working folder of its own inside
// public/. Publishing then happens under a lock on public/, in two phases:
// everything that will change (the version, latest/, index.html) is first
// written completely into the stage, and only then a journal names the
// stage and a few renames swap it in. A crash before the journal leaves
// public/ as it was; a crash after it is finished by the next run
// (Recover), which repeats the renames that are still to do. Nothing is
// ever deleted in public/ except inside a stage whose owner is gone.
package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/moocreport/moocreport/internal/rfile"
)

// Manifest is manifest.json: what a version was built from and by what.
type Manifest struct {
	Study     string     `json:"study"`
	Title     string     `json:"title"`
	Version   string     `json:"version"`
	Draft     bool       `json:"draft,omitempty"` // public/draft/: a preview of Version, not Version
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

// The names in public/ that are not versions: the copy of the newest
// version, the draft, and the list of versions.
const (
	Latest = "latest"
	Draft  = "draft"
	Index  = "index.html"
)

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

// readManifestHead reads a version's manifest.json without its list of
// inputs (nor the study file's hash), which is most of it: what tells the
// version, its build and its summary.
func readManifestHead(versionDir string) (*Manifest, error) {
	b, err := rfile.ReadFile(filepath.Join(versionDir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var h struct {
		Manifest
		// These shadow the manifest's own: kept as they are, not decoded.
		StudyFile json.RawMessage `json:"study_file"`
		Inputs    json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(versionDir, "manifest.json"), err)
	}
	return &h.Manifest, nil
}

// Versions lists the published versions, newest build first (ties by
// version, descending), each manifest without its inputs (see
// readManifestHead). Folders without a readable manifest naming the
// folder are not versions (stages, latest/, draft/).
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
		if !e.IsDir() || e.Name() == Latest || e.Name() == Draft || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		m, err := readManifestHead(filepath.Join(public, e.Name()))
		if err != nil || m.Version != e.Name() || m.Draft {
			continue
		}
		out = append(out, *m)
	}
	sortVersions(out)
	return out, nil
}

// sortVersions orders manifests newest build first, ties by version
// descending.
func sortVersions(ms []Manifest) {
	sort.SliceStable(ms, func(i, j int) bool {
		if !ms[i].Built.Equal(ms[j].Built) {
			return ms[i].Built.After(ms[j].Built)
		}
		return ms[i].Version > ms[j].Version
	})
}
