package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/moocreport/moocreport/internal/par"
	"github.com/moocreport/moocreport/internal/rfile"
)

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
		eq, err := sameBytes(filepath.Join(a, p), filepath.Join(b, p))
		if err != nil {
			return nil, err
		}
		if !eq {
			diff = append(diff, p)
		}
	}
	sort.Strings(diff)
	return diff, nil
}

// Same reports whether two trees hold the same files with the same bytes:
// Diff is empty. It stops at the first difference, and looks at
// manifest.json first, which names the build and every input's hash and so
// differs whenever a build changed anything it records: publishing asks
// whether a version or latest/ changed at all, and comparing a hundred
// unchanged files (two system calls each) before finding that was a good
// part of a rebuild's publishing.
func Same(a, b string) (bool, error) {
	const manifestName = "manifest.json"
	// Two manifests that differ answer without listing either tree.
	if eq, err := sameBytes(filepath.Join(a, manifestName), filepath.Join(b, manifestName)); err == nil && !eq {
		return false, nil
	}
	fa, err := files(a)
	if err != nil {
		return false, err
	}
	fb, err := files(b)
	if err != nil {
		return false, err
	}
	if len(fa) != len(fb) {
		return false, nil
	}
	names := make([]string, 0, len(fa))
	for p := range fa {
		if !fb[p] {
			return false, nil
		}
		names = append(names, p)
	}
	sort.Slice(names, func(i, j int) bool { // manifest.json first, then by name
		if (names[i] == manifestName) != (names[j] == manifestName) {
			return names[i] == manifestName
		}
		return names[i] < names[j]
	})
	for _, p := range names {
		eq, err := sameBytes(filepath.Join(a, p), filepath.Join(b, p))
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

// sameBytes reports whether two files hold the same bytes: one file
// linked into both trees, or equal sizes and contents (files of
// different sizes are not read).
func sameBytes(x, y string) (bool, error) {
	same, sizes := compareStat(x, y)
	if same || sizes {
		return same, nil
	}
	bx, err := os.ReadFile(x)
	if err != nil {
		return false, err
	}
	by, err := os.ReadFile(y)
	if err != nil {
		return false, err
	}
	return bytes.Equal(bx, by), nil
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

// compareStat says whether two paths name one file (hard links to it), or
// two regular files of different sizes.
func compareStat(a, b string) (same, sizes bool) {
	fa, err := os.Lstat(a)
	if err != nil {
		return false, false
	}
	fb, err := os.Lstat(b)
	if err != nil || !fa.Mode().IsRegular() || !fb.Mode().IsRegular() {
		return false, false
	}
	return os.SameFile(fa, fb), fa.Size() != fb.Size()
}

// sameFile says whether two paths name one file (hard links to it).
func sameFile(a, b string) bool {
	fa, err := os.Lstat(a)
	if err != nil {
		return false
	}
	fb, err := os.Lstat(b)
	return err == nil && fa.Mode().IsRegular() && os.SameFile(fa, fb)
}

// linkTree makes dst (which must not exist) a copy of the tree src whose
// files are hard links to src's: the same bytes as a copy, at the cost of
// a directory entry each instead of writing and syncing every file again.
// A file that cannot be linked (a file system without hard links) is
// copied and synced. The folders are left to the caller to sync (see
// Stage.syncLater): the tree is on disk once they and src's files are.
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.Mkdir(to, 0o755)
		}
		if os.Link(p, to) == nil {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeSynced(to, b)
	})
}

// writeNew writes a new file, not synced.
func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeSynced writes a new file and syncs it to disk.
func writeSynced(path string, b []byte) error {
	if err := writeNew(path, b); err != nil {
		return err
	}
	return syncPath(path)
}

// treePaths lists every file and folder of a tree that a sync must make
// durable, so what the journal says is complete really is, even across a
// power cut: all but the files in onDisk, links to files synced before
// (Stage.WriteFile), which syncing the folders that name them makes
// durable.
func treePaths(root string, onDisk map[string]bool) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !onDisk[p] {
			paths = append(paths, p)
		}
		return err
	})
	return paths, err
}

// syncAll syncs the files and folders at paths to disk, sixteen at a
// time: the file system commits syncs in flight together, so a version of
// a hundred files is on disk in a fraction of the time one after the
// other takes. The error returned is the first in paths' order.
func syncAll(paths []string) error {
	return par.Each(len(paths), 16, func(i int) error { return syncPath(paths[i]) })
}

// syncDir syncs a folder, making the renames inside it durable.
func syncDir(dir string) error { return syncPath(dir) }

// syncPath syncs one file or folder to disk.
func syncPath(path string) error {
	f, err := rfile.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// exists says whether path exists; any error other than "does not exist"
// counts as existing, so a doubtful path is never overwritten.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil || !os.IsNotExist(err)
}
