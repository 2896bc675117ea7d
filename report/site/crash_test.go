//go:build unix

package site

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The crash test runs this test binary again as a child that publishes (or
// recovers) and kills itself with SIGKILL at the n-th point of the
// publish sequence; see crash in journal.go.
const (
	envCrashAt     = "SITE_TEST_CRASH_AT"
	envCrashPublic = "SITE_TEST_CRASH_PUBLIC"
	envCrashDo     = "SITE_TEST_CRASH_DO" // "force" or "recover"
)

func TestMain(m *testing.M) {
	if at := os.Getenv(envCrashAt); at != "" {
		os.Exit(crashChild(at))
	}
	os.Exit(m.Run())
}

// forced is the content the child force-publishes as version 1.0: built
// after every other version, so latest/ and the index change with it.
func forced() map[string]string {
	return version("1.0", day.AddDate(0, 0, 10), "forced 1.0")
}

// crashChild does one publish or recovery, dying at the n-th crash point;
// it reports how many points it passed when it lives to the end.
func crashChild(at string) int {
	n, _ := strconv.Atoi(at)
	passed := 0
	crash = func(string) {
		passed++
		if passed == n {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	public := os.Getenv(envCrashPublic)
	var err error
	if os.Getenv(envCrashDo) == "recover" {
		err = Recover(public)
	} else {
		_, err = publishStaged(public, "1.0", forced(), true)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	fmt.Print(passed)
	return 0
}

// runChild runs the child; done says it ran to the end, passing points.
func runChild(t *testing.T, public, do string, n int) (done bool, points int) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), envCrashAt+"="+strconv.Itoa(n), envCrashPublic+"="+public, envCrashDo+"="+do)
	out, err := cmd.Output()
	if err == nil {
		points, _ = strconv.Atoi(string(out))
		return true, points
	}
	if ee, ok := err.(*exec.ExitError); ok && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL {
		return false, 0
	}
	t.Fatalf("child (%s, crash at %d): %v: %s", do, n, err, ee(err))
	return false, 0
}

func ee(err error) string {
	if e, ok := err.(*exec.ExitError); ok {
		return string(e.Stderr)
	}
	return ""
}

// crashSetup publishes 1.0, a version named 1.0.old and 2.0 (latest), and
// puts beside them folders that only look like leftovers.
func crashSetup(t *testing.T) (public string, old map[string]string) {
	public = t.TempDir()
	for i, v := range []string{"1.0", "1.0.old", "2.0"} {
		if _, err := publish(t, public, v, version(v, day.AddDate(0, 0, i), "page of "+v), false); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{"latest.old", ".staging-1.0-1"} {
		os.MkdirAll(filepath.Join(public, dir), 0o755)
		os.WriteFile(filepath.Join(public, dir, "keep"), []byte(dir), 0o644)
	}
	return public, tree(t, public)
}

// checkUntouched: everything but 1.0, index.html and latest/ is as it was.
func checkUntouched(t *testing.T, public string, old map[string]string) {
	t.Helper()
	now := tree(t, public)
	for p, c := range old {
		if !strings.HasPrefix(p, "1.0/") && p != Index && !strings.HasPrefix(p, Latest+"/") && now[p] != c {
			t.Errorf("%s changed or gone", p)
		}
	}
	if v := sub(now, "1.0"); len(v) > 0 && !same(v, sub(old, "1.0")) && !same(v, forced()) {
		t.Errorf("1.0 is neither the old nor the forced version: %v", v)
	}
}

// checkRecovered: after recovery, 1.0 is wholly old or wholly forced, the
// index lists exactly the versions on disk, latest/ is the newest, nothing
// is left over, and 1.0 is still protected against a different build.
func checkRecovered(t *testing.T, public string, old map[string]string) {
	t.Helper()
	checkUntouched(t, public, old)
	now := tree(t, public)
	if v := sub(now, "1.0"); !same(v, sub(old, "1.0")) && !same(v, forced()) {
		t.Errorf("1.0 is missing or mixed after recovery: %v", v)
	}
	vs, _ := Versions(public)
	want, _ := listIndex(vs)
	if len(vs) != 3 || now[Index] != string(want) {
		t.Errorf("index.html = %q with %d versions on disk, want %q", now[Index], len(vs), want)
	}
	if !same(sub(now, Latest), sub(now, vs[0].Version)) {
		t.Errorf("latest/ is not %s, the newest version", vs[0].Version)
	}
	if left := leftovers(public); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
	if _, err := publish(t, public, "1.0", version("1.0", day, "yet another"), false); err == nil {
		t.Errorf("a different 1.0 was accepted without force")
	}
}

// TestCrashAnywhereInForcedPublish kills a forced publish at every point
// of its sequence, and then the recovery at every point of its own; every
// published version survives each time, and the next run finishes the
// job.
func TestCrashAnywhereInForcedPublish(t *testing.T) {
	for n := 1; ; n++ {
		public, old := crashSetup(t)
		done, points := runChild(t, public, "force", n)
		if done {
			if n < 8 {
				t.Fatalf("the publish sequence passed only %d crash points", points)
			}
			checkRecovered(t, public, old)
			t.Logf("killed a forced publish at each of its %d points", n-1)
			return
		}
		t.Run(fmt.Sprintf("killed at point %d", n), func(t *testing.T) {
			checkUntouched(t, public, old)
			for m := 1; ; m++ {
				again := filepath.Join(t.TempDir(), "public")
				if err := copyTree(public, again); err != nil {
					t.Fatal(err)
				}
				if done, _ := runChild(t, again, "recover", m); done {
					break
				}
				checkUntouched(t, again, old)
				if err := Recover(again); err != nil {
					t.Fatalf("recovery after a crash in recovery at point %d: %v", m, err)
				}
				checkRecovered(t, again, old)
			}
			if err := Recover(public); err != nil {
				t.Fatal(err)
			}
			checkRecovered(t, public, old)
		})
	}
}

// publishStaged publishes as a build does: every file written through
// WriteFile, which makes latest/'s copy as it goes (StageLatest).
func publishStaged(public, v string, files map[string]string, force bool) (Outcome, error) {
	st, err := NewStage(public)
	if err != nil {
		return 0, err
	}
	defer st.Discard()
	st.StageLatest()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := st.WriteFile(name, []byte(files[name])); err != nil {
			return 0, err
		}
	}
	return Publish(st, v, force, listIndex)
}

// copyTree copies the tree src into dst (which must not exist), so a
// recovery can be tried on a copy of a crashed public/ without touching
// the original; linkTree would share the files.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.Mkdir(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
}
