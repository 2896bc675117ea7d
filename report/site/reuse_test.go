package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLatestSharesTheNewestFiles: latest/ holds the newest version's bytes
// as hard links to its files, not copies, and an older version keeps its
// own files when latest/ moves on.
func TestLatestSharesTheNewestFiles(t *testing.T) {
	public := t.TempDir()
	for i, v := range []string{"1.0", "2.0"} {
		if _, err := publish(t, public, v, version(v, day.AddDate(0, 0, i), "page of "+v), false); err != nil {
			t.Fatal(err)
		}
		if !sameFile(filepath.Join(public, Latest, "index.html"), filepath.Join(public, v, "index.html")) {
			t.Errorf("after publishing %s, latest/index.html is not %s/index.html", v, v)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(public, "1.0", "index.html")); string(b) != "page of 1.0" {
		t.Errorf("1.0/index.html = %q after 2.0 became latest", b)
	}
}

// TestWriteFileReuses: a staged file with the bytes of the published one
// is a link to it; a changed one is written; writing a name again replaces
// the staged file and never writes through a link into the published
// version; a name outside the version is refused.
func TestWriteFileReuses(t *testing.T) {
	public := t.TempDir()
	v1 := version("1.0", day, "page")
	if _, err := publish(t, public, "1.0", v1, false); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(public)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Discard()
	st.Reuse("1.0", Latest)
	for name, content := range map[string]string{"manifest.json": v1["manifest.json"], "figures/a.svg": "<svg/>", "index.html": "new page"} {
		if err := st.WriteFile(name, []byte(content)); err != nil {
			t.Fatal(err)
		}
		linked := sameFile(filepath.Join(st.Dir, name), filepath.Join(public, "1.0", name))
		if want := content == v1[name]; linked != want {
			t.Errorf("%s: linked to the published file = %v, want %v", name, linked, want)
		}
	}
	if err := st.WriteFile("figures/a.svg", []byte("<svg>changed</svg>")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(public, "1.0", "figures", "a.svg")); string(b) != "<svg/>" {
		t.Errorf("writing a staged file again changed the published one: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(st.Dir, "figures", "a.svg")); string(b) != "<svg>changed</svg>" {
		t.Errorf("staged figures/a.svg = %q", b)
	}
	if err := st.WriteFile("../escape", []byte("x")); err == nil {
		t.Error("a name outside the version was written")
	}
	if out, err := Publish(st, "1.0", true, listIndex); err != nil || out != Replaced {
		t.Fatalf("Publish = %v, %v", out, err)
	}
	want := map[string]string{"manifest.json": v1["manifest.json"], "figures/a.svg": "<svg>changed</svg>", "index.html": "new page"}
	if got := tree(t, filepath.Join(public, "1.0")); !same(got, want) {
		t.Errorf("1.0 = %v, want %v", got, want)
	}
	if got := tree(t, filepath.Join(public, Latest)); !same(got, want) {
		t.Errorf("latest = %v, want %v", got, want)
	}
}

// TestStagedLatest: after StageLatest, the files WriteFile stages are
// linked into a copy for latest/, which Publish takes when it holds exactly
// the version's files (a file staged twice holds its last bytes), and
// leaves when a file reached the version another way; latest/ is the
// version either way.
func TestStagedLatest(t *testing.T) {
	for _, tc := range []struct {
		name  string
		other bool // a file written into the version without WriteFile
		taken bool
	}{
		{"every file through WriteFile", false, true},
		{"a file written around it", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			public := t.TempDir()
			if _, err := publish(t, public, "1.0", version("1.0", day, "page"), false); err != nil {
				t.Fatal(err)
			}
			st, err := NewStage(public)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Discard()
			st.StageLatest()
			v := version("1.1", day.AddDate(0, 0, 1), "new page")
			v["figures/a.svg"] = "<svg>last</svg>"
			for _, f := range [][2]string{{"manifest.json", v["manifest.json"]}, {"index.html", v["index.html"]},
				{"figures/a.svg", "<svg>first</svg>"}, {"figures/a.svg", v["figures/a.svg"]}} {
				if err := st.WriteFile(f[0], []byte(f[1])); err != nil {
					t.Fatal(err)
				}
			}
			if tc.other {
				v["extra.txt"] = "x"
				if err := os.WriteFile(filepath.Join(st.Dir, "extra.txt"), []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			pre, err := os.Stat(filepath.Join(st.work, stPreLatest))
			if err != nil {
				t.Fatal(err)
			}
			if out, err := Publish(st, "1.1", false, listIndex); err != nil || out != Published {
				t.Fatalf("Publish = %v, %v", out, err)
			}
			latest, err := os.Stat(filepath.Join(public, Latest))
			if err != nil {
				t.Fatal(err)
			}
			if taken := os.SameFile(pre, latest); taken != tc.taken {
				t.Errorf("the copy for latest/ taken = %v, want %v", taken, tc.taken)
			}
			if got := tree(t, filepath.Join(public, Latest)); !same(got, v) {
				t.Errorf("latest/ = %v, want %v", got, v)
			}
			if got := tree(t, filepath.Join(public, "1.1")); !same(got, v) {
				t.Errorf("1.1 = %v, want %v", got, v)
			}
		})
	}
}
