package scaffold

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestByDate names instruments by their responses' median date against
// a course starting on Monday 2 March 2026 and lasting 8 weeks.
func TestByDate(t *testing.T) {
	p := &Plan{Courses: []*Course{{Key: "c", Start: mustDate("2026-03-02"), Weeks: 8}}}
	for _, c := range []struct{ when, want string }{{"2026-02-20", "pre"}, {"2026-03-08", "pre"}, {"2026-03-09", "survey"}, {"2026-04-20", "post"}, {"2026-06-01", "post"}} {
		sv := &Survey{Course: "c", when: mustDate(c.when)}
		if got, saw := p.byDate(sv); got != c.want {
			t.Errorf("%s: %s (%s), want %s", c.when, got, saw, c.want)
		}
	}
}

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestOwnFolders: run in the study folder itself, init does not take a
// previous build's public/ or the narrative for exports.
func TestOwnFolders(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"grades.csv":            "Student ID,Email,Username,Grade,Enrollment Track,Verification Status,Certificate Eligible,Certificate Delivered,Certificate Type\n1,a@x,a,0.5,verified,ID Verified,Y,N,N/A\n",
		"public/1.0.0/data.csv": "Week,Active\n1,5\n",
		"content/intro.md":      "# Introduction\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	p, err := Inspect(Options{Exports: dir, StudyDir: dir, Salt: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 1 || p.Files[0].Path != "grades.csv" {
		t.Errorf("files %+v, want grades.csv alone", p.Files)
	}
}
