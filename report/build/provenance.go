package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/site"
)

// provenanceNote says what the combined digest is, so a reader can
// recompute it from the files, and where the full list is.
const provenanceNote = "Combined SHA-256: the SHA-256 of the folder's files in path order, each written as its path relative to the study folder, a NUL byte, the file's SHA-256 in lower-case hexadecimal and a NUL byte. " +
	"Every file with its own size and SHA-256 is listed in manifest.json, published with the report and attached to this PDF."

// provenance is the generated provenance section: what this version was
// built from, by content hash. It is one short table, a row per folder,
// whatever the number of log files; the per-file list is in the manifest.
func provenance(p *Prepared) report.Block {
	t := &report.Table{ID: "provenance-inputs", Title: "Input files, by folder", Columns: []string{"Folder", "Files", "Size", "Combined SHA-256"},
		Note:       provenanceNote,
		Definition: "Every file the build read: study definition, data, narrative and templates."}
	for _, g := range folders(append([]site.FileHash{p.StudyFH}, p.Inputs...)) {
		n, size := float64(len(g.files)), float64(g.bytes)
		t.Rows = append(t.Rows, []report.Cell{{Text: g.name}, {Text: fmt.Sprint(len(g.files)), Value: &n}, {Text: byteSize(g.bytes), Value: &size}, {Text: combinedSHA256(g.files)}})
	}
	return report.Block{Table: t}
}

// folder is the input files of one folder, sorted by path.
type folder struct {
	name  string
	files []site.FileHash
	bytes int64
}

// folders groups files by the folder that holds them, folders in path
// order; files at the top of the study folder are under "(study folder)".
func folders(files []site.FileHash) []folder {
	byDir := map[string]*folder{}
	for _, fh := range files {
		dir := path.Dir(fh.Path)
		g := byDir[dir]
		if g == nil {
			name := dir + "/"
			if dir == "." {
				name = "(study folder)"
			}
			g = &folder{name: name}
			byDir[dir] = g
		}
		g.files = append(g.files, fh)
		g.bytes += fh.Bytes
	}
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	out := make([]folder, 0, len(dirs))
	for _, d := range dirs {
		g := byDir[d]
		slices.SortFunc(g.files, func(a, b site.FileHash) int { return strings.Compare(a.Path, b.Path) })
		out = append(out, *g)
	}
	return out
}

// combinedSHA256 is the digest provenanceNote defines: SHA-256 over
// "path NUL sha256 NUL" for each file, in the order given (path order).
func combinedSHA256(files []site.FileHash) string {
	h := sha256.New()
	for _, fh := range files {
		h.Write([]byte(fh.Path + "\x00" + fh.SHA256 + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// byteSize writes n in decimal units as a reader reads sizes: "812 B",
// "342.7 kB", "12.4 MB".
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}
