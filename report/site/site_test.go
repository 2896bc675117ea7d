package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var day = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

// stageWith stages a version holding the given files (path → content).
func stageWith(t testing.TB, public string, files map[string]string) *Stage {
	t.Helper()
	st, err := NewStage(public)
	if err != nil {
		t.Fatal(err)
	}
	for p, c := range files {
		full := filepath.Join(st.Dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// version is the files of a version: a manifest and one page.
func version(v string, built time.Time, page string) map[string]string {
	b, _ := json.Marshal(Manifest{Version: v, Built: built, Title: "T"})
	return map[string]string{"manifest.json": string(b), "index.html": page, "figures/a.svg": "<svg/>"}
}

// listIndex is a test index page: one line per version.
func listIndex(vs []Manifest) ([]byte, error) {
	var b strings.Builder
	for _, m := range vs {
		fmt.Fprintf(&b, "%s %s\n", m.Version, m.Built.Format(time.RFC3339))
	}
	return []byte(b.String()), nil
}

// publish stages files and publishes them as version v.
func publish(t testing.TB, public, v string, files map[string]string, force bool) (Outcome, error) {
	t.Helper()
	st := stageWith(t, public, files)
	defer st.Discard()
	return Publish(st, v, force, listIndex)
}

// tree maps every file under root to its content, leaving out this
// package's hidden files; a missing root gives an empty map.
func tree(t testing.TB, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == root {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if strings.HasPrefix(rel, ".moocreport-") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			m[filepath.ToSlash(rel)] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func same(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// sub is the part of a tree under dir/.
func sub(m map[string]string, dir string) map[string]string {
	out := map[string]string{}
	for p, c := range m {
		if rest, ok := strings.CutPrefix(p, dir+"/"); ok {
			out[rest] = c
		}
	}
	return out
}

// leftovers lists what publishing may leave only while it runs.
func leftovers(public string) []string {
	left, _ := filepath.Glob(filepath.Join(public, ".moocreport-stage-*"))
	if exists(filepath.Join(public, journalName)) {
		left = append(left, journalName)
	}
	return left
}

func TestPublish(t *testing.T) {
	v1 := version("1.0", day, "one")
	tests := []struct {
		name     string
		second   map[string]string
		force    bool
		want     Outcome
		wantDiff string // the ChangedError's list, when refused
		content  string // index.html after the second publish
	}{
		{name: "identical rebuild is a no-op", second: v1, want: Unchanged, content: "one"},
		{name: "different rebuild is refused and the published version stays", second: version("1.0", day, "two"), wantDiff: "index.html", content: "one"},
		{name: "a file gone counts as a difference", second: map[string]string{"index.html": "one", "manifest.json": v1["manifest.json"]}, wantDiff: "figures/a.svg (gone)", content: "one"},
		{name: "force replaces a different version", second: version("1.0", day, "two"), force: true, want: Replaced, content: "two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			public := t.TempDir()
			if out, err := publish(t, public, "1.0", v1, false); err != nil || out != Published {
				t.Fatalf("first publish: %v, %v", out, err)
			}
			before := tree(t, public)
			out, err := publish(t, public, "1.0", tt.second, tt.force)
			if tt.wantDiff != "" {
				var ce *ChangedError
				if !errors.Is(err, ErrChanged) || !errors.As(err, &ce) || strings.Join(ce.Diff, ", ") != tt.wantDiff {
					t.Fatalf("err = %v, want ErrChanged listing %s", err, tt.wantDiff)
				}
				if !same(before, tree(t, public)) {
					t.Errorf("a refused publish changed public/")
				}
			} else if err != nil || out != tt.want {
				t.Fatalf("second publish: %v, %v; want %v", out, err, tt.want)
			}
			for _, dir := range []string{"1.0", Latest} {
				b, err := os.ReadFile(filepath.Join(public, dir, "index.html"))
				if err != nil || string(b) != tt.content {
					t.Errorf("%s/index.html = %q, %v; want %q", dir, b, err, tt.content)
				}
			}
			if left := leftovers(public); len(left) != 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

func TestVersionsNewestFirstAndLatest(t *testing.T) {
	public := t.TempDir()
	for i, v := range []string{"1.0", "2.0", "1.1"} {
		built := time.Date(2026, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC)
		if _, err := publish(t, public, v, version(v, built, v), false); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(public, Latest, "index.html")); string(b) != v {
			t.Errorf("after publishing %s, latest/index.html = %q", v, b)
		}
	}
	// A version built earlier than the newest is listed but not latest.
	if _, err := publish(t, public, "0.9", version("0.9", day.AddDate(-1, 0, 0), "0.9"), false); err != nil {
		t.Fatal(err)
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
	if strings.Join(got, " ") != "1.1 2.0 1.0 0.9" {
		t.Fatalf("versions = %v, want newest build first: 1.1 2.0 1.0 0.9", got)
	}
	if b, _ := os.ReadFile(filepath.Join(public, Latest, "index.html")); string(b) != "1.1" {
		t.Errorf("latest/index.html = %q, want 1.1", b)
	}
	want, _ := listIndex(vs)
	if b, _ := os.ReadFile(filepath.Join(public, Index)); string(b) != string(want) {
		t.Errorf("index.html = %q, want %q", b, want)
	}
}

// TestForceTouchesOnlyItsOwn: -force once deleted any "<version>.old"
// folder, a published version so named included, and "latest.old".
func TestForceTouchesOnlyItsOwn(t *testing.T) {
	public := t.TempDir()
	for _, v := range []string{"1.0", "1.0.old", "latest.old"} {
		if _, err := publish(t, public, v, version(v, day, v), false); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{".staging-1.0-123", "1.0.new", ".hidden"} {
		if err := os.MkdirAll(filepath.Join(public, dir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(public, dir, "keep"), []byte(dir), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := tree(t, public)
	if out, err := publish(t, public, "1.0", version("1.0", day, "forced"), true); err != nil || out != Replaced {
		t.Fatalf("forced publish: %v, %v", out, err)
	}
	after := tree(t, public)
	for p, c := range before {
		if !strings.HasPrefix(p, "1.0/") && p != Index && !strings.HasPrefix(p, Latest+"/") && after[p] != c {
			t.Errorf("forcing 1.0 changed or removed %s", p)
		}
	}
	if after["1.0/index.html"] != "forced" {
		t.Errorf("1.0/index.html = %q, want the forced content", after["1.0/index.html"])
	}
}

// TestRefusesWhatIsNotAVersion: a folder that merely has a version's name
// is not replaced, even with force, nor is a reserved name published.
func TestRefusesWhatIsNotAVersion(t *testing.T) {
	public := t.TempDir()
	if err := os.MkdirAll(filepath.Join(public, "1.0"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(public, "1.0", "notes.txt"), []byte("mine"), 0o644)
	if _, err := publish(t, public, "1.0", version("1.0", day, "x"), true); err == nil || !strings.Contains(err.Error(), "is not a published version") {
		t.Errorf("publishing over a folder that is not a version: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(public, "1.0", "notes.txt")); string(b) != "mine" {
		t.Errorf("the folder was changed")
	}
	for _, v := range []string{Latest, Draft, Index, ".x", "a/b"} {
		if _, err := publish(t, public, v, version(v, day, "x"), true); err == nil {
			t.Errorf("published reserved or unsafe version %q", v)
		}
	}
}

// TestFailureBeforeCommitChangesNothing: when the index or latest/ cannot
// be written (a full disk), the version is not published either.
func TestFailureBeforeCommitChangesNothing(t *testing.T) {
	public := t.TempDir()
	if _, err := publish(t, public, "1.0", version("1.0", day, "one"), false); err != nil {
		t.Fatal(err)
	}
	before := tree(t, public)
	st := stageWith(t, public, version("2.0", day.AddDate(0, 0, 1), "two"))
	defer st.Discard()
	full := errors.New("no space left on device")
	_, err := Publish(st, "2.0", false, func([]Manifest) ([]byte, error) { return nil, full })
	if !errors.Is(err, full) {
		t.Fatalf("err = %v, want the index's error", err)
	}
	if !same(before, tree(t, public)) {
		t.Errorf("a publish that failed before its commit changed public/")
	}
}

func TestDraft(t *testing.T) {
	public := t.TempDir()
	if _, err := publish(t, public, "1.0", version("1.0", day, "one"), false); err != nil {
		t.Fatal(err)
	}
	before := tree(t, public)
	for _, page := range []string{"draft one", "draft two"} {
		st := stageWith(t, public, version("1.0", day, page))
		if err := PublishDraft(st); err != nil {
			t.Fatal(err)
		}
		st.Discard()
		if b, _ := os.ReadFile(filepath.Join(public, Draft, "index.html")); string(b) != page {
			t.Errorf("draft/index.html = %q, want %q", b, page)
		}
	}
	after := tree(t, public)
	for p, c := range before {
		if after[p] != c {
			t.Errorf("publishing a draft changed %s", p)
		}
	}
	vs, _ := Versions(public)
	if len(vs) != 1 || vs[0].Version != "1.0" {
		t.Errorf("versions = %+v, want only 1.0", vs)
	}
	if left := leftovers(public); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestConcurrentPublishes: builds publishing at the same time each see a
// consistent public/, and all their versions end up listed.
func TestConcurrentPublishes(t *testing.T) {
	public := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			v := fmt.Sprintf("1.%d", i)
			st, err := NewStage(public)
			if err != nil {
				errs[i] = err
				return
			}
			defer st.Discard()
			for p, c := range version(v, day.Add(time.Duration(i)*time.Hour), v) {
				os.MkdirAll(filepath.Dir(filepath.Join(st.Dir, p)), 0o755)
				os.WriteFile(filepath.Join(st.Dir, p), []byte(c), 0o644)
			}
			_, errs[i] = Publish(st, v, false, listIndex)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	vs, _ := Versions(public)
	want, _ := listIndex(vs)
	if b, _ := os.ReadFile(filepath.Join(public, Index)); len(vs) != 6 || string(b) != string(want) {
		t.Errorf("index.html = %q with %d versions, want all 6 listed", b, len(vs))
	}
	if b, _ := os.ReadFile(filepath.Join(public, Latest, "index.html")); string(b) != "1.5" {
		t.Errorf("latest/index.html = %q, want 1.5", b)
	}
	if left := leftovers(public); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestRestoresStrandedVersion: the previous tool, killed during -force,
// left version 1.0 as "1.0.old" and no "1.0"; the next run puts it back.
// A version really named "1.0.old", or an old copy beside its version, is
// left alone.
func TestRestoresStrandedVersion(t *testing.T) {
	public := t.TempDir()
	for _, v := range []string{"1.0", "2.0", "2.0.old", "3.0"} {
		if _, err := publish(t, public, v, version(v, day, "page of "+v), false); err != nil {
			t.Fatal(err)
		}
	}
	linkTree(filepath.Join(public, "3.0"), filepath.Join(public, "3.0.old"))
	if err := os.Rename(filepath.Join(public, "1.0"), filepath.Join(public, "1.0.old")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, public)
	if err := Recover(public); err != nil {
		t.Fatal(err)
	}
	after := tree(t, public)
	if !same(sub(after, "1.0"), sub(before, "1.0.old")) || len(sub(after, "1.0.old")) != 0 {
		t.Errorf("1.0 was not restored from 1.0.old")
	}
	for _, dir := range []string{"2.0", "2.0.old", "3.0", "3.0.old"} {
		if !same(sub(after, dir), sub(before, dir)) {
			t.Errorf("%s changed", dir)
		}
	}
}

// TestSame agrees with Diff on whether two trees are the same, for copies,
// hard links and every kind of difference, manifest.json included.
func TestSame(t *testing.T) {
	base := map[string]string{"manifest.json": `{"v":1}`, "index.html": "<p>a</p>", "data/t.csv": "x,y\n1,2\n", "figures/f.svg": "<svg/>"}
	for _, tc := range []struct {
		name string
		edit func(dir string)
		link bool // b's files are hard links to a's
	}{
		{"copies", func(string) {}, false},
		{"links", func(string) {}, true},
		{"a byte of the manifest", func(d string) { os.WriteFile(filepath.Join(d, "manifest.json"), []byte(`{"v":2}`), 0o644) }, false},
		{"a byte of a page, same size", func(d string) { os.WriteFile(filepath.Join(d, "index.html"), []byte("<p>b</p>"), 0o644) }, false},
		{"a longer data file", func(d string) { os.WriteFile(filepath.Join(d, "data/t.csv"), []byte("x,y\n1,2\n3,4\n"), 0o644) }, false},
		{"a file gone", func(d string) { os.Remove(filepath.Join(d, "figures/f.svg")) }, false},
		{"a file more", func(d string) { os.WriteFile(filepath.Join(d, "figures/g.svg"), []byte("<svg/>"), 0o644) }, false},
		{"a file renamed", func(d string) { os.Rename(filepath.Join(d, "data/t.csv"), filepath.Join(d, "data/u.csv")) }, false},
		{"the manifest gone", func(d string) { os.Remove(filepath.Join(d, "manifest.json")) }, false},
		{"the manifest a folder", func(d string) {
			os.Remove(filepath.Join(d, "manifest.json"))
			os.Mkdir(filepath.Join(d, "manifest.json"), 0o755)
		}, false},
	} {
		a, b := t.TempDir(), t.TempDir()
		for name, body := range base {
			for _, root := range []string{a, b} {
				os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755)
			}
			if err := os.WriteFile(filepath.Join(a, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.link {
				if err := os.Link(filepath.Join(a, name), filepath.Join(b, name)); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(filepath.Join(b, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		tc.edit(b)
		diff, err := Diff(a, b)
		if err != nil {
			t.Fatal(err)
		}
		same, err := Same(a, b)
		if err != nil {
			t.Fatal(err)
		}
		if same != (len(diff) == 0) {
			t.Errorf("%s: Same = %t, Diff = %q", tc.name, same, diff)
		}
	}
}
